package com.treasuredata.cas.databricks;

/** What a step would do if applied now, as decided from reads only. */
public enum PlannedAction {
  /** Something is missing and would be created. */
  CREATE,
  /** Something exists but lacks part of the requested state, which would be added. */
  UPDATE,
  /** Something would be removed (a token being rotated out, or what offboarding takes away). */
  DELETE,
  /** Applying only reads, to check something (e.g. that a new token authenticates); nothing is written. */
  CHECK,
  /** Everything requested is already in place: no write. */
  NO_OP,
  /** The step does not run; {@link SkipCause} and the reason say why. */
  SKIP;

  /**
   * Returns true for the actions that write: CREATE, UPDATE and DELETE.
   *
   * @return true for the actions that write: CREATE, UPDATE and DELETE
   */
  public boolean isChange() {
    return this == CREATE || this == UPDATE || this == DELETE;
  }

  /**
   * Returns true when the engine calls the step's {@code apply} for this action.
   *
   * @return true when the engine calls the step's {@code apply} for this action
   */
  public boolean needsApply() {
    return isChange() || this == CHECK;
  }
}
