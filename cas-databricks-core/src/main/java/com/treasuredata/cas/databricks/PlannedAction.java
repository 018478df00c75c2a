package com.treasuredata.cas.databricks;

/** What a step would do if applied now, as decided from reads only. */
public enum PlannedAction {
  /** Something is missing and would be created. */
  CREATE,
  /** Something exists but lacks part of the requested state, which would be added. */
  UPDATE,
  /** Everything requested is already in place: no write. */
  NO_OP,
  /** The step does not apply here (e.g. IP access lists are disabled); the reason says why. */
  SKIP
}
