package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.HealthReport;
import com.treasuredata.cas.databricks.Secret;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verify}: the read-only health check of what the onboarding flags describe; with
 * {@code --deep}, also as the service principal with the token in the secret file. The exit code
 * is the verdict, so a monitoring job needs nothing else.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Checks, with GET requests only, that everything the same flags would set up is still in place:",
        "one line per item (OK, EXPIRING, DRIFT or MISSING, with the fix). Never writes.", ""},
    footer = {"", ExitCodes.HELP, ExitCodes.HELP_UNHEALTHY})
final class VerifyCommand extends OnboardingCommand {

  @Option(names = "--deep",
      description = "Also authenticate as the service principal with the token in --secret-file and, with a warehouse, run a read-only query as CAS would.")
  boolean deep;

  @Option(names = "--secret-file", paramLabel = "FILE", defaultValue = "cas-databricks-token",
      description = "With --deep: the file holding the service principal's token, as apply writes it. Default: ${DEFAULT-VALUE} in the current directory.")
  Path secretFile;

  @Override
  void checkUsage() {
    usageProblem(deep ? SecretFile.unreadable(secretFile) : null);
  }

  @Override
  int run(CasOnboarding cas) {
    HealthReport report;
    if (deep) {
      Secret credential;
      try {
        credential = SecretFile.read(secretFile);
      } catch (IOException e) {
        return stopped(e, ExitCodes.USAGE);
      }
      report = cas.verify(credential);
    } else {
      report = cas.verify();
    }
    out().println(json ? report.toJson() : CliWording.forCommandLine(report.toString()));
    return report.isHealthy() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
  }
}
