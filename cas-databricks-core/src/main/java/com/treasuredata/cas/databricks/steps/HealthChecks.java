package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.HealthItem;
import com.treasuredata.cas.databricks.HealthStatus;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only health check on the step SPI: its {@code plan} reads (GET only) and publishes one
 * {@link HealthItem}; only the deep query check has an {@code apply} (it runs a statement as the
 * service principal, which is a POST). A check never fails the run: an error it meets becomes its
 * item's detail.
 */
abstract class HealthChecks extends BuiltInStep<HealthChecks.Deep> {

  /** What the checks need beyond the onboarding's own steps. */
  record Options(Optional<Secret> credential, Duration expiringWithin, Optional<String> catalog) {}

  /** The payload of a check that runs in the apply phase. */
  record Deep(String what) {}

  static final String NO_SP_FIX = "run the onboarding again to create or adopt the service principal";

  private final RunKey<HealthItem> key;

  HealthChecks(String name, Set<String> after, List<SharedRead<?>> prefetch) {
    super(name, after, after, prefetch);
    this.key = RunKey.of("health:" + name, HealthItem.class);
  }

  /** Returns the item, or null when the check runs in the apply phase ({@link #deep}). */
  abstract HealthItem check(StepContext ctx);

  /** Runs the apply-phase part of a deep check. */
  HealthItem deep(StepContext ctx, Deep deep) {
    throw new IllegalStateException(name() + " has no apply-phase part");
  }

  @Override
  public final StepPlan<Deep> plan(StepContext ctx) {
    HealthItem item = guarded(ctx, () -> check(ctx));
    if (item == null) {
      return StepPlan.check("reads only, as the service principal: runs a statement on the warehouse", new Deep(name()));
    }
    ctx.publish(key, item);
    return StepPlan.noOp(item.status() + ": " + item.detail());
  }

  @Override
  public final StepOutcome apply(StepContext ctx, Deep deep) {
    HealthItem item = guarded(ctx, () -> deep(ctx, deep));
    ctx.publish(key, item);
    return StepOutcome.unchanged(item.status() + ": " + item.detail());
  }

  private HealthItem guarded(StepContext ctx, java.util.function.Supplier<HealthItem> body) {
    try {
      return body.get();
    } catch (OnboardingException e) {
      if (ctx.isCancelled()) {
        throw e;
      }
      return item(HealthStatus.DRIFT, "could not check: " + e.getMessage(), "fix the cause named here and check again");
    }
  }

  HealthItem ok(String detail) {
    return new HealthItem(name(), HealthStatus.OK, detail, "");
  }

  HealthItem item(HealthStatus status, String detail, String fix) {
    return new HealthItem(name(), status, detail, fix);
  }

  /** The service principal, when the service principal check found it. */
  static Optional<ServicePrincipalRef> sp(StepContext ctx) {
    return ctx.output(RunKey.SERVICE_PRINCIPAL);
  }

  HealthItem noServicePrincipal() {
    return item(HealthStatus.MISSING, "not checked: the service principal does not exist", NO_SP_FIX);
  }
}
