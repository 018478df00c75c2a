package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.RenewalResult;
import com.treasuredata.cas.databricks.TokenRenewal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code renew}: the service principal renews its own token ({@link TokenRenewal}), with the token
 * in the secret file and no admin at all; the new token replaces it in the file. Every request
 * authenticates as the service principal, so only the workspace's host is needed besides the file.
 */
@Command(name = "renew", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The service principal renews its own token, with no admin: with the token in --secret-file it mints",
        "a new one, proves it, then revokes its older tokens of ours. The new token replaces the old one in the file.", ""},
    footer = {"", ExitCodes.HELP})
final class RenewCommand extends CliCommand {

  @ArgGroup(exclusive = true, heading = "Workspace (one of; default: the DATABRICKS_HOST environment variable):%n")
  Workspace workspace;

  @Option(names = "--secret-file", paramLabel = "FILE", defaultValue = "cas-databricks-token",
      description = "File holding the service principal's current token, as apply writes it; replaced by the new token with permissions rw------- (owner only). Default: ${DEFAULT-VALUE} in the current directory.")
  Path secretFile;

  @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "90d", converter = DurationConverter.class,
      description = "Lifetime of the new token: a number and d, h, m or s, e.g. 90d or 12h (1 second to 730 days; at most the workspace's maximum). Default: ${DEFAULT-VALUE}.")
  Duration lifetime;

  @Option(names = "--if-expiring-within", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Renew only when the newest token of ours expires within this, e.g. 14d (or an earlier renewal left two); otherwise send GET requests only. For a daily job.")
  Duration threshold;

  @Option(names = "--reveal",
      description = "Print the new token's value on stdout (and in --json) instead of writing it to the secret file.")
  boolean reveal;

  static final class Workspace {
    @Option(names = "--workspace-host", paramLabel = "URL", required = true,
        description = "The workspace URL, e.g. https://dbc-1234.cloud.databricks.com.")
    String host;

    @Option(names = "--workspace-profile", paramLabel = "PROFILE", required = true,
        description = "Take the workspace URL from this profile of the Databricks config file (only its host; the profile's credentials are not used).")
    String profile;
  }

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "Databricks config file holding --workspace-profile. Default: DATABRICKS_CONFIG_FILE, else ~/.databrickscfg.")
  Path configFile;

  @Override
  int execute() {
    usageProblem(SecretFile.unreadable(secretFile));
    usageProblem(reveal ? null : SecretFile.problem(secretFile));
    TokenRenewal renewal;
    try {
      renewal = TokenRenewal.builder().workspace(host(), SecretFile.read(secretFile)).lifetime(lifetime).build();
    } catch (IllegalArgumentException | IOException e) {
      // bad settings: the library names the value and what is allowed, before any request
      return stopped(e, ExitCodes.USAGE);
    }
    TokenOutput output;
    int code;
    try {
      RenewalResult result = threshold == null ? renewal.renew() : renewal.renewIfExpiringWithin(threshold);
      output = new TokenOutput(result.toString(), result.toJson(), result.token());
      code = ExitCodes.OK;
    } catch (OnboardingFailedException e) {
      output = new TokenOutput(e.partialResult().toString(), e.partialResult().toJson(), e.partialResult().token());
      code = stopped(e, ExitCodes.FAILED);
    } catch (IllegalArgumentException e) {
      return stopped(e, ExitCodes.USAGE);
    } catch (OnboardingException e) {
      return stopped(e, ExitCodes.FAILED);
    }
    return output.print(out(), err(), secretFile, reveal, json, code,
        "mint a new one as the admin with apply --rotate-token, which also revokes this one");
  }

  private String host() {
    if (workspace == null) {
      String env = System.getenv("DATABRICKS_HOST");
      if (env == null || env.isBlank()) {
        usageProblem("the workspace is required: --workspace-host URL, --workspace-profile PROFILE or the DATABRICKS_HOST environment variable");
      }
      return env;
    }
    if (workspace.host != null) {
      return workspace.host;
    }
    DatabricksTarget target = configFile == null ? DatabricksTarget.profile(workspace.profile)
        : DatabricksTarget.profile(workspace.profile, configFile);
    return target.host().toString();
  }
}
