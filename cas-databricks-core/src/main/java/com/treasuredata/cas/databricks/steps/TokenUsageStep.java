package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.EngineStep;
import com.treasuredata.cas.databricks.internal.engine.Propagation;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import java.util.Set;

/**
 * Grants the service principal CAN_USE on workspace tokens with
 * {@code PATCH /api/2.0/permissions/authorization/tokens}, which adds one entry and leaves every
 * other principal's entry alone. Never PUT: a PUT replaces the whole list and Databricks deletes
 * the tokens of every principal it drops. Nothing is sent when the service principal already holds
 * CAN_USE (or CAN_MANAGE) directly.
 */
public final class TokenUsageStep implements OnboardingStep, EngineStep {

  static final String PATH = "/api/2.0/permissions/authorization/tokens";

  TokenUsageStep() {}

  @Override
  public String name() {
    return Steps.TOKEN_USAGE;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(Steps.WORKSPACE_MEMBERSHIP);
  }

  @Override
  public Set<String> planDependsOn() {
    return Set.of(Steps.SERVICE_PRINCIPAL);
  }

  @Override
  public void prefetch(StepContext context) {}

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    if (ctx.isNewServicePrincipal()) {
      return StepPlan.update(name(), "new service principal: add CAN_USE on tokens (PATCH)");
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    JsonNode acl = ctx.workspace().call(ApiRequest.get(name(), PATH));
    for (JsonNode entry : acl.path("access_control_list")) {
      if (sp.applicationId().equalsIgnoreCase(entry.path("service_principal_name").asText())) {
        for (JsonNode p : entry.path("all_permissions")) {
          String level = p.path("permission_level").asText();
          if (!p.path("inherited").asBoolean(false) && ("CAN_USE".equals(level) || "CAN_MANAGE".equals(level))) {
            return StepPlan.noOp(name(), "already holds " + level + " on tokens");
          }
        }
      }
    }
    return StepPlan.update(name(), "add CAN_USE on tokens for " + sp.applicationId() + " (PATCH; other entries untouched)");
  }

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    if (plan.action() == PlannedAction.NO_OP) {
      return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, plan.reason());
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    ObjectNode body = Json.object();
    body.putArray("access_control_list").addObject().put("service_principal_name", sp.applicationId()).put("permission_level", "CAN_USE");
    ctx.untilPropagated(
        name(), Propagation::isPropagationError,
        () -> ctx.workspace().call(ApiRequest.write(name(), "PATCH", PATH, body, ApiRequest.Safety.IDEMPOTENT_WRITE)));
    return new StepResult.Completed(name(), StepResult.Change.UPDATED, "added CAN_USE on tokens for " + sp.applicationId());
  }
}
