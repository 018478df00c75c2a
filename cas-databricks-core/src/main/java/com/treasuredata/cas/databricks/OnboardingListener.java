package com.treasuredata.cas.databricks;

/**
 * Receives progress while onboarding plans and applies, e.g. to print each step as it runs.
 *
 * <p>Callbacks may arrive concurrently from several threads (independent steps run in parallel);
 * implementations must be thread-safe and fast. An exception thrown by a listener is logged and
 * ignored. Every method has an empty default.
 *
 * <pre>{@code
 * OnboardingListener printer = new OnboardingListener() {
 *   public void stepFinished(StepResult result) { System.out.println(result); }
 * };
 * }</pre>
 */
public interface OnboardingListener {

  /** A listener that ignores everything. */
  OnboardingListener NONE = new OnboardingListener() {};

  /**
   * Called when a step has decided what it would do (during {@code plan()} and {@code apply()}).
   *
   * @param plan the step's plan
   */
  default void stepPlanned(StepPlan plan) {}

  /**
   * Called when a step starts applying.
   *
   * @param step the step's name
   */
  default void stepStarted(String step) {}

  /**
   * Called when a step has finished applying, failed or was skipped.
   *
   * @param result the step's result
   */
  default void stepFinished(StepResult result) {}
}
