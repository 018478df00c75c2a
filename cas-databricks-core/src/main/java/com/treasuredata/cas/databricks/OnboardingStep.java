package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.steps.Steps;
import java.util.Set;

/**
 * One unit of onboarding: a read-only {@link #plan} that decides what to do and why, and an
 * {@link #apply} that does it. Built-in steps live in {@link com.treasuredata.cas.databricks.steps};
 * add your own with {@link CasOnboarding.Builder#addStep(OnboardingStep)} (for example SQL
 * warehouse access).
 *
 * <p>Contract: {@code plan} sends GET requests only (the context refuses anything else while
 * planning); {@code apply} receives the plan made in the same run and must be idempotent, so that
 * a re-run converges. Steps run as a dependency graph: a step starts when every step named by
 * {@link #dependsOn()} has succeeded, and is skipped when one of them failed. Implementations must
 * be thread-safe; independent steps run concurrently.
 *
 * <pre>{@code
 * OnboardingStep warehouse = new OnboardingStep() {
 *   public String name() { return "warehouse-access"; }
 *   public StepPlan plan(StepContext ctx) { return StepPlan.update(name(), "grant CAN_USE on the warehouse"); }
 *   public StepResult apply(StepContext ctx, StepPlan plan) {
 *     String appId = ctx.servicePrincipal().orElseThrow().applicationId();
 *     ctx.send("PATCH", "/api/2.0/permissions/warehouses/abc123",
 *         "{\"access_control_list\":[{\"service_principal_name\":\"" + appId + "\",\"permission_level\":\"CAN_USE\"}]}");
 *     return new StepResult.Completed(name(), StepResult.Change.UPDATED, "CAN_USE granted");
 *   }
 * };
 * }</pre>
 */
public interface OnboardingStep {

  /** Returns the step's unique name, used in plans, results, logs and {@link #dependsOn()}. */
  String name();

  /** Returns the names of the steps that must succeed first; by default the workspace membership step. */
  default Set<String> dependsOn() {
    return Set.of(Steps.WORKSPACE_MEMBERSHIP);
  }

  /** Decides, with reads only, what {@link #apply} would do. */
  StepPlan plan(StepContext context);

  /** Carries out {@code plan}; returns what was done. Throw an {@link OnboardingException} to fail. */
  StepResult apply(StepContext context, StepPlan plan);
}
