package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.OnboardingException;
import picocli.CommandLine.Mixin;

/**
 * What every command run as an admin shares: the targets, what the onboarding establishes, progress on stderr and the mapping of
 * failures to exit codes ({@code --json} and {@code --verbose} come from {@link CliCommand}). A new command is one subclass (listed in
 * {@link CasDatabricksCli}'s subcommands) that adds its options and implements {@link #run}.
 */
abstract class OnboardingCommand extends CliCommand {

  @Mixin
  TargetOptions targets;

  @Mixin
  OnboardingOptions onboarding;

  /** Checks the command's own options before any request; throws a {@code ParameterException} for bad usage. */
  void checkUsage() {}

  /** Runs the command and returns its exit code. */
  abstract int run(CasOnboarding onboarding);

  @Override
  final int execute() {
    checkUsage();
    CasOnboardingBuilder builder;
    try {
      builder = onboarding.configure(targets.configure(CasOnboarding.builder()));
    } catch (IllegalArgumentException | NullPointerException e) {
      // bad settings: the library names the value and what is allowed, before any request
      return stopped(e, ExitCodes.USAGE);
    }
    builder.listener(new Progress(err()));
    try (CasOnboarding onboarding = builder.build()) {
      return run(onboarding);
    } catch (IllegalArgumentException e) {
      return stopped(e, ExitCodes.USAGE);
    } catch (OnboardingException e) {
      return stopped(e, ExitCodes.FAILED);
    }
  }
}
