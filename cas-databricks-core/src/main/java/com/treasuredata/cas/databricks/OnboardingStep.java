package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.steps.Steps;
import java.util.List;
import java.util.Set;

/**
 * One unit of onboarding, built-in or your own: a read-only {@link #plan} that decides what to do,
 * why, and with which payload, and an {@link #apply} that receives exactly that payload. Add your
 * own with {@link CasOnboardingBuilder#addStep(OnboardingStep)}; the built-in steps implement this
 * same interface.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code plan} sends GET requests only (the context refuses anything else while planning)
 *       and may {@linkplain StepContext#publish publish} outputs that exist already (e.g. a found
 *       service principal);
 *   <li>{@code apply} is called only for a plan whose action {@linkplain PlannedAction#needsApply()
 *       needs it} (CREATE, UPDATE, DELETE, CHECK); NO_OP and SKIP plans complete without it. It
 *       must be idempotent, so a re-run converges, and every write declares its retry
 *       {@linkplain Write.Safety safety};
 *   <li>steps run as a dependency graph: {@code apply} starts when every step named by
 *       {@link #dependsOn()} has succeeded, and is skipped when one did not; {@code plan} starts
 *       when the steps named by {@link #planDependsOn()} have planned;
 *   <li>implementations must be thread-safe: independent steps run concurrently.
 * </ul>
 *
 * <pre>{@code
 * final class WarehouseAccess implements OnboardingStep<String> {
 *   public String name() { return "warehouse-access"; }
 *
 *   public StepPlan<String> plan(StepContext ctx) {
 *     return StepPlan.update("grant CAN_USE on warehouse abc123", "abc123");
 *   }
 *
 *   public StepOutcome apply(StepContext ctx, String warehouseId) {
 *     ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
 *     ObjectNode body = JsonNodeFactory.instance.objectNode();
 *     body.putArray("access_control_list").addObject()
 *         .put("service_principal_name", sp.applicationId()).put("permission_level", "CAN_USE");
 *     ctx.untilVisible(() -> ctx.workspace().send(
 *         Write.patch("/api/2.0/permissions/warehouses/" + warehouseId, body).idempotent()));
 *     return StepOutcome.updated("granted CAN_USE on warehouse " + warehouseId);
 *   }
 * }
 * }</pre>
 *
 * @param <P> the payload type the plan hands to apply
 */
public interface OnboardingStep<P> {

  /**
   * Returns the step's unique name, used in plans, results, logs and {@link #dependsOn()}.
   *
   * @return the step's unique name, used in plans, results, logs and {@link #dependsOn()}
   */
  String name();

  /**
   * Returns the names of the steps whose apply must succeed first; by default the workspace membership step.
   *
   * @return the names of the steps whose apply must succeed first; by default the workspace membership step
   */
  default Set<String> dependsOn() {
    return Set.of(Steps.WORKSPACE_MEMBERSHIP);
  }

  /**
   * Returns the names of the steps whose plans this step's plan needs; by default
   * {@link #dependsOn()}. Return fewer to plan sooner: a step that only needs the service
   * principal can plan as soon as the service principal step has.
   *
   * @return the names of the steps whose plans this step's plan needs; by default {@link #dependsOn()}
   */
  default Set<String> planDependsOn() {
    return dependsOn();
  }

  /**
   * Returns the shared reads this step will need, started together at the beginning of the plan.
   *
   * @return the shared reads this step will need, started together at the beginning of the plan
   */
  default List<SharedRead<?>> prefetch() {
    return List.of();
  }

  /**
   * Decides, with reads only, what {@link #apply} would do. Throw an {@link OnboardingException} to stop the run before any write.
   *
   * @param context the run's step context
   * @return the step plan
   */
  StepPlan<P> plan(StepContext context);

  /**
   * Carries out the planned change with the plan's payload; returns what was done. Throw an {@link OnboardingException} to fail.
   *
   * @param context the run's step context
   * @param planned the plan's payload
   * @return the step outcome
   */
  StepOutcome apply(StepContext context, P planned);
}
