package com.treasuredata.cas.databricks;

/** Why a step did not run. */
public enum SkipCause {
  /** The step does not apply here, for its own reason (e.g. IP access lists are disabled). */
  NOT_APPLICABLE,
  /** A step it depends on failed or was skipped because of a failure. */
  DEPENDENCY_FAILED,
  /** Another step could not be planned, so the run stopped before its first write. */
  PLAN_FAILED,
  /** The run was cancelled (interrupt, {@code Future.cancel(true)}) before the step ran. */
  CANCELLED;

  /**
   * Returns true when the skip is a consequence of a failure or a cancellation, not of the step's own decision.
   *
   * @return true when the skip is a consequence of a failure or a cancellation, not of the step's own decision
   */
  public boolean isFailure() {
    return this != NOT_APPLICABLE;
  }
}
