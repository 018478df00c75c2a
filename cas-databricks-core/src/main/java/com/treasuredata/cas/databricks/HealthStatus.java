package com.treasuredata.cas.databricks;

/** The verdict on one item of a {@link HealthReport}. */
public enum HealthStatus {
  /** In place and working. */
  OK,
  /** Still in place, but runs out soon (a token near its expiry): act before it does. */
  EXPIRING,
  /** Exists but no longer as onboarded (deactivated, a privilege or an address missing, a query refused). */
  DRIFT,
  /** Gone (deleted, revoked, removed). */
  MISSING;

  /**
   * Returns true for DRIFT and MISSING: CAS's connection is broken or about to fail.
   *
   * @return true for DRIFT and MISSING: CAS's connection is broken or about to fail
   */
  public boolean isProblem() {
    return this == DRIFT || this == MISSING;
  }
}
