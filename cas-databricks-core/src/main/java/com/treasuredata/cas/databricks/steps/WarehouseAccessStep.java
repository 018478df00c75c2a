package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.WarehouseRef;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lets the service principal query through one SQL warehouse, chosen by id or by name.
 *
 * <p>The warehouse is read in the preflight stage: a missing one, or a name several warehouses
 * share, stops the run before its first write. Then it grants CAN_USE with an add-only
 * {@code PATCH /api/2.0/permissions/warehouses/{id}} (never PUT, which would replace every other
 * principal's entry), unless the service principal already holds CAN_USE or more; and it adds the
 * {@code databricks-sql-access} entitlement with an add-only SCIM PATCH when the service principal
 * has it neither directly nor through the built-in {@code users} group. The plan names the
 * warehouse's type and state; a stopped warehouse starts on the first query.
 */
final class WarehouseAccessStep extends BuiltInStep<WarehouseAccessStep.Access> {

  /** The plan's payload: which of the two grants are missing. */
  record Access(String warehouseId, boolean canUse, boolean entitlement) {}

  private final Warehouses.Choice choice;
  private final SharedRead<WarehouseRef> warehouse;
  private final SharedRead<Boolean> usersHaveSqlAccess;

  WarehouseAccessStep(Warehouses.Choice choice) {
    super(Steps.WAREHOUSE_ACCESS, Set.of(Steps.WORKSPACE_MEMBERSHIP), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    this.choice = Objects.requireNonNull(choice, "choice");
    this.warehouse = SharedRead.of("warehouse", ctx -> Warehouses.require(ctx.workspace(), choice));
    this.usersHaveSqlAccess = SharedRead.of("users-sql-access", ctx -> Warehouses.usersHaveSqlAccess(ctx.workspace()));
  }

  @Override
  public List<SharedRead<?>> prefetch() {
    return List.of(warehouse, usersHaveSqlAccess);
  }

  @Override
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    List<BuiltInStep<?>> checks = new ArrayList<>(List.of(new AccessChecks.WarehouseCheck(choice), new AccessChecks.EntitlementCheck()));
    options.credential().ifPresent(c -> checks.add(new AccessChecks.QueryCheck(c, options.catalog())));
    return checks;
  }

  Warehouses.Choice choice() {
    return choice;
  }

  @Override
  public StepPlan<Access> plan(StepContext ctx) {
    WarehouseRef wh = ctx.read(warehouse);
    boolean usersHaveIt = ctx.read(usersHaveSqlAccess);
    ctx.publish(RunKey.WAREHOUSE, wh);
    boolean canUse;
    boolean entitlement;
    if (ctx.output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false)) {
      canUse = true;
      entitlement = !usersHaveIt;
    } else {
      ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
      canUse = Warehouses.levelOf(ctx.workspace().get(Warehouses.PERMISSIONS + wh.id()), sp).isEmpty();
      entitlement = !Warehouses.hasSqlAccess(ctx.workspace(), sp, usersHaveIt);
    }
    if (!canUse && !entitlement) {
      return StepPlan.noOp("may already query warehouse " + wh.describe() + (usersHaveIt ? "; databricks-sql-access through the users group" : ""));
    }
    List<String> todo = new ArrayList<>();
    if (canUse) {
      todo.add("grant CAN_USE (add-only PATCH; other entries untouched)");
    }
    if (entitlement) {
      todo.add("add the databricks-sql-access entitlement (add-only SCIM PATCH)");
    }
    return StepPlan.update(String.join(" and ", todo) + " on warehouse " + wh.describe(), new Access(wh.id(), canUse, entitlement));
  }

  @Override
  public StepOutcome apply(StepContext ctx, Access access) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    List<String> done = new ArrayList<>();
    if (access.canUse()) {
      ObjectNode body = Json.object();
      body.putArray("access_control_list").addObject().put("service_principal_name", sp.applicationId()).put("permission_level", "CAN_USE");
      ctx.untilVisible(() -> ctx.workspace().send(Write.patch(Warehouses.PERMISSIONS + access.warehouseId(), body).idempotent()));
      done.add("granted CAN_USE on warehouse " + access.warehouseId());
    }
    if (access.entitlement()) {
      ObjectNode body = Json.object();
      body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
      body.putArray("Operations").addObject().put("op", "add").put("path", "entitlements")
          .putArray("value").addObject().put("value", Warehouses.SQL_ACCESS);
      ctx.untilVisible(() -> ctx.workspace().send(Write.patch(Warehouses.SP_SCIM + sp.id(), body).idempotent()));
      done.add("added databricks-sql-access");
    }
    return StepOutcome.updated(String.join("; ", done) + " for " + sp.applicationId());
  }
}
