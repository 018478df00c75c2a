package com.treasuredata.cas.databricks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CasOnboarding#apply()} would do now, decided from GET requests only.
 *
 * <pre>{@code
 * OnboardingPlan plan = onboarding.plan();
 * System.out.println(plan);            // one line per step: action and reason
 * if (plan.hasChanges()) onboarding.apply();
 * }</pre>
 *
 * @param workspaceHost the workspace
 * @param servicePrincipal the existing service principal, empty when it would be created
 * @param steps one plan per step, in declaration order
 * @param requestCount HTTP requests sent to make the plan (all GETs)
 */
public record OnboardingPlan(
    java.net.URI workspaceHost, Optional<ServicePrincipalRef> servicePrincipal, List<StepPlan> steps, int requestCount) {

  public OnboardingPlan {
    Objects.requireNonNull(workspaceHost, "workspaceHost");
    Objects.requireNonNull(servicePrincipal, "servicePrincipal");
    steps = List.copyOf(steps);
  }

  /** Returns true when applying would write anything. */
  public boolean hasChanges() {
    return steps.stream().anyMatch(StepPlan::isChange);
  }

  /** Returns the plan of step {@code name}, if there is such a step. */
  public Optional<StepPlan> step(String name) {
    return steps.stream().filter(s -> s.step().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Plan for ").append(workspaceHost).append(" (").append(requestCount).append(" requests, reads only)");
    for (StepPlan s : steps) {
      out.append(System.lineSeparator()).append("  ").append(String.format("%-28s %-7s %s", s.step(), s.action(), s.reason()));
    }
    return out.toString();
  }
}
