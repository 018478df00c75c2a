package com.treasuredata.cas.databricks;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What {@link CasOnboarding#apply()} would do now, decided from GET requests only. Hand a plan a
 * person reviewed to {@link CasOnboarding#apply(OnboardingPlan)} to apply exactly that. Built by
 * the library only.
 *
 * <pre>{@code
 * OnboardingPlan plan = onboarding.plan();
 * System.out.println(plan);                 // one line per step: action and reason
 * if (approved(plan)) onboarding.apply(plan);
 * }</pre>
 */
public interface OnboardingPlan {

  /**
   * Returns the id of the run that made the plan.
   *
   * @return the id of the run that made the plan
   */
  String runId();

  /**
   * Returns the workspace.
   *
   * @return the workspace
   */
  URI workspaceHost();

  /**
   * Returns the existing service principal; empty when it would be created.
   *
   * @return the existing service principal; empty when it would be created
   */
  Optional<ServicePrincipalRef> servicePrincipal();

  /**
   * Returns one planned step per step, in declaration order.
   *
   * @return one planned step per step, in declaration order
   */
  List<PlannedStep> steps();

  /**
   * Returns the number of HTTP requests sent to make the plan (all GETs).
   *
   * @return the number of HTTP requests sent to make the plan (all GETs)
   */
  int requestCount();

  /**
   * Returns true when applying would write anything.
   *
   * @return true when applying would write anything
   */
  default boolean hasChanges() {
    return steps().stream().anyMatch(PlannedStep::isChange);
  }

  /**
   * Returns the plan of step {@code name}, if there is such a step.
   *
   * @param name the name
   * @return the plan of step {@code name}, if there is such a step
   */
  default Optional<PlannedStep> step(String name) {
    return steps().stream().filter(s -> s.step().equals(name)).findFirst();
  }
}
