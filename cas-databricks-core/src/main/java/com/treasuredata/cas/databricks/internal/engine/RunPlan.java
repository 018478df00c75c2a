package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.PlannedStep;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepPlan;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's {@link OnboardingPlan}. Keeps each step's typed plan (with its payload) so that a
 * reviewed plan can be applied exactly, and the identity of the onboarding that made it. Not API.
 */
public final class RunPlan implements OnboardingPlan {

  private final Object owner;
  private final String runId;
  private final URI workspaceHost;
  private final Optional<ServicePrincipalRef> servicePrincipal;
  private final Map<String, StepPlan<?>> plans;
  private final List<PlannedStep> steps;
  private final int requestCount;

  /**
   * @param owner the onboarding that made the plan (only that one may apply it)
   * @param plans every step's plan, in declaration order
   */
  public RunPlan(Object owner, String runId, URI workspaceHost, Optional<ServicePrincipalRef> servicePrincipal, Map<String, StepPlan<?>> plans, int requestCount) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.runId = runId;
    this.workspaceHost = workspaceHost;
    this.servicePrincipal = servicePrincipal;
    this.plans = new LinkedHashMap<>(plans);
    List<PlannedStep> list = new ArrayList<>();
    plans.forEach((name, p) -> list.add(StepResults.planned(name, p.action(), p.reason(), p.skipCause())));
    this.steps = List.copyOf(list);
    this.requestCount = requestCount;
  }

  /** Returns the onboarding that made this plan. */
  public Object owner() {
    return owner;
  }

  /** Returns the typed plans by step name. */
  public Map<String, StepPlan<?>> plans() {
    return plans;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public URI workspaceHost() {
    return workspaceHost;
  }

  @Override
  public Optional<ServicePrincipalRef> servicePrincipal() {
    return servicePrincipal;
  }

  @Override
  public List<PlannedStep> steps() {
    return steps;
  }

  @Override
  public int requestCount() {
    return requestCount;
  }

  /** Prints one line per step, in full: name, action and reason. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Plan for ").append(workspaceHost).append(" (").append(requestCount).append(" requests, reads only)");
    int width = steps.stream().mapToInt(s -> s.step().length()).max().orElse(0);
    for (PlannedStep s : steps) {
      out.append(System.lineSeparator()).append("  ").append(String.format("%-" + Math.max(width, 1) + "s  %-7s %s", s.step(), s.action(), s.reason()));
    }
    return out.toString();
  }
}
