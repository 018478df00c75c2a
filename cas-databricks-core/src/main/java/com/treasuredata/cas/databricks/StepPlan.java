package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * A step's read-only decision: what it would do and why.
 *
 * <pre>{@code
 * for (StepPlan step : onboarding.plan().steps()) {
 *   System.out.println(step.step() + ": " + step.action() + " (" + step.reason() + ")");
 * }
 * }</pre>
 *
 * @param step the step name, e.g. {@code service-principal}
 * @param action the planned action
 * @param reason a human explanation, never containing a secret
 */
public record StepPlan(String step, PlannedAction action, String reason) {

  public StepPlan {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns a plan to create something. */
  public static StepPlan create(String step, String reason) {
    return new StepPlan(step, PlannedAction.CREATE, reason);
  }

  /** Returns a plan to add to something that exists. */
  public static StepPlan update(String step, String reason) {
    return new StepPlan(step, PlannedAction.UPDATE, reason);
  }

  /** Returns a plan that changes nothing. */
  public static StepPlan noOp(String step, String reason) {
    return new StepPlan(step, PlannedAction.NO_OP, reason);
  }

  /** Returns a plan that skips the step. */
  public static StepPlan skip(String step, String reason) {
    return new StepPlan(step, PlannedAction.SKIP, reason);
  }

  /** Returns true when applying would write (CREATE or UPDATE). */
  public boolean isChange() {
    return action == PlannedAction.CREATE || action == PlannedAction.UPDATE;
  }

  @Override
  public String toString() {
    return step + ": " + action + " (" + reason + ")";
  }
}
