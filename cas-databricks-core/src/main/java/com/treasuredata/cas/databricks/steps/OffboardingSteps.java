package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.OnboardingException;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps that undo an onboarding, in this order: find the service principal; revoke our tokens,
 * its grants, its warehouse CAN_USE and its token usage; remove Treasure Data's addresses; remove
 * its workspace membership; delete it from the account when no other workspace uses it. Each plan
 * reads only; each apply is idempotent (a 404 counts as done), so an interrupted offboarding is
 * finished by running it again, and a second offboarding writes nothing. Nothing of another
 * principal is removed.
 */
final class OffboardingSteps {

  private OffboardingSteps() {}

  /** Finds the service principal by the onboarding's name or applicationId; never writes. */
  static final class FindServicePrincipal extends BuiltInStep<Void> {
    private final ServicePrincipalStep step;

    FindServicePrincipal(ServicePrincipalStep step) {
      super(Steps.SERVICE_PRINCIPAL, Set.of(), Set.of(), List.of());
      this.step = step;
    }

    @Override
    public StepPlan<Void> plan(StepContext ctx) {
      List<ServicePrincipalRef> found = step.lookupRefs(ctx, ServicePrincipalStep.api(ctx));
      if (found.size() > 1) {
        throw new OnboardingException(found.size() + " service principals are " + step.describe()
            + "; refusing to guess which to offboard. Use adoptServicePrincipal(applicationId). Nothing was removed.");
      }
      if (found.isEmpty()) {
        return StepPlan.noOp("no service principal " + step.describe() + ": nothing of its to remove");
      }
      ctx.publish(RunKey.SERVICE_PRINCIPAL, found.get(0));
      return StepPlan.noOp("found " + step.describe() + " (SCIM id " + found.get(0).id() + ", applicationId " + found.get(0).applicationId() + ")");
    }

    @Override
    public StepOutcome apply(StepContext ctx, Void payload) {
      return StepOutcome.unchanged("reads only");
    }
  }

  /** The ids to remove, as the plan found them. */
  record Ids(List<String> ids) {
    Ids {
      ids = List.copyOf(ids);
    }
  }

