package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.Privilege;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ensures the service principal holds a {@link CatalogGrant}'s privileges on one catalog.
 *
 * <p>The catalog must exist: {@code GET /api/2.1/unity-catalog/catalogs/{name}} runs in the
 * preflight stage and a 404 ({@code CATALOG_DOES_NOT_EXIST}) stops the whole run before its first
 * write. Then {@code GET /api/2.1/unity-catalog/permissions/catalog/{name}?principal=<applicationId>}
 * finds what is held (a re-run of the same onboarding reads every principal's grants instead, beside
 * the service principal lookup), and an add-only {@code PATCH} adds the missing privileges for the
 * applicationId: nothing is ever removed and no other principal is touched. Write privileges the
 * principal already holds (ALL_PRIVILEGES counts as write) stop the run before its first write,
 * unless the grant {@linkplain CatalogGrant#allowWritePrivileges() allows write privileges}.
 */
final class CatalogGrantStep extends BuiltInStep<CatalogGrantStep.Missing> {

  /** The plan's payload: the privileges to add. */
  record Missing(Set<Privilege> privileges) {
    Missing {
      privileges = Set.copyOf(privileges);
    }
  }

  private final CatalogGrant grant;
  private final RunKey<CatalogGrant> inPlace;
  private final SharedRead<JsonNode> catalog;
  private final SharedRead<JsonNode> permissions;

  CatalogGrantStep(CatalogGrant grant) {
    super(Steps.CATALOG_GRANT_PREFIX + grant.catalog(), Set.of(Steps.SERVICE_PRINCIPAL), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    this.grant = Objects.requireNonNull(grant, "grant");
    this.inPlace = RunKey.of(name(), CatalogGrant.class);
    this.catalog = SharedRead.of("catalog:" + grant.catalog(), this::readCatalog);
    // Every principal's grants (no ?principal=): the read needs no service principal, so it can go out beside the lookup.
    this.permissions = SharedRead.of("catalog-permissions:" + grant.catalog(), ctx -> ctx.workspace().get(permissionsPath()));
  }

  @Override
  public List<SharedRead<?>> prefetch() {
    return prefetchWhenExisting(List.of(catalog), List.of(permissions));
  }

  @Override
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    return List.of(new AccessChecks.GrantCheck(grant));
  }

  CatalogGrant grant() {
    return grant;
  }

  @Override
  public StepPlan<Missing> plan(StepContext ctx) {
    ctx.read(catalog);
    Set<Privilege> missing;
    boolean fresh = ctx.output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false);
    boolean prefetched = prefetchedForExisting();
    servicePrincipalPlanned();
    if (fresh) {
      missing = grant.privileges();
    } else {
      ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
      JsonNode current = prefetched ? ctx.read(permissions) : ctx.workspace().get(permissionsPath(), Map.of("principal", sp.applicationId()));
      Set<String> held = new HashSet<>();
      for (JsonNode assignment : current.path("privilege_assignments")) {
        if (sp.applicationId().equalsIgnoreCase(assignment.path("principal").asText())) {
          for (JsonNode p : assignment.path("privileges")) {
            held.add(p.isTextual() ? p.asText() : p.path("privilege").asText());
          }
        }
      }
      refuseHeldWritePrivileges(sp, held);
      missing = EnumSet.noneOf(Privilege.class);
      if (!held.contains(Privilege.ALL_PRIVILEGES.name())) {
        for (Privilege p : grant.privileges()) {
          if (!held.contains(p.name())) {
            missing.add(p);
          }
        }
      }
    }
    if (missing.isEmpty()) {
      ctx.publish(inPlace, grant);
      return StepPlan.noOp("already holds " + names(grant.privileges()) + " on catalog " + grant.catalog());
    }
    return StepPlan.update("add " + names(missing) + " on catalog " + grant.catalog() + " (add-only PATCH)", new Missing(missing));
  }

  @Override
  public StepOutcome apply(StepContext ctx, Missing missing) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    ObjectNode body = Json.object();
    ObjectNode change = body.putArray("changes").addObject();
    change.put("principal", sp.applicationId());
    ArrayNode add = change.putArray("add");
    names(missing.privileges()).forEach(add::add);
    ctx.untilVisible(() -> ctx.workspace().send(Write.patch(permissionsPath(), body).idempotent()));
    ctx.publish(inPlace, grant);
    return StepOutcome.updated("added " + names(missing.privileges()) + " on catalog " + grant.catalog());
  }

  /**
   * CAS must only read: write privileges the principal already holds on the catalog (ALL_PRIVILEGES
   * included) stop the run before any write, unless the grant allows write privileges explicitly.
   */
  private void refuseHeldWritePrivileges(ServicePrincipalRef sp, Set<String> held) {
    Set<String> write = new TreeSet<>();
    for (String name : held) {
      if (isWrite(name)) {
        write.add(name);
      }
    }
    if (!write.isEmpty() && !grant.writePrivilegesAllowed()) {
      throw new OnboardingException(
          "service principal " + sp.applicationId() + " already holds write privileges " + write + " on catalog '" + grant.catalog()
              + "', but CAS only reads. Revoke them (REVOKE " + String.join(", ", write) + " ON CATALOG " + grant.catalog()
              + " FROM `" + sp.applicationId() + "`), or accept them deliberately with CatalogGrant.allowWritePrivileges()."
              + " Nothing was written.");
    }
  }

  private static boolean isWrite(String name) {
    try {
      return Privilege.valueOf(name).isWrite();
    } catch (IllegalArgumentException unknown) {
      return name.startsWith("CREATE") || name.startsWith("WRITE") || name.startsWith("MODIFY") || name.startsWith("MANAGE");
    }
  }

  private JsonNode readCatalog(StepContext ctx) {
    try {
      return ctx.workspace().get("/api/2.1/unity-catalog/catalogs/" + grant.catalog());
    } catch (CasApiException e) {
      if (e.statusCode() == 404 || "CATALOG_DOES_NOT_EXIST".equals(e.errorCode())) {
        throw new OnboardingException(
            "catalog '" + grant.catalog() + "' does not exist in this workspace's metastore; create it, or fix the name in the grant",
            e);
      }
      throw e;
    }
  }

  private String permissionsPath() {
    return "/api/2.1/unity-catalog/permissions/catalog/" + grant.catalog();
  }

  private static Set<String> names(Set<Privilege> privileges) {
    Set<String> out = new TreeSet<>();
    privileges.forEach(p -> out.add(p.name()));
    return out;
  }
}
