package com.treasuredata.cas.databricks.fleet;

/**
 * Hears a fleet run's progress. Called from the fleet's worker threads, one call at a time per run;
 * an exception thrown here is logged and ignored.
 *
 * <pre>{@code
 * FleetListener listener = progress -> log.info("fleet: {}", progress);
 * }</pre>
 */
@FunctionalInterface
public interface FleetListener {

  /** Hears nothing. */
  FleetListener NONE = progress -> { };

  /**
   * Called after each target finished.
   *
   * @param progress where the run stands
   */
  void progress(FleetProgress progress);

  /**
   * Called when one target finished, before {@link #progress}.
   *
   * @param result the target's result
   */
  default void targetFinished(FleetTargetResult result) {
  }
}