  private static boolean gone(CasApiException e) {
    return e.statusCode() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) || "PRINCIPAL_DOES_NOT_EXIST".equals(e.errorCode());
  }

  private static void deleteIfPresent(StepContext ctx, com.treasuredata.cas.databricks.DatabricksApi api, String path) {
    try {
      api.send(Write.delete(path).idempotent());
    } catch (CasApiException e) {
      if (!gone(e)) {
        throw e;
      }
    }
  }

  /** Revokes our tokens: tagged {@code cas-databricks <applicationId>} and owned by the service principal. */
  static final class RevokeTokens extends BuiltInStep<Ids> {
    RevokeTokens() {
      super(Steps.REVOKE_TOKENS, Set.of(Steps.SERVICE_PRINCIPAL), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    }

    @Override
    public StepPlan<Ids> plan(StepContext ctx) {
      Optional<ServicePrincipalRef> sp = ctx.output(RunKey.SERVICE_PRINCIPAL);
      if (sp.isEmpty()) {
        return StepPlan.noOp("no service principal: no token of ours");
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode info : OurTokens.list(ctx.workspace())) {
        String owner = info.path("owner_id").asText("");
        if (OurTokens.isOurs(info, sp.get()) && (owner.isEmpty() || owner.equals(sp.get().id()))) {
          ids.add(info.path("token_id").asText());
        }
      }
      return ids.isEmpty() ? StepPlan.noOp("no token of ours") : StepPlan.delete("revoke " + ids.size() + " token(s) of ours: " + ids, new Ids(ids));
    }

    @Override
    public StepOutcome apply(StepContext ctx, Ids tokens) {
      tokens.ids().forEach(id -> deleteIfPresent(ctx, ctx.workspace(), OurTokens.TOKENS_PATH + "/" + id));
      return StepOutcome.deleted("revoked token(s) " + tokens.ids());
    }
  }

  /** Revokes the service principal's privileges on a granted catalog (add-only PATCH with {@code remove}). */
  static final class RevokeGrant extends BuiltInStep<Ids> {
    private final CatalogGrant grant;

    RevokeGrant(CatalogGrant grant) {
      super(Steps.REVOKE_GRANT_PREFIX + grant.catalog(), Set.of(Steps.SERVICE_PRINCIPAL), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
      this.grant = grant;
    }

    private String path() {
      return "/api/2.1/unity-catalog/permissions/catalog/" + grant.catalog();
    }

    @Override
    public StepPlan<Ids> plan(StepContext ctx) {
      Optional<ServicePrincipalRef> sp = ctx.output(RunKey.SERVICE_PRINCIPAL);
      if (sp.isEmpty()) {
        return StepPlan.noOp("no service principal: no privileges of its");
      }
      Set<String> held = new TreeSet<>();
      try {
        for (JsonNode a : ctx.workspace().get(path(), Map.of("principal", sp.get().applicationId())).path("privilege_assignments")) {
          if (sp.get().applicationId().equalsIgnoreCase(a.path("principal").asText())) {
            a.path("privileges").forEach(p -> held.add(p.isTextual() ? p.asText() : p.path("privilege").asText()));
          }
        }
      } catch (CasApiException e) {
        if (!gone(e) && !"CATALOG_DOES_NOT_EXIST".equals(e.errorCode())) {
          throw e;
        }
      }
      return held.isEmpty()
          ? StepPlan.noOp("holds no privileges on catalog " + grant.catalog())
          : StepPlan.delete("revoke " + held + " on catalog " + grant.catalog() + " (PATCH remove; other principals untouched)", new Ids(List.copyOf(held)));
    }

    @Override
    public StepOutcome apply(StepContext ctx, Ids privileges) {
      ObjectNode body = Json.object();
      ObjectNode change = body.putArray("changes").addObject();
      change.put("principal", ctx.require(RunKey.SERVICE_PRINCIPAL).applicationId());
      ArrayNode remove = change.putArray("remove");
      privileges.ids().forEach(remove::add);
      try {
        ctx.workspace().send(Write.patch(path(), body).idempotent());
      } catch (CasApiException e) {
        if (!gone(e) && !"CATALOG_DOES_NOT_EXIST".equals(e.errorCode())) {
          throw e;
        }
      }
      return StepOutcome.deleted("revoked " + privileges.ids() + " on catalog " + grant.catalog());
    }
  }

  /** Removes the service principal's entry from the warehouse ACL (read, PUT without it, read again; see {@link Acls}). */
  static final class RemoveWarehouseAccess extends BuiltInStep<Ids> {
    private final Warehouses.Choice choice;

    RemoveWarehouseAccess(Warehouses.Choice choice) {
      super(Steps.REMOVE_WAREHOUSE_ACCESS, Set.of(Steps.SERVICE_PRINCIPAL), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
      this.choice = choice;
    }

    @Override
    public StepPlan<Ids> plan(StepContext ctx) {
      Optional<ServicePrincipalRef> sp = ctx.output(RunKey.SERVICE_PRINCIPAL);
      if (sp.isEmpty()) {
        return StepPlan.noOp("no service principal: no warehouse entry of its");
      }
      Optional<WarehouseRef> wh = Warehouses.find(ctx.workspace(), choice);
      if (wh.isEmpty()) {
        return StepPlan.noOp("SQL " + choice.describe() + " does not exist: no entry to remove");
      }
      if (!Acls.holdsDirect(ctx.workspace().get(Warehouses.PERMISSIONS + wh.get().id()), sp.get().applicationId())) {
        return StepPlan.noOp("no entry of its on warehouse " + wh.get().describe());
      }
      return StepPlan.delete("remove its entry from the ACL of warehouse " + wh.get().describe()
          + " (read, PUT every other direct entry back, read again)", new Ids(List.of(wh.get().id())));
    }

    @Override
    public StepOutcome apply(StepContext ctx, Ids warehouse) {
      String id = warehouse.ids().get(0);
      boolean removed = Acls.removeDirect(ctx, Warehouses.PERMISSIONS + id, ctx.require(RunKey.SERVICE_PRINCIPAL).applicationId(), false);
      return removed ? StepOutcome.deleted("removed its entry from warehouse " + id) : StepOutcome.unchanged("its entry on warehouse " + id + " was already gone");
    }
  }

  /** Removes the service principal's entry from the token ACL (read, PUT without it, read again; see {@link Acls}). */
  static final class RemoveTokenUsage extends BuiltInStep<Ids> {
    RemoveTokenUsage() {
      super(Steps.REMOVE_TOKEN_USAGE, Set.of(Steps.REVOKE_TOKENS), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    }

    @Override
    public StepPlan<Ids> plan(StepContext ctx) {
      Optional<ServicePrincipalRef> sp = ctx.output(RunKey.SERVICE_PRINCIPAL);
      if (sp.isEmpty() || !Acls.holdsDirect(ctx.workspace().get(TokenUsageStep.PATH), sp.get().applicationId())) {
        return StepPlan.noOp("no token ACL entry of its");
      }
      return StepPlan.delete("remove its CAN_USE from the token ACL (read, PUT every other direct entry back, read again)", new Ids(List.of()));
    }

    @Override
    public StepOutcome apply(StepContext ctx, Ids none) {
      boolean removed = Acls.removeDirect(ctx, TokenUsageStep.PATH, ctx.require(RunKey.SERVICE_PRINCIPAL).applicationId(), true);
      return removed ? StepOutcome.deleted("removed its entry from the token ACL") : StepOutcome.unchanged("its token ACL entry was already gone");
    }
  }
}
