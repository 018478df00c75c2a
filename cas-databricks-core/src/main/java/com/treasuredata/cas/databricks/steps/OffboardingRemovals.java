package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.IpAddressRange;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.CreatedPrincipals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The last offboarding steps: Treasure Data's addresses, the workspace membership and the service principal itself. */
final class OffboardingRemovals {

  private OffboardingRemovals() {}

  private static void deleteIfPresent(com.treasuredata.cas.databricks.DatabricksApi api, String path) {
    try {
      api.send(Write.delete(path).idempotent());
    } catch (CasApiException e) {
      if (e.statusCode() != 404 && !"RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
        throw e;
      }
    }
  }

  /** Removes Treasure Data's addresses from our ALLOW list; deletes the list when only ours remain. */
  static final class RemoveIpAddresses extends BuiltInStep<RemoveIpAddresses.Change> {
    /** The list, what stays in it (empty: delete the list) and what goes. */
    record Change(String listId, List<String> remaining, List<String> removed) {}

    private final IpAllowList list;

    RemoveIpAddresses(IpAllowList list) {
      super(Steps.REMOVE_IP_ADDRESSES, Set.of(), Set.of(), List.of(SharedReads.IP_ACCESS_LISTS));
      this.list = list;
    }

    @Override
    public StepPlan<Change> plan(StepContext ctx) {
      Set<String> ours = new HashSet<>();
      list.addresses().forEach(a -> ours.add(a.canonical()));
      for (JsonNode l : ctx.read(SharedReads.IP_ACCESS_LISTS)) {
        if ("ALLOW".equals(l.path("list_type").asText()) && list.label().equals(l.path("label").asText())) {
          List<String> remaining = new ArrayList<>();
          List<String> removed = new ArrayList<>();
          l.path("ip_addresses").forEach(a -> (ours.contains(IpAddressRange.canonical(a.asText())) ? removed : remaining).add(a.asText()));
          String id = l.path("list_id").asText();
          if (removed.isEmpty()) {
            return StepPlan.noOp("ALLOW list '" + list.label() + "' (" + id + ") holds none of Treasure Data's addresses");
          }
          Change change = new Change(id, remaining, removed);
          return remaining.isEmpty()
              ? StepPlan.delete("delete ALLOW list '" + list.label() + "' (" + id + "): it holds only Treasure Data's addresses " + removed, change)
              : StepPlan.delete("remove " + removed + " from ALLOW list '" + list.label() + "' (" + id + "); keep everyone else's " + remaining, change);
        }
      }
      return StepPlan.noOp("no ALLOW list '" + list.label() + "'");
    }

    @Override
    public StepOutcome apply(StepContext ctx, Change change) {
      String path = SharedReads.IP_LISTS_PATH + "/" + change.listId();
      try {
        if (change.remaining().isEmpty()) {
          deleteIfPresent(ctx.workspace(), path);
          return StepOutcome.deleted("deleted ALLOW list '" + list.label() + "' (" + change.listId() + ")");
        }
        ObjectNode body = Json.object();
        ArrayNode addresses = body.putArray("ip_addresses");
        change.remaining().forEach(addresses::add);
        ctx.workspace().send(Write.patch(path, body).idempotent());
        return StepOutcome.deleted("removed " + change.removed() + " from ALLOW list '" + list.label() + "'");
      } catch (CasApiException e) {
        if ("INVALID_STATE".equals(e.errorCode())) {
          throw new OnboardingException(
              "refusing to remove Treasure Data's addresses from '" + list.label() + "': Databricks says the result would lock out the caller's"
                  + " own address (INVALID_STATE). Add the address offboarding runs from to another ALLOW list, then run again. Nothing changed.",
              e);
        }
        throw e;
      }
    }
  }

  /** Removes the service principal's workspace membership (account assignment, or workspace SCIM without an account admin). */
  static final class RemoveMembership extends BuiltInStep<OffboardingSteps.Ids> {
    RemoveMembership(Set<String> after, boolean viaAccount) {
      super(Steps.REMOVE_WORKSPACE_MEMBERSHIP, after, Set.of(Steps.SERVICE_PRINCIPAL), viaAccount ? List.of(SharedReads.WORKSPACE_CONF) : List.of());
    }

    @Override
    public StepPlan<OffboardingSteps.Ids> plan(StepContext ctx) {
      Optional<ServicePrincipalRef> found = ctx.output(RunKey.SERVICE_PRINCIPAL);
      if (found.isEmpty()) {
        return StepPlan.noOp("no service principal: not a member");
      }
      ServicePrincipalRef sp = found.get();
      if (ctx.account().isEmpty()) {
        try {
          ctx.workspace().get(Warehouses.SP_SCIM + sp.id());
        } catch (CasApiException e) {
          if (e.statusCode() == 404) {
            return StepPlan.noOp("not a member of the workspace");
          }
          throw e;
        }
        return StepPlan.delete("remove it from the workspace (workspace SCIM DELETE; an account keeps its identity)", new OffboardingSteps.Ids(List.of(Warehouses.SP_SCIM + sp.id())));
      }
      try {
        ctx.read(SharedReads.WORKSPACE_CONF);
      } catch (RuntimeException e) {
        // only carried the workspace id header
      }
      OptionalLong ws = ctx.workspaceId();
      String list = ws.isPresent() ? accountPath(ctx, ws.getAsLong()) : "/api/2.0/preview/permissionassignments";
      JsonNode assignments = ws.isPresent() ? ctx.account().get().get(list) : ctx.workspace().get(list);
      for (JsonNode a : assignments.path("permission_assignments")) {
        if (sp.id().equals(a.path("principal").path("principal_id").asText())) {
          return StepPlan.delete("remove its workspace assignment " + a.path("permissions"), new OffboardingSteps.Ids(List.of(list + "/principals/" + sp.id())));
        }
      }
      return StepPlan.noOp("not assigned to the workspace");
    }

