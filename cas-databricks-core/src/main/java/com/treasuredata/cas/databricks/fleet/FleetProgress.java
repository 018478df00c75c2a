package com.treasuredata.cas.databricks.fleet;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a fleet run stands, sent to {@link FleetListener#progress} after each target finishes.
 *
 * @param total targets in this run
 * @param done targets finished successfully (converged or changed)
 * @param failed targets that failed or were cancelled
 * @param remaining targets not finished yet
 * @param requestsPerSecond requests sent per second of this run so far
 * @param elapsed time since the run started
 * @param estimatedTimeLeft the time left at the pace so far, once a target finished
 */
public record FleetProgress(
    int total, int done, int failed, int remaining, double requestsPerSecond, Duration elapsed, Optional<Duration> estimatedTimeLeft) {

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d/%d done, %d failed, %d remaining, %.1f requests/s, %s elapsed%s",
        done, total, failed, remaining, requestsPerSecond, elapsed, estimatedTimeLeft.map(d -> ", about " + d + " left").orElse(""));
  }
}
