package com.treasuredata.cas.databricks.internal.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command shares, whether it acts as an admin ({@link OnboardingCommand}) or as the
 * service principal ({@link RenewCommand}): {@code --json}, {@code --verbose} and its output streams.
 */
abstract class CliCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print the outcome as one JSON object on stdout instead of a table.")
  boolean json;

  @Option(names = "--verbose", description = "Log each request and step to stderr (INFO instead of WARN).")
  boolean verbose;

  /** Runs the command and returns its exit code; {@link #call()} has applied {@code --verbose}. */
  abstract int execute();

  @Override
  public final Integer call() {
    if (verbose) {
      // read by slf4j-simple when the first logger is made, which is after this point
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    return execute();
  }

  /** Throws picocli's bad-usage exception (exit 2, with the command's usage) when {@code problem} is not null. */
  void usageProblem(String problem) {
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
  }

  /** Prints {@code problem}'s message on stderr, as every command reports what stopped it, and returns {@code exitCode}. */
  int stopped(Exception problem, int exitCode) {
    err().println("cas-databricks: " + CliWording.forCommandLine(problem.getMessage()));
    return exitCode;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
