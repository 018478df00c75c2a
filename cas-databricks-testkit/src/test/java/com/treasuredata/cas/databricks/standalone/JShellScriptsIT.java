package com.treasuredata.cas.databricks.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.standalone.StandaloneFake.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every JShell script under docs/ runs through the real {@code jshell} binary, on the class path
 * its first lines tell the reader to use, and prints the plan and the result in full.
 */
@Execution(ExecutionMode.CONCURRENT)
class JShellScriptsIT {

  private static final Path REPO = Paths.get(System.getProperty("cas.repoRoot", "..")).toAbsolutePath().normalize();
  private static final String JSHELL = Paths.get(System.getProperty("java.home"), "bin", "jshell").toString();

  @TempDir
  Path home;

  @Test
  void everyScriptUnderDocsIsRunByThisClass() throws Exception {
    try (Stream<Path> files = Files.walk(REPO.resolve("docs"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".jsh")).map(p -> REPO.relativize(p).toString().replace('\\', '/')))
          .containsExactlyInAnyOrder("docs/jshell/onboard-fake.jsh", "docs/jshell/profile.jsh");
    }
  }

  @Test
  void onboardFakePrintsThePlanTheResultAndASecondRunWithoutWrites() throws Exception {
    // when
    Run run = jshell(null, Map.of(), StandaloneFake.TESTKIT_JAR, "docs/jshell/onboard-fake.jsh");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("Plan for https://")
        .containsPattern("service-principal +CREATE +no service principal named 'TD-CAS-Service'")
        .containsPattern("catalog-grant:cas_demo_east1 +UPDATE")
        .contains("succeeded", "obo-token: CREATED", "verify-token: UNCHANGED", "value Secret[****]")
        .contains("Second run: 0 writes")
        .doesNotContain("Error:", "Exception", " INFO ");
  }

  @Test
  void profilePlansAgainstTheProfileAndAppliesOnlyWhenAsked() throws Exception {
    try (StandaloneFake fake = StandaloneFake.start(home)) {
      // when
      Run plan = jshell(fake, Map.of("cas.profile", "fake", "cas.catalog", "cas_demo_east1"),
          StandaloneFake.CORE_JAR, "docs/jshell/profile.jsh");
      Run apply = jshell(fake, Map.of("cas.profile", "fake", "cas.accountProfile", "fake-account",
          "cas.catalog", "cas_demo_east1", "cas.tokenDays", "30", "cas.apply", "true"), StandaloneFake.CORE_JAR,
          "docs/jshell/profile.jsh");

      // then
      assertThat(plan.exitCode()).isZero();
      assertThat(apply.exitCode()).isZero();
      assertThat(plan.stdout()).contains("Plan for " + fake.workspaceHost())
          .containsPattern("obo-token +CREATE .*valid for 90 days")
          .contains("Nothing applied.").doesNotContain("Error:", "Exception");
      assertThat(apply.stdout()).contains("Plan for " + fake.workspaceHost())
          .containsPattern("obo-token +CREATE .*valid for 30 days")
          .contains("Onboarding of " + fake.workspaceHost() + " succeeded", "service-principal: CREATED", "value Secret[****]")
          .doesNotContain("Error:", "Exception");
    }
  }

  /** Runs {@code script} like a reader: jshell with the jar on the class path, then {@code /exit} on stdin. */
  private Run jshell(StandaloneFake fake, Map<String, String> properties, Path jar, String script) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(JSHELL));
    properties.forEach((k, v) -> command.add("-R-D" + k + "=" + v));
    command.addAll(List.of("--class-path", jar.toString(), script));
    return fake != null
        ? fake.run(REPO, Map.of(), "/exit\n", command)
        : StandaloneFake.run(REPO, home, Map.of(), "/exit\n", command);
  }
}
