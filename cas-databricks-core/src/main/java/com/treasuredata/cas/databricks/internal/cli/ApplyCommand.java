package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apply}: plans, then applies every step. A minted token's value goes to the secret file,
 * or to stdout only with {@code --reveal}; also after a failure, since a token minted before it
 * would otherwise be lost.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Plans, then applies every step, idempotently: a second run writes nothing.",
        "A minted token's value is written to --secret-file (owner read/write only), never to stdout unless --reveal.", ""},
    footer = {"", ExitCodes.HELP})
final class ApplyCommand extends OnboardingCommand {

  @Option(names = "--secret-file", paramLabel = "FILE", defaultValue = "cas-databricks-token",
      description = "File for a minted token's value, created or replaced with permissions rw------- (owner only). Default: ${DEFAULT-VALUE} in the current directory. Nothing is written when a valid token was reused.")
  Path secretFile;

  @Option(names = "--reveal",
      description = "Print a minted token's value on stdout (and in --json) instead of writing the secret file.")
  boolean reveal;

  @Override
  void checkUsage() {
    usageProblem(reveal ? null : SecretFile.problem(secretFile));
  }

  @Override
  int run(CasOnboarding cas) {
    OnboardingResult result;
    int code;
    try {
      result = cas.apply();
      code = result.isSuccess() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (OnboardingFailedException e) {
      result = e.partialResult();
      code = stopped(e, ExitCodes.FAILED);
    }
    return new TokenOutput(result.toString(), result.toJson(), result.token())
        .print(out(), err(), secretFile, reveal, json, code, "run apply again with --rotate-token to mint a new one and revoke this one");
  }
}
