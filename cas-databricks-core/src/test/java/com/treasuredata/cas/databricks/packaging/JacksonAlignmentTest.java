package com.treasuredata.cas.databricks.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.Version;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A consumer of the core resolves one Jackson version: every Jackson module that databricks-sdk-java
 * depends on is also a direct dependency of the core (a consumer does not inherit our
 * dependencyManagement, but a nearer declaration wins Maven's mediation).
 */
class JacksonAlignmentTest {

  private static final String SDK_POM = "META-INF/maven/com.databricks/databricks-sdk-java/pom.xml";

  @Test
  void everyJacksonModuleTheSdkPullsIsADirectDependencyOfTheCore() throws Exception {
    // given
    List<String> sdkJackson;
    try (InputStream sdkPom = getClass().getClassLoader().getResourceAsStream(SDK_POM)) {
      assertThat(sdkPom).as(SDK_POM + " inside the SDK jar").isNotNull();
      sdkJackson = runtimeJacksonDependencies(parse(sdkPom));
    }

    // when
    List<String> ours;
    try (InputStream corePom = Files.newInputStream(Paths.get("pom.xml"))) {
      ours = runtimeJacksonDependencies(parse(corePom));
    }

    // then
    assertThat(sdkJackson).as("the SDK's Jackson dependencies").contains("com.fasterxml.jackson.core:jackson-databind");
    assertThat(ours).containsAll(sdkJackson);
  }

  @Test
  void theJacksonModulesOnTheClassPathShareOneVersion() {
    // given
    Map<String, Version> versions = Map.of(
        "jackson-core", com.fasterxml.jackson.core.json.PackageVersion.VERSION,
        "jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION,
        "jackson-datatype-jsr310", com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION,
        "jackson-datatype-jdk8", com.fasterxml.jackson.datatype.jdk8.PackageVersion.VERSION,
        "jackson-datatype-guava", com.fasterxml.jackson.datatype.guava.PackageVersion.VERSION);

    // then
    // (Version.equals also compares artifact ids; the numbers are what must agree)
    assertThat(versions.values()).extracting(Version::toString).as(versions.toString())
        .containsOnly(versions.get("jackson-databind").toString());
  }

  private static Document parse(InputStream pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom);
  }

  /** groupId:artifactId of the project's own Jackson dependencies that reach a consumer's run time. */
  private static List<String> runtimeJacksonDependencies(Document pom) {
    List<String> found = new ArrayList<>();
    Element project = pom.getDocumentElement();
    NodeList sections = project.getChildNodes();
    for (int i = 0; i < sections.getLength(); i++) {
      if (!(sections.item(i) instanceof Element section) || !section.getTagName().equals("dependencies")) {
        continue; // dependencyManagement and plugin dependencies are not what a consumer resolves
      }
      NodeList dependencies = section.getElementsByTagName("dependency");
      for (int j = 0; j < dependencies.getLength(); j++) {
        Element dependency = (Element) dependencies.item(j);
        String groupId = text(dependency, "groupId");
        String scope = text(dependency, "scope");
        if (groupId.startsWith("com.fasterxml.jackson") && !scope.equals("provided") && !scope.equals("test")) {
          found.add(groupId + ":" + text(dependency, "artifactId"));
        }
      }
    }
    return found;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }
}
