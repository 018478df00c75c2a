package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.Privilege;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.EngineStep;
import com.treasuredata.cas.databricks.internal.engine.Propagation;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import java.util.EnumSet;
import java.util.HashSet;
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
 * finds what is held, and an add-only {@code PATCH} adds the missing privileges for the
 * applicationId: nothing is ever removed and no other principal is touched.
 */
public final class CatalogGrantStep implements OnboardingStep, EngineStep {

  private final CatalogGrant grant;

  CatalogGrantStep(CatalogGrant grant) {
    this.grant = Objects.requireNonNull(grant, "grant");
  }

  /** Returns the grant this step ensures. */
  public CatalogGrant grant() {
    return grant;
  }

  @Override
  public String name() {
    return Steps.CATALOG_GRANT_PREFIX + grant.catalog();
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
    ctx.prefetch(catalogKey(), () -> readCatalog(ctx));
  }

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    ctx.once(catalogKey(), () -> readCatalog(ctx));
    Set<Privilege> missing;
    if (ctx.isNewServicePrincipal()) {
      missing = grant.privileges();
    } else {
      ServicePrincipalRef sp = ctx.requireServicePrincipal();
      JsonNode current =
          ctx.workspace().call(ApiRequest.get(name(), permissionsPath(), Map.of("principal", sp.applicationId())));
      Set<String> held = new HashSet<>();
      for (JsonNode assignment : current.path("privilege_assignments")) {
        if (sp.applicationId().equalsIgnoreCase(assignment.path("principal").asText())) {
          for (JsonNode p : assignment.path("privileges")) {
            held.add(p.isTextual() ? p.asText() : p.path("privilege").asText());
          }
        }
      }
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
      ctx.grantInPlace(grant);
      return StepPlan.noOp(name(), "already holds " + names(grant.privileges()) + " on catalog " + grant.catalog());
    }
    ctx.put(missingKey(), Set.copyOf(missing));
    return StepPlan.update(name(), "add " + names(missing) + " on catalog " + grant.catalog() + " (add-only PATCH)");
  }

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    if (plan.action() == PlannedAction.NO_OP) {
      return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, plan.reason());
    }
    @SuppressWarnings("unchecked")
    Set<Privilege> missing = ctx.get(missingKey(), Set.class).orElse(grant.privileges());
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    ObjectNode body = Json.object();
    ObjectNode change = body.putArray("changes").addObject();
    change.put("principal", sp.applicationId());
    ArrayNode add = change.putArray("add");
    new TreeSet<>(names(missing)).forEach(add::add);
    ctx.untilPropagated(
        name(), Propagation::isPropagationError,
        () -> ctx.workspace().call(ApiRequest.write(name(), "PATCH", permissionsPath(), body, ApiRequest.Safety.IDEMPOTENT_WRITE)));
    ctx.grantInPlace(grant);
    return new StepResult.Completed(name(), StepResult.Change.UPDATED, "added " + names(missing) + " on catalog " + grant.catalog());
  }

  private JsonNode readCatalog(RunContext ctx) {
    try {
      return ctx.workspace().call(ApiRequest.get(name(), "/api/2.1/unity-catalog/catalogs/" + grant.catalog()));
    } catch (CasApiException e) {
      if (e.statusCode() == 404 || "CATALOG_DOES_NOT_EXIST".equals(e.errorCode())) {
        throw new OnboardingException(
            "catalog '" + grant.catalog() + "' does not exist in this workspace's metastore (" + e.errorCode()
                + "); create it or fix the name in the grant. Checked before any write.",
            e);
      }
      throw e;
    }
  }

  private String permissionsPath() {
    return "/api/2.1/unity-catalog/permissions/catalog/" + grant.catalog();
  }

  private String catalogKey() {
    return "catalog:" + grant.catalog();
  }

  private String missingKey() {
    return "grant.missing:" + grant.catalog();
  }

  private static Set<String> names(Set<Privilege> privileges) {
    Set<String> out = new TreeSet<>();
    privileges.forEach(p -> out.add(p.name()));
    return out;
  }
}
