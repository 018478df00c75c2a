package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.internal.ApiCaller;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.EngineStep;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import com.treasuredata.cas.databricks.internal.engine.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the service principal by display name and creates it when there is none; or adopts an
 * existing one by applicationId.
 *
 * <p>With account credentials it uses the account SCIM API, otherwise the workspace SCIM API.
 * Exactly one match is reused; more than one is an error listing every match's SCIM id and
 * applicationId (display names are not unique and this step never picks one silently). A create
 * whose response was lost is never re-sent blindly: the step looks the name up again first. After a
 * create it lists the name once more: when a concurrent run created one too, the oldest (listed
 * first) is kept and this run deletes its own duplicate.
 */
public final class ServicePrincipalStep implements OnboardingStep, EngineStep {

  static final String SP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";
  private static final String LOOKUP = "service-principal-lookup";

  private final String displayName;
  private final String applicationId;

  private ServicePrincipalStep(String displayName, String applicationId) {
    this.displayName = displayName;
    this.applicationId = applicationId;
  }

  static ServicePrincipalStep named(String displayName) {
    Objects.requireNonNull(displayName, "displayName");
    return new ServicePrincipalStep(Validation.servicePrincipalName(displayName), null);
  }

  static ServicePrincipalStep adopting(String applicationId) {
    Objects.requireNonNull(applicationId, "applicationId");
    return new ServicePrincipalStep(null, Validation.applicationId(applicationId));
  }

  /** Returns true when this step adopts an existing service principal instead of creating one. */
  public boolean isAdopting() {
    return applicationId != null;
  }

  @Override
  public String name() {
    return Steps.SERVICE_PRINCIPAL;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of();
  }

  @Override
  public Set<String> planDependsOn() {
    return Set.of();
  }