    @Override
    public StepOutcome apply(StepContext ctx, OffboardingSteps.Ids path) {
      String p = path.ids().get(0);
      deleteIfPresent(p.startsWith("/api/2.0/accounts/") ? ctx.account().orElseThrow() : ctx.workspace(), p);
      if (p.startsWith(Warehouses.SP_SCIM)) {
        forgetCreated(ctx);
      }
      return StepOutcome.deleted("removed it from the workspace");
    }
  }

  /** A deleted principal must not be taken up by a run of this JVM that looked its name up before it was created. */
  private static void forgetCreated(StepContext ctx) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    CreatedPrincipals.jvm().forget(ServicePrincipalStep.scope(ctx), sp.displayName(), sp.id());
  }

  static String accountPath(StepContext ctx, long workspaceId) {
    return "/api/2.0/accounts/" + ctx.accountId().orElseThrow() + "/workspaces/" + workspaceId + "/permissionassignments";
  }

  /** Deletes the service principal (and its OAuth secrets) from the account, only when no other workspace still uses it. */
  static final class RemoveServicePrincipal extends BuiltInStep<OffboardingSteps.Ids> {
    RemoveServicePrincipal() {
      super(Steps.REMOVE_SERVICE_PRINCIPAL, Set.of(Steps.REMOVE_WORKSPACE_MEMBERSHIP), Set.of(Steps.SERVICE_PRINCIPAL), List.of(SharedReads.WORKSPACE_CONF));
    }

    @Override
    public StepPlan<OffboardingSteps.Ids> plan(StepContext ctx) {
      Optional<ServicePrincipalRef> found = ctx.output(RunKey.SERVICE_PRINCIPAL);
      if (found.isEmpty()) {
        return StepPlan.noOp("no service principal to delete");
      }
      if (ctx.account().isEmpty()) {
        return StepPlan.noOp("kept in the account: only an account admin can delete it there (configure account(..)); " + Steps.REMOVE_WORKSPACE_MEMBERSHIP
            + " removes it from this workspace");
      }
      ServicePrincipalRef sp = found.get();
      try {
        ctx.read(SharedReads.WORKSPACE_CONF);
      } catch (RuntimeException e) {
        // only carried the workspace id header
      }
      long self = ctx.workspaceId().orElse(-1);
      List<String> others = new ArrayList<>();
      for (JsonNode w : ctx.account().get().get("/api/2.0/accounts/" + ctx.accountId().orElseThrow() + "/workspaces")) {
        long id = w.path("workspace_id").asLong();
        if (id == self) {
          continue;
        }
        for (JsonNode a : ctx.account().get().get(accountPath(ctx, id)).path("permission_assignments")) {
          if (sp.id().equals(a.path("principal").path("principal_id").asText())) {
            others.add(id + " (" + w.path("workspace_name").asText() + ")");
          }
        }
      }
      if (!others.isEmpty()) {
        return StepPlan.noOp("kept in the account: workspace(s) " + others + " still use it; removed from this workspace only, its OAuth secrets stay");
      }
      List<String> secrets = new ArrayList<>();
      for (JsonNode s : ctx.account().get().get(secretsPath(ctx, sp)).path("secrets")) {
        secrets.add(s.path("id").asText());
      }
      return StepPlan.delete("delete it from the account (no other workspace uses it)" + (secrets.isEmpty() ? "" : ", first its OAuth secrets " + secrets),
          new OffboardingSteps.Ids(secrets));
    }

    private static String secretsPath(StepContext ctx, ServicePrincipalRef sp) {
      return "/api/2.0/accounts/" + ctx.accountId().orElseThrow() + "/servicePrincipals/" + sp.id() + "/credentials/secrets";
    }

    @Override
    public StepOutcome apply(StepContext ctx, OffboardingSteps.Ids secrets) {
      ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
      for (String id : secrets.ids()) {
        deleteIfPresent(ctx.account().orElseThrow(), secretsPath(ctx, sp) + "/" + id);
      }
      deleteIfPresent(ctx.account().orElseThrow(), ServicePrincipalStep.scimPath(ctx) + "/" + sp.id());
      forgetCreated(ctx);
      return StepOutcome.deleted("deleted " + sp.applicationId() + " from the account" + (secrets.ids().isEmpty() ? "" : " with OAuth secrets " + secrets.ids()));
    }
  }
}
