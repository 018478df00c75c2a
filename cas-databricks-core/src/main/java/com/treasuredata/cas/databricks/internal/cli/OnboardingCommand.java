package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.OnboardingException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the targets, {@code --json}, {@code --verbose}, progress on stderr
 * and the mapping of failures to exit codes. A new command is one subclass (listed in
 * {@link CasDatabricksCli}'s subcommands) that adds its options and implements {@link #run}.
 */
abstract class OnboardingCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  TargetOptions targets;

  @Option(names = "--json", description = "Print the outcome as one JSON object on stdout instead of a table.")
  boolean json;

  @Option(names = "--verbose", description = "Log each request and step to stderr (INFO instead of WARN).")
  boolean verbose;

  /** Adds the command's own settings to {@code builder}. */
  abstract CasOnboardingBuilder configure(CasOnboardingBuilder builder);

  /** Checks the command's own options before any request; throws a {@code ParameterException} for bad usage. */
  void checkUsage() {}

  /** Runs the command and returns its exit code. */
  abstract int run(CasOnboarding onboarding);

  @Override
  public final Integer call() {
    if (verbose) {
      // read by slf4j-simple when the first logger is made, which is after this point
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    checkUsage();
    CasOnboardingBuilder builder;
    try {
      builder = configure(targets.configure(CasOnboarding.builder()));
    } catch (IllegalArgumentException | NullPointerException e) {
      // bad settings: the library names the value and what is allowed, before any request
      err().println("cas-databricks: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    builder.listener(new Progress(err()));
    try (CasOnboarding onboarding = builder.build()) {
      return run(onboarding);
    } catch (IllegalArgumentException e) {
      err().println("cas-databricks: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (OnboardingException e) {
      err().println("cas-databricks: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
