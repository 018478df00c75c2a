package com.treasuredata.cas.databricks;

/**
 * Receives progress while onboarding plans and applies, e.g. to print each step as it runs. Every
 * event carries the run id, so that a service running many onboardings can tell them apart.
 *
 * <p>Callbacks may arrive concurrently from several threads (independent steps run in parallel);
 * implementations must be thread-safe and fast. An exception thrown by a listener is logged and
 * ignored. Every method has an empty default.
 *
 * <pre>{@code
 * OnboardingListener printer = new OnboardingListener() {
 *   public void stepFinished(String runId, StepResult result) { System.out.println(runId + " " + result); }
 * };
 * }</pre>
 */
public interface OnboardingListener {

  /** A listener that ignores everything. */
  OnboardingListener NONE = new OnboardingListener() {};

  /**
   * Called when a step has decided what it would do (during {@code plan()} and {@code apply()}).
   *
   * @param plan the plan
   * @param runId the id of the run
   */
  default void stepPlanned(String runId, PlannedStep plan) {}

  /**
   * Called when a step starts applying.
   *
   * @param runId the id of the run
   * @param step the step to add
   */
  default void stepStarted(String runId, String step) {}

  /**
   * Called when a step has finished applying, failed or was skipped.
   *
   * @param result the result
   * @param runId the id of the run
   */
  default void stepFinished(String runId, StepResult result) {}

  /**
   * Called once when an apply ends, successfully, with a failure or cancelled; {@code result} may be partial.
   *
   * @param result the result
   * @param runId the id of the run
   */
  default void runFinished(String runId, OnboardingResult result) {}
}
