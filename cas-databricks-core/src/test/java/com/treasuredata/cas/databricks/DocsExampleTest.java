package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom step in docs/usage.md ("Write your own step") compiles against the library as it is. */
class DocsExampleTest {

  private static final Pattern FIRST_JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theWriteYourOwnStepExampleCompiles(@TempDir Path dir) throws IOException {
    // given
    String usage = Files.readString(Path.of("..", "docs", "usage.md"), StandardCharsets.UTF_8);
    String section = usage.substring(usage.indexOf("## Write your own step"));
    Matcher block = FIRST_JAVA_BLOCK.matcher(section);
    assertThat(block.find()).as("a java block in 'Write your own step'").isTrue();
    String source = block.group(1);
    assertThat(source).contains("implements OnboardingStep<String>", "Write.patch(", ".idempotent()");
    Path file = dir.resolve("WarehouseCanUse.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    // when
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("-classpath", classPath, "-d", dir.toString(), "-Xlint:all", "-Werror"), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file)).call();

    // then
    assertThat(compiled).as(diagnostics.toString()).isTrue();
    assertThat(dir.resolve("WarehouseCanUse.class")).exists();
  }
}