  @Override
  public void prefetch(StepContext context) {
    RunContext ctx = RunContext.of(context);
    ctx.prefetch(LOOKUP, () -> lookup(ctx));
  }

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    List<ServicePrincipalRef> found = ctx.once(LOOKUP, () -> lookup(ctx));
    String where = ctx.account().isPresent() ? "the account" : "the workspace";
    if (found.size() > 1) {
      throw ambiguous(found, where);
    }
    if (found.size() == 1) {
      ServicePrincipalRef sp = found.get(0);
      ctx.foundServicePrincipal(sp);
      return StepPlan.noOp(name(), "found '" + sp.displayName() + "' in " + where + " (SCIM id " + sp.id() + ", applicationId " + sp.applicationId() + ")");
    }
    if (isAdopting()) {
      throw new OnboardingException(
          "no service principal with applicationId " + applicationId + " exists in " + where
              + "; check the id, or use servicePrincipal(name) to find or create one by name");
    }
    ctx.willCreateServicePrincipal();
    return StepPlan.create(name(), "no service principal named '" + displayName + "' in " + where);
  }

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    if (plan.action() != PlannedAction.CREATE) {
      return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, plan.reason());
    }
    for (int attempt = 1; ; attempt++) {
      try {
        ServicePrincipalRef sp = create(ctx);
        ServicePrincipalRef kept = keepOldest(ctx, sp);
        ctx.createdServicePrincipal(kept);
        if (!kept.id().equals(sp.id())) {
          return new StepResult.Completed(
              name(), StepResult.Change.UNCHANGED,
              "a concurrent run created '" + kept.displayName() + "' first (SCIM id " + kept.id() + ", applicationId " + kept.applicationId()
                  + "); deleted our duplicate (SCIM id " + sp.id() + ") and use that one"
                  + (ctx.account().isPresent() ? "" : "; with identity federation the account keeps the duplicate until an account admin deletes it"));
        }
        return new StepResult.Completed(
            name(), StepResult.Change.CREATED, "created '" + sp.displayName() + "' (SCIM id " + sp.id() + ", applicationId " + sp.applicationId() + ")");
      } catch (OnboardingTransportException | CasApiException e) {
        if (!isAmbiguous(e)) {
          throw e;
        }
        // The create may have happened: read before deciding, never re-send blindly.
        List<ServicePrincipalRef> found = lookup(ctx);
        if (found.size() == 1) {
          ctx.createdServicePrincipal(found.get(0));
          return new StepResult.Completed(
              name(), StepResult.Change.CREATED,
              "created '" + displayName + "' (the create response was lost; found it by name: SCIM id " + found.get(0).id() + ")");
        }
        if (found.size() > 1) {
          throw ambiguous(found, "the " + (ctx.account().isPresent() ? "account" : "workspace"));
        }
        if (attempt >= 2) {
          throw e;
        }
      }
    }
  }

  /**
   * Another run for the same name may have created one between our lookup and our create (display
   * names are not unique). Re-list: when there are several, every run keeps the first the server
   * lists (the oldest) and deletes only the one it created itself, so concurrent runs converge on
   * one service principal.
   */
  private ServicePrincipalRef keepOldest(RunContext ctx, ServicePrincipalRef mine) {
    List<ServicePrincipalRef> found = lookup(ctx);
    if (found.isEmpty() || found.get(0).id().equals(mine.id())) {
      return mine;
    }
    ServicePrincipalRef oldest = found.get(0);
    try {
      caller(ctx).call(ApiRequest.delete(name(), scimPath(ctx) + "/" + mine.id()));
    } catch (OnboardingException e) {
      throw new OnboardingException(
          "a concurrent run created service principal '" + displayName + "' too (SCIM id " + oldest.id() + "); deleting our duplicate (SCIM id "
              + mine.id() + ", applicationId " + mine.applicationId() + ") failed: " + e.getMessage() + ". Delete it, then run again.",
          e);
    }
    return oldest;
  }

  static boolean isAmbiguous(RuntimeException e) {
    if (e instanceof OnboardingTransportException) {
      return ((OnboardingTransportException) e).maybeApplied();
    }
    return e instanceof CasApiException && ((CasApiException) e).statusCode() >= 500;
  }

  private ServicePrincipalRef create(RunContext ctx) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add(SP_SCHEMA);
    body.put("displayName", displayName);
    body.put("active", true);
    JsonNode created = caller(ctx).call(ApiRequest.write(name(), "POST", scimPath(ctx), body, ApiRequest.Safety.CREATE));
    return parse(created);
  }

  private List<ServicePrincipalRef> lookup(RunContext ctx) {
    String filter = isAdopting() ? "applicationId eq \"" + applicationId + "\"" : "displayName eq \"" + escape(displayName) + "\"";
    JsonNode list = caller(ctx).call(ApiRequest.get(name(), scimPath(ctx), Map.of("filter", filter)));
    List<ServicePrincipalRef> found = new ArrayList<>();
    for (JsonNode item : list.path("Resources")) {
      ServicePrincipalRef sp = parse(item);
      // Filters are matched by the server; re-check so an 'eq' the server treats loosely cannot adopt a stranger.
      if (isAdopting() ? applicationId.equalsIgnoreCase(sp.applicationId()) : displayName.equals(sp.displayName())) {
        found.add(sp);
      }
    }
    return found;
  }

  private static ServicePrincipalRef parse(JsonNode sp) {
    String id = sp.path("id").asText("");
    String appId = sp.path("applicationId").asText("");
    if (id.isEmpty() || appId.isEmpty()) {
      throw new OnboardingException("a SCIM service principal came back without an id or applicationId; cannot continue");
    }
    return new ServicePrincipalRef(id, appId, sp.path("displayName").asText(""));
  }

  private OnboardingException ambiguous(List<ServicePrincipalRef> found, String where) {
    return new OnboardingException(
        found.size() + " service principals in " + where + " are named '" + displayName + "': "
            + found.stream().map(sp -> "SCIM id " + sp.id() + " / applicationId " + sp.applicationId()).collect(Collectors.joining(", "))
            + ". Refusing to pick one: delete or rename the extra ones, or adopt one with adoptServicePrincipal(applicationId).");
  }

  private static ApiCaller caller(RunContext ctx) {
    return ctx.account().orElse(ctx.workspace());
  }

  static String scimPath(RunContext ctx) {
    return ctx.account().isPresent()
        ? "/api/2.0/accounts/" + ctx.accountId().orElseThrow() + "/scim/v2/ServicePrincipals"
        : "/api/2.0/preview/scim/v2/ServicePrincipals";
  }

  /** Escapes a SCIM filter string literal. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return isAdopting() ? "ServicePrincipalStep[adopt " + applicationId + "]" : "ServicePrincipalStep[" + displayName + "]";
  }
}
