package com.treasuredata.cas.databricks.internal.engine;

/**
 * Implemented by built-in steps that can start their reads before their dependencies are
 * resolved, so that every independent read goes out in one concurrent preflight stage. Not API.
 */
public interface EngineStep {

  /** Starts (without waiting for) the shared reads this step will need; see {@link RunContext#prefetch}. */
  void prefetch(com.treasuredata.cas.databricks.StepContext context);

  /**
   * Returns the steps whose plans this step's plan needs. Usually fewer than
   * {@code dependsOn()}: plans of steps that only need the service principal read concurrently,
   * while their applies still run in dependency order.
   */
  java.util.Set<String> planDependsOn();
}
