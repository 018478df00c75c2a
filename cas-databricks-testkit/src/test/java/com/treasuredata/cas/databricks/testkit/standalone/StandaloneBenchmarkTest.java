package com.treasuredata.cas.databricks.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures the standalone start, from spawning the JVM to the ready line, and prints a table;
 * asserts nothing about time. Run with
 * {@code mvn -B -Pbench -pl cas-databricks-testkit -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=StandaloneBenchmarkTest}.
 * The shaded jar is used when {@code target/} holds one (package first), else the test class path.
 */
@Tag("bench")
class StandaloneBenchmarkTest {

  @Test
  void standaloneStartToReadyLine() throws Exception {
    // given
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path jar = shadedJar();
    List<String> command = new ArrayList<>(List.of(java.toString()));
    if (jar != null) {
      command.addAll(List.of("-jar", jar.toString()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), FakeDatabricksMain.class.getName()));
    }
    command.addAll(List.of("--port", "0"));

    // when
    List<Double> millis = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
        millis.add((System.nanoTime() - start) / 1e6);
        assertThat(line).startsWith("{\"account_host\"");
      } finally {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }

    // then
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.println();
    System.out.println("| Standalone start to ready line (" + (jar != null ? "java -jar " + jar.getFileName()
        : "java -cp <test class path>") + ") | ms |");
    System.out.println("|---|---:|");
    for (int i = 0; i < millis.size(); i++) {
      System.out.printf(Locale.ROOT, "| run %d | %.0f |%n", i + 1, millis.get(i));
    }
    System.out.printf(Locale.ROOT, "| **median of 5** | **%.0f** |%n", sorted.get(2));
    assertThat(millis).hasSize(5);
  }

  private static Path shadedJar() throws IOException {
    Path target = Paths.get("target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (var files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().equals("cas-databricks-testkit.jar")).findFirst().orElse(null);
    }
  }
}
