package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
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
import java.util.OptionalLong;
import java.util.Set;

/**
 * Makes the service principal a workspace USER.
 *
 * <p>With account credentials: {@code PUT /api/2.0/accounts/{account}/workspaces/{workspace}/permissionassignments/principals/{scimId}}
 * with {@code {"permissions":["USER"]}}, the workspace id coming from the builder or from the
 * {@code X-Databricks-Org-Id} header of a workspace response the run already made; without a
 * workspace id, the workspace-level {@code POST /api/2.0/preview/permissionassignments} by
 * applicationId. A 2xx whose item carries {@code error} is a failure. A service principal found
 * or created through the workspace's own SCIM API is already a member, so nothing is sent.
 * Existing membership (USER or ADMIN) is never changed.
 */
public final class WorkspaceMembershipStep implements OnboardingStep, EngineStep {

  private static final String ROUTE = "membership.workspaceId";

  WorkspaceMembershipStep() {}

  @Override
  public String name() {
    return Steps.WORKSPACE_MEMBERSHIP;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(Steps.SERVICE_PRINCIPAL);
  }

  @Override
  public Set<String> planDependsOn() {
    return Set.of(Steps.SERVICE_PRINCIPAL);
  }

  @Override
  public void prefetch(StepContext context) {
    RunContext ctx = RunContext.of(context);
    if (ctx.account().isPresent() && ctx.config().workspaceId().isEmpty()) {
      // Any workspace response carries X-Databricks-Org-Id; the shared workspace-conf read is one we make anyway.
      SharedReads.prefetchWorkspaceConf(ctx);
    }
  }

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    if (ctx.account().isEmpty()) {
      return StepPlan.noOp(
          name(),
          ctx.isNewServicePrincipal()
              ? "created through the workspace's SCIM API, which makes it a workspace member"
              : "found through the workspace's SCIM API, so it is a workspace member");
    }
    OptionalLong workspaceId = workspaceId(ctx);
    workspaceId.ifPresent(id -> ctx.put(ROUTE, id));
    String via = workspaceId.isPresent() ? "account assignment to workspace " + workspaceId.getAsLong() : "workspace assignment API";
    if (ctx.isNewServicePrincipal()) {
      return StepPlan.create(name(), "new service principal: assign USER via the " + via);
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    JsonNode assignments =
        workspaceId.isPresent()
            ? ctx.account().get().call(ApiRequest.get(name(), accountPath(ctx, workspaceId.getAsLong())))
            : ctx.workspace().call(ApiRequest.get(name(), "/api/2.0/preview/permissionassignments"));
    for (JsonNode a : assignments.path("permission_assignments")) {
      JsonNode principal = a.path("principal");
      boolean same =
          sp.id().equals(principal.path("principal_id").asText())
              || sp.applicationId().equalsIgnoreCase(principal.path("service_principal_name").asText());
      if (same) {
        for (JsonNode p : a.path("permissions")) {
          if ("USER".equals(p.asText()) || "ADMIN".equals(p.asText())) {
            return StepPlan.noOp(name(), "already a workspace " + p.asText());
          }
        }
      }
    }
    return StepPlan.create(name(), "not a workspace member yet: assign USER via the " + via);
  }

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    if (plan.action() == PlannedAction.NO_OP) {
      return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, plan.reason());
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    Long workspaceId = ctx.get(ROUTE, Long.class).orElse(null);
    ctx.untilPropagated(name(), Propagation::isPropagationError, () -> {
      if (workspaceId != null) {
        ObjectNode body = Json.object();
        body.putArray("permissions").add("USER");
        String path = accountPath(ctx, workspaceId) + "/principals/" + sp.id();
        JsonNode item = ctx.account().get().call(ApiRequest.write(name(), "PUT", path, body, ApiRequest.Safety.IDEMPOTENT_WRITE));
        checkItem(item, "PUT", path);
      } else {
        ObjectNode body = Json.object();
        body.putArray("permission_assignments").addObject().put("service_principal_name", sp.applicationId()).putArray("permissions").add("USER");
        String path = "/api/2.0/preview/permissionassignments";
        JsonNode response = ctx.workspace().call(ApiRequest.write(name(), "POST", path, body, ApiRequest.Safety.IDEMPOTENT_WRITE));
        for (JsonNode item : response.path("permission_assignments")) {
          checkItem(item, "POST", path);
        }
      }
      return null;
    });
    ctx.assignedServicePrincipal();
    return new StepResult.Completed(
        name(), StepResult.Change.CREATED,
        "assigned USER" + (workspaceId != null ? " on workspace " + workspaceId : " through the workspace assignment API"));
  }

  /** A 2xx assignment item with {@code error} did not assign; surface it like an API error so propagation errors retry. */
  private void checkItem(JsonNode item, String method, String path) {
    String error = item.path("error").asText("");
    if (!error.isEmpty()) {
      throw new CasApiException(
          name() + ": " + method + " " + path + " answered 2xx but the assignment carries an error: " + error
              + ". The service principal is not a workspace member.",
          200, "ASSIGNMENT_ERROR", null, name(), method, path);
    }
  }

  private static OptionalLong workspaceId(RunContext ctx) {
    if (ctx.workspaceId().isEmpty()) {
      try {
        SharedReads.workspaceConf(ctx);
      } catch (RuntimeException e) {
        // The steps that need workspace-conf report its failure; here it only carried the header.
      }
    }
    return ctx.workspaceId();
  }

  private static String accountPath(RunContext ctx, long workspaceId) {
    return "/api/2.0/accounts/" + ctx.accountId().orElseThrow() + "/workspaces/" + workspaceId + "/permissionassignments";
  }
}
