package com.treasuredata.cas.databricks.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.treasuredata.cas.databricks.standalone.StandaloneFake.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code java -jar cas-databricks.jar} as a user runs it: each command a separate process against
 * the standalone fake, reached through a profile file or {@code DATABRICKS_*} variables. Each test
 * onboards its own service principal, so the tests share one fake, stay independent and run side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class CommandLineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir
  static Path home;

  private static StandaloneFake fake;

  @TempDir
  Path dir;

  @BeforeAll
  static void startTheFake() throws Exception {
    fake = StandaloneFake.start(home);
  }

  @AfterAll
  static void stopTheFake() throws Exception {
    fake.close();
  }

  /** The flags of a full onboarding of {@code name} through the profiles, plus {@code more}. */
  private static String[] onboard(String command, String name, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--workspace-profile", "fake", "--account-profile", "fake-account",
        "--service-principal", name, "--token-lifetime", "90d", "--grant", "cas_demo_east1"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  @Test
  void helpOfEachCommandListsEveryFlagAndTheExitCodes() throws Exception {
    // when
    Run top = fake.cli(dir, NO_ENV, "--help");
    Run plan = fake.cli(dir, NO_ENV, "plan", "--help");
    Run apply = fake.cli(dir, NO_ENV, "apply", "--help");

    // then
    assertThat(top.exitCode()).isZero();
    assertThat(top.stdout()).contains("Usage: java -jar cas-databricks.jar", "plan ", "apply ", "Exit codes:", "--version");
    List<String> shared = List.of("--workspace-profile=PROFILE", "--account-profile=PROFILE", "--config-file=FILE",
        "--workspace-id=ID", "--service-principal=NAME", "--adopt=APPLICATION_ID", "--token-lifetime=DURATION",
        "--rotate-token", "--without-token", "--grant=CATALOG", "--without-grants", "--ip-label=LABEL", "--ip=ADDRESS",
        "--allow-first-allow-list", "--expect-onboarded", "--json", "--verbose", "--help", "DATABRICKS_HOST", "90d or 12h",
        "Exit codes:", "0  done", "1  failed", "2  bad usage");
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.stdout()).contains(shared).doesNotContain("--reveal");
    assertThat(apply.exitCode()).isZero();
    assertThat(apply.stdout()).contains(shared).contains("--secret-file=FILE", "rw-------", "--reveal");
  }

  @Test
  void helpOfVerifyRenewAndOffboardListsTheirFlags() throws Exception {
    // when
    Run top = fake.cli(dir, NO_ENV, "--help");
    Run verify = fake.cli(dir, NO_ENV, "verify", "--help");
    Run renew = fake.cli(dir, NO_ENV, "renew", "--help");
    Run offboard = fake.cli(dir, NO_ENV, "offboard", "--help");

    // then
    assertThat(top.stdout()).contains("verify ", "renew ", "offboard ");
    List<String> onboarding = List.of("--workspace-profile=PROFILE", "--account-profile=PROFILE", "--service-principal=NAME",
        "--adopt=APPLICATION_ID", "--token-lifetime=DURATION", "--without-token", "--grant=CATALOG", "--without-grants",
        "--ip-label=LABEL", "--ip=ADDRESS", "--json", "--verbose", "--help", "0  done", "1  failed", "2  bad usage");
    for (Run run : List.of(verify, renew, offboard)) {
      assertThat(run.exitCode()).as(run.stderr()).isZero();
    }
    assertThat(verify.stdout()).contains(onboarding).contains("--deep", "--secret-file=FILE", "3  unhealthy").doesNotContain("--reveal");
    assertThat(offboard.stdout()).contains(onboarding).contains("--dry-run").doesNotContain("--secret-file");
    assertThat(renew.stdout()).contains("--workspace-host=URL", "--workspace-profile=PROFILE", "--config-file=FILE",
        "DATABRICKS_HOST", "--secret-file=FILE", "rw-------", "--lifetime=DURATION", "--if-expiring-within=DURATION",
        "--reveal", "--json", "--verbose", "0  done", "1  failed", "2  bad usage").doesNotContain("--service-principal");
  }

  @Test
  void verifyOfAHealthyOnboardingExits0WithTheReportAsJsonAndDeepReadsTheSecretFile() throws Exception {
    // given
    assertThat(fake.cli(dir, NO_ENV, onboard("apply", "cli-verify")).exitCode()).isZero();
    String token = Files.readString(dir.resolve("cas-databricks-token"));

    // when
    Run run = fake.cli(dir, NO_ENV, onboard("verify", "cli-verify", "--json"));
    Run deep = fake.cli(dir, NO_ENV, onboard("verify", "cli-verify", "--deep"));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode report = JSON.readTree(run.stdout());
    assertThat(report.get("healthy").asBoolean()).isTrue();
    assertThat(report.get("items").findValuesAsText("status")).isNotEmpty().containsOnly("OK");
    assertThat(deep.exitCode()).as(deep.stderr()).isZero();
    assertThat(deep.stdout()).contains("HEALTHY").doesNotContain(token);
    assertThat(deep.stderr()).doesNotContain(token);
  }

  @Test
  void verifyAfterTheServicePrincipalsTokenWasRevokedExits3NamingTheItemAndApplyRestoresIt() throws Exception {
    // given
    assertThat(fake.cli(dir, NO_ENV, onboard("apply", "cli-drift")).exitCode()).isZero();
    fake.revokeOwnTokens(Files.readString(dir.resolve("cas-databricks-token")));

    // when
    Run run = fake.cli(dir, NO_ENV, onboard("verify", "cli-drift"));
    Run json = fake.cli(dir, NO_ENV, onboard("verify", "cli-drift", "--json"));
    Run apply = fake.cli(dir, NO_ENV, onboard("apply", "cli-drift"));
    Run healed = fake.cli(dir, NO_ENV, onboard("verify", "cli-drift"));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
    assertThat(run.stdout()).contains("UNHEALTHY").containsPattern("MISSING +obo-token: no valid token of ours");
    assertThat(json.exitCode()).isEqualTo(3);
    JsonNode report = JSON.readTree(json.stdout());
    assertThat(report.get("healthy").asBoolean()).isFalse();
    JsonNode token = report.get("items").findParents("check").stream()
        .filter(item -> item.get("check").asText().equals("obo-token")).findFirst().orElseThrow();
    assertThat(token.get("status").asText()).isEqualTo("MISSING");
    assertThat(token.get("fix").asText()).isNotEmpty();
    assertThat(apply.exitCode()).as(apply.stderr()).isZero();
    assertThat(healed.exitCode()).as(healed.stderr()).isZero();
    assertThat(healed.stdout()).contains("HEALTHY").containsPattern("OK +obo-token: ");
  }

  @Test
  void renewReplacesTheTokenInTheOwnerOnlyFileAndRevokesTheOldOneWithNoSecretOnStdout() throws Exception {
    // given
    assertThat(fake.cli(dir, NO_ENV, onboard("apply", "cli-renew")).exitCode()).isZero();
    Path secretFile = dir.resolve("cas-databricks-token");
    String old = Files.readString(secretFile);

    // when
    Run run = fake.cli(dir, NO_ENV, "renew", "--workspace-profile", "fake", "--lifetime", "30d", "--json");

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String renewed = Files.readString(secretFile);
    assertThat(renewed).startsWith("dapi").isNotEqualTo(old).doesNotContain("\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
    assertThat(fake.meStatus(renewed)).as("the new token authenticates").isEqualTo(200);
    assertThat(fake.meStatus(old)).as("the old token is revoked").isNotEqualTo(200);
    JsonNode result = JSON.readTree(run.stdout());
    assertThat(result.get("renewed").asBoolean()).isTrue();
    assertThat(result.get("token").get("value").asText()).isEqualTo("Secret[****]");
    assertThat(result.get("token").get("secretFile").asText()).isEqualTo(secretFile.toString());
    assertThat(run.stdout() + run.stderr()).doesNotContain(renewed).doesNotContain(old);
  }

  @Test
  void renewIfExpiringWithinLeavesAFreshTokenAndItsFileAlone() throws Exception {
    // given
    assertThat(fake.cli(dir, NO_ENV, onboard("apply", "cli-renew-due")).exitCode()).isZero();
    Path secretFile = dir.resolve("cas-databricks-token");
    String token = Files.readString(secretFile);

    // when
    Run run = fake.cli(dir, Map.of("DATABRICKS_HOST", fake.workspaceHost()), "renew", "--if-expiring-within", "14d", "--json");

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(JSON.readTree(run.stdout()).get("renewed").asBoolean()).isFalse();
    assertThat(Files.readString(secretFile)).isEqualTo(token);
    assertThat(fake.meStatus(token)).isEqualTo(200);
  }

  @Test
  void offboardRemovesWhatApplySetUpAndASecondOffboardWritesNothing() throws Exception {
    // given
    assertThat(fake.cli(dir, NO_ENV, onboard("apply", "cli-offboard")).exitCode()).isZero();
    String token = Files.readString(dir.resolve("cas-databricks-token"));

    // when
    Run dryRun = fake.cli(dir, NO_ENV, onboard("offboard", "cli-offboard", "--dry-run", "--json"));
    Run first = fake.cli(dir, NO_ENV, onboard("offboard", "cli-offboard", "--json"));
    Run second = fake.cli(dir, NO_ENV, onboard("offboard", "cli-offboard", "--json"));

    // then
    assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
    assertThat(JSON.readTree(dryRun.stdout()).get("hasChanges").asBoolean()).isTrue();
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    JsonNode result = JSON.readTree(first.stdout());
    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("writeCount").asInt()).isPositive();
    assertThat(fake.meStatus(token)).as("the token is revoked").isNotEqualTo(200);
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(JSON.readTree(second.stdout()).get("writeCount").asInt()).isZero();
    assertThat(fake.cli(dir, NO_ENV, onboard("plan", "cli-offboard")).stdout()).contains("no service principal named 'cli-offboard'");
  }

  @Test
  void planPrintsOneLinePerStepAndExits0() throws Exception {
    // when
    Run run = fake.cli(dir, NO_ENV, onboard("plan", "cli-plan"));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("Plan for " + fake.workspaceHost())
        .containsPattern("service-principal +CREATE +no service principal named 'cli-plan'")
        .containsPattern("obo-token +CREATE .*valid for 90 days");
    assertThat(run.stderr()).contains("planning (GET requests only)");
  }

  @Test
  void planAdvisesWithFlagsNotWithJavaMethods() throws Exception {
    // when: a workspace admin only, so the plan warns that the account's principals cannot be seen
    Run run = fake.cli(dir, NO_ENV, "plan", "--workspace-profile", "fake", "--service-principal", "cli-wording", "--token-lifetime", "1d",
        "--grant", "cas_demo_east1");

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("use --adopt APPLICATION_ID instead").doesNotContain("adoptServicePrincipal(");
  }

  @Test
  void planAsJsonIsOneObjectWithEveryStep() throws Exception {
    // when
    Run run = fake.cli(dir, NO_ENV, onboard("plan", "cli-plan-json", "--json"));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode plan = JSON.readTree(run.stdout());
    assertThat(plan.get("workspaceHost").asText()).isEqualTo(fake.workspaceHost());
    assertThat(plan.get("hasChanges").asBoolean()).isTrue();
    assertThat(plan.get("servicePrincipal").isNull()).isTrue();
    assertThat(plan.get("steps").findValuesAsText("step"))
        .contains("service-principal", "workspace-membership", "token-usage", "obo-token", "verify-token", "catalog-grant:cas_demo_east1");
    assertThat(plan.get("steps").get(0).get("action").asText()).isEqualTo("CREATE");
  }

  @Test
  void applyWritesTheTokenToAnOwnerOnlyFileAndNeverToStdout() throws Exception {
    // when
    Run run = fake.cli(dir, NO_ENV, onboard("apply", "cli-apply"));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    Path secretFile = dir.resolve("cas-databricks-token");
    String token = Files.readString(secretFile);
    assertThat(token).startsWith("dapi").doesNotContain("\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
    assertThat(run.stdout()).doesNotContain(token).contains("Secret[****]").contains("token value written to " + secretFile);
    assertThat(run.stderr()).doesNotContain(token).contains("obo-token: CREATED");
    assertThat(fake.meStatus(token)).as("the token in the file authenticates").isEqualTo(200);
  }

  @Test
  void applyLooksTheServicePrincipalUpAgainAfterCreatingItSinceAnotherProcessMayCreateItToo() throws Exception {
    // when
    Run run = fake.cli(dir, NO_ENV, onboard("apply", "cli-guarded"));

    // then: the lookup of the name before the create and once after it
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<String> lookups = fake.journal().stream()
        .filter(e -> e.path("method").asText().equals("GET") && e.path("path").asText().endsWith("/ServicePrincipals"))
        .map(e -> java.net.URLDecoder.decode(e.path("query").asText(), java.nio.charset.StandardCharsets.UTF_8))
        .filter(q -> q.contains("\"cli-guarded\""))
        .toList();
    assertThat(lookups).hasSize(2);
  }

  @Test
  void applyAsJsonWritesTheSecretFileNamedByTheFlagAndNamesItInTheJson() throws Exception {
    // given
    Path secretFile = dir.resolve("secrets").resolve("td-cas.pat");
    Files.createDirectories(secretFile.getParent());

    // when
    Run run = fake.cli(dir, NO_ENV, onboard("apply", "cli-apply-json", "--json", "--secret-file", secretFile.toString()));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode result = JSON.readTree(run.stdout());
    String token = Files.readString(secretFile);
    assertThat(run.stdout()).doesNotContain(token);
    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("servicePrincipal").get("displayName").asText()).isEqualTo("cli-apply-json");
    assertThat(result.get("token").get("value").asText()).isEqualTo("Secret[****]");
    assertThat(result.get("token").get("secretFile").asText()).isEqualTo(secretFile.toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
  }

  @Test
  void applyWithRevealPrintsTheWorkingTokenOnStdoutAndWritesNoFile() throws Exception {
    // when
    Run run = fake.cli(dir, NO_ENV, onboard("apply", "cli-reveal", "--json", "--reveal"));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String token = JSON.readTree(run.stdout()).get("token").get("value").asText();
    assertThat(token).startsWith("dapi");
    assertThat(fake.meStatus(token)).isEqualTo(200);
    assertThat(run.stderr()).doesNotContain(token);
    assertThat(dir.resolve("cas-databricks-token")).doesNotExist();
  }

  @Test
  void aSecondApplyWritesNothingAndLeavesNoSecretFile() throws Exception {
    // given
    Path first = Files.createDirectory(dir.resolve("first"));
    assertThat(fake.cli(first, NO_ENV, onboard("apply", "cli-twice")).exitCode()).isZero();

    // when
    Run again = fake.cli(dir, NO_ENV, onboard("apply", "cli-twice", "--json", "--expect-onboarded"));

    // then
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    JsonNode result = JSON.readTree(again.stdout());
    assertThat(result.get("writeCount").asInt()).isZero();
    assertThat(result.get("token").get("secretUnavailable").asBoolean()).isTrue();
    assertThat(dir.resolve("cas-databricks-token")).doesNotExist();
  }

  @Test
  void readsTheWorkspaceFromDatabricksEnvironmentVariablesWithoutAProfile() throws Exception {
    // given
    Map<String, String> env = Map.of("DATABRICKS_HOST", fake.workspaceHost(), "DATABRICKS_TOKEN", fake.adminToken());

    // when
    Run run = fake.cli(dir, env, "plan", "--service-principal", "cli-env", "--without-token", "--without-grants");

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("Plan for " + fake.workspaceHost()).contains("no service principal named 'cli-env'");
  }

  @Test
  void badUsageExits2NamingTheProblemWithNothingOnStdout() throws Exception {
    // when
    Run unknown = fake.cli(dir, NO_ENV, onboard("plan", "cli-bad", "--colour"));
    Run noServicePrincipal = fake.cli(dir, NO_ENV, "plan", "--workspace-profile", "fake", "--without-token", "--without-grants");
    Run badLifetime = fake.cli(dir, NO_ENV, "plan", "--workspace-profile", "fake", "--service-principal", "x",
        "--token-lifetime", "3 months", "--without-grants");
    Run tooLong = fake.cli(dir, NO_ENV, "plan", "--workspace-profile", "fake", "--service-principal", "x",
        "--token-lifetime", "1000d", "--without-grants");
    Run noProfile = fake.cli(dir, NO_ENV, "plan", "--workspace-profile", "nobody", "--service-principal", "x",
        "--without-token", "--without-grants");
    Run rotateAlone = fake.cli(dir, NO_ENV, "apply", "--workspace-profile", "fake", "--service-principal", "x",
        "--rotate-token", "--without-grants");
    Run noCommand = fake.cli(dir, NO_ENV);
    Run renewWithoutSecretFile = fake.cli(dir, NO_ENV, "renew", "--workspace-profile", "fake");
    Run deepWithoutSecretFile = fake.cli(dir, NO_ENV, onboard("verify", "cli-bad", "--deep"));
    Path someToken = Files.writeString(dir.resolve("sp.pat"), "dapi-not-a-real-token");
    Run renewWithoutWorkspace = fake.cli(dir, NO_ENV, "renew", "--secret-file", someToken.toString());

    // then
    for (Run run : List.of(unknown, noServicePrincipal, badLifetime, tooLong, noProfile, rotateAlone, noCommand,
        renewWithoutSecretFile, deepWithoutSecretFile, renewWithoutWorkspace)) {
      assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
      assertThat(run.stdout()).isEmpty();
    }
    assertThat(unknown.stderr()).contains("--colour");
    assertThat(noServicePrincipal.stderr()).contains("--service-principal=NAME | --adopt=APPLICATION_ID");
    assertThat(badLifetime.stderr()).contains("'3 months' is not a duration", "90d or 12h");
    assertThat(tooLong.stderr()).contains("1000 days").contains("730 days");
    assertThat(noProfile.stderr()).contains("nobody");
    assertThat(rotateAlone.stderr()).contains("--token-lifetime=DURATION");
    assertThat(noCommand.stderr()).contains("a command is required: plan, apply, verify, renew, offboard");
    assertThat(renewWithoutSecretFile.stderr()).contains("--secret-file cas-databricks-token does not exist");
    assertThat(deepWithoutSecretFile.stderr()).contains("--secret-file cas-databricks-token does not exist");
    assertThat(renewWithoutWorkspace.stderr()).contains("the workspace is required", "DATABRICKS_HOST");
  }

  @Test
  void aSecretFileInAMissingDirectoryIsBadUsageBeforeAnyRequest() throws Exception {
    // when
    Run run = fake.cli(dir, NO_ENV, onboard("apply", "cli-nodir", "--secret-file", dir.resolve("missing/token").toString()));

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("does not exist");
    Run plan = fake.cli(dir, NO_ENV, onboard("plan", "cli-nodir"));
    assertThat(plan.stdout()).as("nothing was created").contains("no service principal named 'cli-nodir'");
  }

  @Test
  void aFailedRunExits1WithTheReasonOnStderr() throws Exception {
    // when
    Run run = fake.cli(dir, NO_ENV, "apply", "--workspace-profile", "fake", "--service-principal", "cli-fail",
        "--token-lifetime", "1d", "--grant", "no_such_catalog", "--json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("no_such_catalog");
  }
}
