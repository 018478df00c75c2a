package com.treasuredata.cas.databricks.internal.cli;

/** The command line's exit codes; scripts and CI jobs branch on them, so they never change meaning. */
final class ExitCodes {

  /** The command did what it was asked (a plan was made, an apply succeeded, verify found all in place). */
  static final int OK = 0;
  /** Databricks refused, a step failed or the run was cancelled; the message says what was applied. */
  static final int FAILED = 1;
  /** Bad command line or settings (unknown option, missing profile, conflicting flags); nothing was sent. */
  static final int USAGE = 2;
  /** {@code verify} found an item DRIFT or MISSING: the connection is broken or about to be. */
  static final int UNHEALTHY = 3;

  /** The help footer's list, kept beside the codes it describes. */
  static final String HELP = "Exit codes:%n"
      + "  0  done: the plan was made, every step succeeded, or (verify) every item is OK or EXPIRING%n"
      + "  1  failed: Databricks refused or a step failed; stderr says what was applied and what remains%n"
      + "  2  bad usage: unknown or invalid option, missing profile, conflicting settings; nothing was sent";

  /** The footer line of the commands that check. */
  static final String HELP_UNHEALTHY = "  3  unhealthy: an item is DRIFT or MISSING; stdout names it and its fix";

  private ExitCodes() {}
}
