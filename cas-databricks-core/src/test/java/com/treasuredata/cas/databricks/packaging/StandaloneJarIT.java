package com.treasuredata.cas.databricks.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's standalone jar ({@code target/cas-databricks.jar}) as a JShell or {@code java -cp} user
 * gets it: the library and its runtime dependencies, nothing of the tests or of the fake, and quiet
 * (WARN) logging unless asked for more. Runs after {@code package} (failsafe, {@code verify}).
 */
class StandaloneJarIT {

  private static Path jar;
  private static List<String> entries;

  @BeforeAll
  static void readTheJar() throws IOException {
    jar = Paths.get(System.getProperty("cas.standaloneJar", "target/cas-databricks.jar"));
    assertThat(jar).as("the standalone jar, built by package").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(entry -> entry.getName()).toList();
    }
  }

  @Test
  void holdsNoTestLibraryNoTestUtilityAndNoFake() {
    assertThat(entries)
        .noneMatch(name -> name.startsWith("org/junit/"))
        .noneMatch(name -> name.startsWith("org/assertj/"))
        .noneMatch(name -> name.startsWith("org/opentest4j/"))
        .noneMatch(name -> name.contains("mockwebserver"))
        .noneMatch(name -> name.startsWith("com/treasuredata/cas/databricks/testkit/"))
        .noneMatch(name -> name.startsWith("com/treasuredata/cas/databricks/testing/"));
  }

  @Test
  void holdsEveryClassOfTheLibrary() throws IOException {
    // given
    Path classes = Paths.get(System.getProperty("cas.classesDir", "target/classes"));
    List<String> libraryClasses;
    try (Stream<Path> files = Files.walk(classes)) {
      libraryClasses = files.filter(p -> p.toString().endsWith(".class"))
          .map(p -> classes.relativize(p).toString().replace('\\', '/'))
          .toList();
    }

    // then
    assertThat(libraryClasses).contains("com/treasuredata/cas/databricks/CasOnboarding.class");
    assertThat(entries).containsAll(libraryClasses);
  }

  @Test
  void holdsTheRuntimeDependenciesAndOneLoggingBinding() {
    assertThat(entries)
        .contains("com/databricks/sdk/WorkspaceClient.class")
        .contains("okhttp3/OkHttpClient.class")
        .contains("com/fasterxml/jackson/databind/ObjectMapper.class")
        .contains("org/slf4j/Logger.class")
        .contains("org/slf4j/simple/SimpleServiceProvider.class")
        .contains("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
  }

  @Test
  void configuresWarnAsTheDefaultLogLevel() throws IOException {
    // when
    Properties properties = new Properties();
    try (JarFile file = new JarFile(jar.toFile());
        InputStream in = file.getInputStream(file.getJarEntry("simplelogger.properties"))) {
      properties.load(in);
    }

    // then
    assertThat(properties.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("warn");
  }

  @Test
  void logsWarningsButNotInfoByDefault(@TempDir Path dir) throws Exception {
    // when
    String stderr = runLogProbe(dir);

    // then
    assertThat(stderr).contains("WARN").contains("probe-warning").doesNotContain("probe-info");
  }

  @Test
  void logsInfoWhenTheSystemPropertyAsksForIt(@TempDir Path dir) throws Exception {
    // when
    String stderr = runLogProbe(dir, "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");

    // then
    assertThat(stderr).contains("probe-info").contains("probe-warning");
  }

  /** Runs a one-file program on nothing but the standalone jar and returns what it wrote to stderr. */
  private static String runLogProbe(Path dir, String... jvmOptions) throws Exception {
    Path source = dir.resolve("LogProbe.java");
    Files.writeString(source, """
        public class LogProbe {
          public static void main(String[] args) {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(com.treasuredata.cas.databricks.CasOnboarding.class);
            log.info("probe-info");
            log.warn("probe-warning");
          }
        }
        """);
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", jar.toString(), source.toString()));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe exited").isTrue();
    assertThat(process.exitValue()).as("exit code; stderr: %s", stderr).isZero();
    return stderr;
  }
}
