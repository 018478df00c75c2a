package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.ErrorMapper;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.List;
import java.util.Optional;
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
final class WorkspaceMembershipStep extends BuiltInStep<WorkspaceMembershipStep.Assign> {

  /** The plan's payload: how to assign (the account API for a workspace id, else the workspace API). */
  record Assign(OptionalLong workspaceId) {}

  /**
   * Published by the plan for a service principal the run creates: how to assign it, so that the
   * service principal step sends the assignment as soon as the create answers (beside its second
   * lookup when it guards against other processes), or assigns the one another run created.
   */
  static final RunKey<Assign> ASSIGN_WITH_CREATE = RunKey.of("assign-with-create", Assign.class);

  /** What the assignment sent with the create of SCIM id {@code spId} did: nothing thrown, or {@code failure}. */
  record Early(String spId, RuntimeException failure) {}

  /** The assignment the service principal step sent together with its create. */
  static final RunKey<Early> ASSIGNED_WITH_CREATE = RunKey.of("assigned-with-create", Early.class);

  /** The workspace's assignments: the account's list for the workspace id, else the workspace's own list. */
  private static final SharedRead<JsonNode> ASSIGNMENTS =
      SharedRead.of("workspace-assignments", ctx -> {
        // A configured workspace id needs no workspace response first, so the read can go out in the first stage.
        OptionalLong workspaceId = ctx.workspaceId().isPresent() ? ctx.workspaceId() : workspaceId(ctx);
        return workspaceId.isPresent()
            ? ctx.account().orElseThrow().get(accountPath(ctx, workspaceId.getAsLong()))
            : ctx.workspace().get("/api/2.0/preview/permissionassignments");
      });

  private final boolean viaAccount;

  @Override
  public List<SharedRead<?>> prefetch() {
    List<SharedRead<?>> conf = viaAccount ? List.of(SharedReads.WORKSPACE_CONF) : List.of();
    return viaAccount ? prefetchWhenExisting(conf, List.of(ASSIGNMENTS)) : conf;
  }

  @Override
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    return List.of(new IdentityChecks.MembershipCheck(viaAccount));
  }

  boolean viaAccount() {
    return viaAccount;
  }

  WorkspaceMembershipStep(boolean viaAccount) {
    // Any workspace response carries X-Databricks-Org-Id; the shared workspace-conf read is one the run makes anyway.
    super(Steps.WORKSPACE_MEMBERSHIP, Set.of(Steps.SERVICE_PRINCIPAL), Set.of(Steps.SERVICE_PRINCIPAL),
        viaAccount ? List.of(SharedReads.WORKSPACE_CONF) : List.of());
    this.viaAccount = viaAccount;
  }

  @Override
  public StepPlan<Assign> plan(StepContext ctx) {
    boolean fresh = ctx.output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false);
    servicePrincipalPlanned();
    if (ctx.account().isEmpty()) {
      return StepPlan.noOp(
          fresh
              ? "created through the workspace's SCIM API, which makes it a workspace member"
              : "found through the workspace's SCIM API, so it is a workspace member");
    }
    OptionalLong workspaceId = workspaceId(ctx);
    Assign assign = new Assign(workspaceId);
    String via = workspaceId.isPresent() ? "account assignment to workspace " + workspaceId.getAsLong() : "workspace assignment API";
    if (fresh) {
      ctx.publish(ASSIGN_WITH_CREATE, assign);
      return StepPlan.create("new service principal: assign USER via the " + via, assign);
    }
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    JsonNode assignments = ctx.read(ASSIGNMENTS);
    for (JsonNode a : assignments.path("permission_assignments")) {
      JsonNode principal = a.path("principal");
      boolean same =
          sp.id().equals(principal.path("principal_id").asText())
              || sp.applicationId().equalsIgnoreCase(principal.path("service_principal_name").asText());
      if (same) {
        for (JsonNode p : a.path("permissions")) {
          if ("USER".equals(p.asText()) || "ADMIN".equals(p.asText())) {
            return StepPlan.noOp("already a workspace " + p.asText());
          }
        }
      }
    }
    return StepPlan.create("not a workspace member yet: assign USER via the " + via, assign);
  }

  @Override
  public StepOutcome apply(StepContext ctx, Assign assign) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    String how = assign.workspaceId().isPresent() ? " on workspace " + assign.workspaceId().getAsLong() : " through the workspace assignment API";
    Optional<Early> early = ctx.output(ASSIGNED_WITH_CREATE).filter(e -> e.spId().equals(sp.id()));
    if (early.isPresent() && early.get().failure() != null) {
      throw early.get().failure();
    }
    if (early.isPresent()) {
      ctx.publish(RunKey.MEMBERSHIP_ADDED, true);
      return StepOutcome.created("assigned USER" + how + " together with the service principal's create");
    }
    assign(ctx, sp, assign);
    ctx.publish(RunKey.MEMBERSHIP_ADDED, true);
    return StepOutcome.created("assigned USER" + how);
  }

  /** Assigns {@code sp} USER, retrying while a new service principal propagates. */
  static void assign(StepContext ctx, ServicePrincipalRef sp, Assign assign) {
    String step = Steps.WORKSPACE_MEMBERSHIP;
    ctx.untilVisible(() -> {
      if (assign.workspaceId().isPresent()) {
        ObjectNode body = Json.object();
        body.putArray("permissions").add("USER");
        String path = accountPath(ctx, assign.workspaceId().getAsLong()) + "/principals/" + sp.id();
        checkItem(step, ctx.account().orElseThrow().send(Write.put(path, body).idempotent()), "PUT", path);
      } else {
        ObjectNode body = Json.object();
        body.putArray("permission_assignments").addObject().put("service_principal_name", sp.applicationId()).putArray("permissions").add("USER");
        String path = "/api/2.0/preview/permissionassignments";
        for (JsonNode item : ctx.workspace().send(Write.post(path, body).idempotent()).path("permission_assignments")) {
          checkItem(step, item, "POST", path);
        }
      }
      return null;
    });
  }

  /** A 2xx assignment item with {@code error} did not assign; surface it like an API error so propagation errors retry. */
  private static void checkItem(String step, JsonNode item, String method, String path) {
    String error = item.path("error").asText("");
    if (!error.isEmpty()) {
      ErrorCategory category = ErrorMapper.match(200, "ASSIGNMENT_ERROR", error, path).map(ErrorMapper.Rule::category).orElse(ErrorCategory.OTHER);
      throw new CasApiException(
          step + ": " + method + " " + path + " answered 2xx but the assignment carries an error: " + error
              + ". The service principal is not a workspace member.",
          200, "ASSIGNMENT_ERROR", category, null, step, method, path);
    }
  }

  private static OptionalLong workspaceId(StepContext ctx) {
    try {
      ctx.read(SharedReads.WORKSPACE_CONF);
    } catch (RuntimeException e) {
      // The steps that need workspace-conf report its failure; here it only carried the header.
    }
    return ctx.workspaceId();
  }

  private static String accountPath(StepContext ctx, long workspaceId) {
    return "/api/2.0/accounts/" + ctx.accountId().orElseThrow() + "/workspaces/" + workspaceId + "/permissionassignments";
  }
}
