package com.treasuredata.cas.databricks;

import java.util.Optional;

/**
 * One step of an {@link OnboardingPlan}: its name, the action it would take and why. Built by the
 * library only.
 *
 * <pre>{@code
 * for (PlannedStep step : onboarding.plan().steps()) {
 *   System.out.println(step.step() + ": " + step.action() + " (" + step.reason() + ")");
 * }
 * }</pre>
 */
public interface PlannedStep {

  /**
   * Returns the step name, e.g. {@code service-principal}.
   *
   * @return the step name
   */
  String step();

  /**
   * Returns the planned action.
   *
   * @return the planned action
   */
  PlannedAction action();

  /**
   * Returns the human explanation; never a secret.
   *
   * @return the human explanation; never a secret
   */
  String reason();

  /**
   * Returns why the step would be skipped, when the action is {@link PlannedAction#SKIP}.
   *
   * @return why the step would be skipped, when the action is {@link PlannedAction#SKIP}
   */
  Optional<SkipCause> skipCause();

  /**
   * Returns true when applying would write (CREATE, UPDATE or DELETE).
   *
   * @return true when applying would write (CREATE, UPDATE or DELETE)
   */
  default boolean isChange() {
    return action().isChange();
  }
}
