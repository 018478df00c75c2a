package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.List;
import java.util.Set;

/**
 * Grants the service principal CAN_USE on workspace tokens with
 * {@code PATCH /api/2.0/permissions/authorization/tokens}, which adds one entry and leaves every
 * other principal's entry alone. Never PUT: a PUT replaces the whole list and Databricks deletes
 * the tokens of every principal it drops. Nothing is sent when the service principal already holds
 * CAN_USE (or CAN_MANAGE) directly.
 */
final class TokenUsageStep extends BuiltInStep<TokenUsageStep.AddCanUse> {

  static final String PATH = "/api/2.0/permissions/authorization/tokens";

  /** The plan's payload: add CAN_USE for the service principal. */
  record AddCanUse() {}

  TokenUsageStep() {
    super(Steps.TOKEN_USAGE, Set.of(Steps.WORKSPACE_MEMBERSHIP), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
  }

  @Override
  public List<SharedRead<?>> prefetch() {
    return prefetchWhenExisting(List.of(), List.of(SharedReads.TOKEN_ACL));
  }

  @Override
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    return List.of(new IdentityChecks.TokenUsageCheck());
  }

  @Override
  public StepPlan<AddCanUse> plan(StepContext ctx) {
    boolean fresh = ctx.output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false);
    servicePrincipalPlanned();
    if (fresh) {
      return StepPlan.update("new service principal: add CAN_USE on tokens (PATCH)", new AddCanUse());
    }
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    JsonNode acl = ctx.read(SharedReads.TOKEN_ACL);
    for (JsonNode entry : acl.path("access_control_list")) {
      if (sp.applicationId().equalsIgnoreCase(entry.path("service_principal_name").asText())) {
        for (JsonNode p : entry.path("all_permissions")) {
          String level = p.path("permission_level").asText();
          if (!p.path("inherited").asBoolean(false) && ("CAN_USE".equals(level) || "CAN_MANAGE".equals(level))) {
            return StepPlan.noOp("already holds " + level + " on tokens");
          }
        }
      }
    }
    return StepPlan.update("add CAN_USE on tokens for " + sp.applicationId() + " (PATCH; other entries untouched)", new AddCanUse());
  }

  @Override
  public StepOutcome apply(StepContext ctx, AddCanUse add) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    ObjectNode body = Json.object();
    body.putArray("access_control_list").addObject().put("service_principal_name", sp.applicationId()).put("permission_level", "CAN_USE");
    ctx.untilVisible(() -> ctx.workspace().send(Write.patch(PATH, body).idempotent()));
    return StepOutcome.updated("added CAN_USE on tokens for " + sp.applicationId());
  }
}
