package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.CreatedPrincipals;
import com.treasuredata.cas.databricks.internal.engine.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Finds the service principal by display name and creates it when there is none; or adopts an
 * existing one by applicationId.
 *
 * <p>With account credentials it uses the account SCIM API, otherwise the workspace SCIM API.
 * Exactly one match is reused; more than one is an error listing every match's SCIM id and
 * applicationId (display names are not unique and this step never picks one silently). The create
 * is reconciled by a lookup: when its response is lost, the name is looked up before anything is
 * sent again. Runs in this JVM create a name once between them ({@link CreatedPrincipals}): a run
 * whose lookup came back empty uses the principal another run of this JVM created meanwhile. When
 * other processes may onboard the same name at the same moment ({@link #guardAgainstOtherProcesses()}),
 * a create is followed by one more lookup: when another process created one too, the oldest (listed
 * first) is kept and this run deletes its own duplicate.
 *
 * <p>A deactivated match ({@code active=false}) stops the run in the plan, unless reactivation was
 * allowed: then a SCIM PATCH sets {@code active=true}. With only a workspace admin, service
 * principals of the account outside this workspace cannot be seen; an adopted applicationId that
 * is not in the workspace is added to it with a workspace SCIM POST carrying the applicationId.
 */
final class ServicePrincipalStep extends BuiltInStep<ServicePrincipalStep.Create> {

  static final String SP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";

  /**
   * The plan's payload: create {@code displayName}; or reactivate SCIM id {@code reactivateId}; or
   * (both null) add the adopted applicationId to the workspace.
   */
  record Create(String displayName, String reactivateId) {}

  /** A service principal the lookup found, and whether it is active. */
  record Found(ServicePrincipalRef ref, boolean active) {}

  /** What the plan's lookup found, and the ticket taken before it was sent ({@link CreatedPrincipals#ticket()}). */
  record Lookup(List<Found> found, long ticket) {}

  /** What a create settled on: the principal to use, ours, the assignment sent with it, whether the create was found by name. */
  private record Settled(ServicePrincipalRef kept, ServicePrincipalRef ours, Optional<WorkspaceMembershipStep.Early> assigned, boolean reconciled) {}

  private final String displayName;
  private final String applicationId;
  private final boolean reactivate;
  private final SharedRead<Lookup> lookup;
  private final AtomicBoolean guardAgainstOtherProcesses = new AtomicBoolean();

  private ServicePrincipalStep(String displayName, String applicationId, boolean reactivate) {
    super(Steps.SERVICE_PRINCIPAL, Set.of(), Set.of(), List.of());
    this.displayName = displayName;
    this.applicationId = applicationId;
    this.reactivate = reactivate;
    this.lookup =
        SharedRead.of(
            "service-principal-lookup",
            ctx -> {
              long ticket = CreatedPrincipals.jvm().ticket();
              return new Lookup(lookup(ctx, api(ctx)), ticket);
            });
  }

  static ServicePrincipalStep named(String displayName, boolean reactivate) {
    Objects.requireNonNull(displayName, "displayName");
    return new ServicePrincipalStep(Validation.servicePrincipalName(displayName), null, reactivate);
  }

  static ServicePrincipalStep adopting(String applicationId, boolean reactivate) {
    Objects.requireNonNull(applicationId, "applicationId");
    return new ServicePrincipalStep(null, Validation.applicationId(applicationId), reactivate);
  }

  @Override
  public List<SharedRead<?>> prefetch() {
    return List.of(lookup);
  }

  /** Returns how the principal is named in messages: {@code 'name'} or {@code applicationId <id>}. */
  String describe() {
    return isAdopting() ? "applicationId " + applicationId : "'" + displayName + "'";
  }

  @Override
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    return List.of(new IdentityChecks.ServicePrincipalCheck(this));
  }

  boolean isAdopting() {
    return applicationId != null;
  }

  /**
   * Makes every create of this step look the name up once more, for a principal another process
   * created at the same moment (runs in this JVM need no second lookup). Set by the builder's
   * option of that name; package-private, so not API.
   */
  void guardAgainstOtherProcesses() {
    guardAgainstOtherProcesses.set(true);
  }

  @Override
  public StepPlan<Create> plan(StepContext ctx) {
    List<ServicePrincipalRef> found = refs(ctx.read(lookup).found());
    String where = ctx.account().isPresent() ? "the account" : "the workspace";
    if (found.size() > 1) {
      throw ambiguous(found, where);
    }
    if (found.size() == 1) {
      ServicePrincipalRef sp = found.get(0);
      ctx.publish(RunKey.SERVICE_PRINCIPAL, sp);
      String described = "'" + sp.displayName() + "' in " + where + " (SCIM id " + sp.id() + ", applicationId " + sp.applicationId() + ")";
      if (!ctx.read(lookup).found().get(0).active()) {
        if (!reactivate) {
          throw new OnboardingException(
              "service principal " + described + " is deactivated (active=false): it cannot authenticate or get a token. Reactivate it"
                  + " (account console, or SCIM PATCH active=true), call reactivateServicePrincipal() to let this run reactivate it,"
                  + " or adopt another one with adoptServicePrincipal(applicationId). Nothing was written.");
        }
        return StepPlan.update("reactivate deactivated " + described + " (SCIM PATCH active=true)", new Create(null, sp.id()));
      }
      return StepPlan.noOp("found " + described);
    }
    if (isAdopting() && ctx.account().isEmpty()) {
      ctx.publish(RunKey.NEW_SERVICE_PRINCIPAL, true);
      return StepPlan.create(
          "applicationId " + applicationId + " is not in this workspace (a workspace admin cannot see the account's other service"
              + " principals): add it through the workspace SCIM API (POST with the applicationId)",
          new Create(null, null));
    }
    if (isAdopting()) {
      throw new OnboardingException(
          "no service principal with applicationId " + applicationId + " exists in " + where
              + "; check the id, or use servicePrincipal(name) to find or create one by name");
    }
    ctx.publish(RunKey.NEW_SERVICE_PRINCIPAL, true);
    String unseen = ctx.account().isPresent()
        ? ""
        : "; with only a workspace admin, service principals of the account that are not in this workspace cannot be seen: if one"
            + " with this name exists there, use adoptServicePrincipal(applicationId) instead of creating another";
    return StepPlan.create("no service principal named '" + displayName + "' in " + where + unseen, new Create(displayName, null));
  }

  @Override
  public StepOutcome apply(StepContext ctx, Create create) {
    DatabricksApi api = api(ctx);
    if (create.reactivateId() != null) {
      return reactivate(ctx, api, create.reactivateId());
    }
    ObjectNode body = Json.object();
    body.putArray("schemas").add(SP_SCHEMA);
    if (create.displayName() != null) {
      body.put("displayName", create.displayName());
    } else {
      body.put("applicationId", applicationId);
    }
    body.put("active", true);
    return isAdopting() ? addToWorkspace(ctx, api, body) : createOnce(ctx, api, body);
  }

  private StepOutcome addToWorkspace(StepContext ctx, DatabricksApi api, ObjectNode body) {
    ServicePrincipalRef sp = create(ctx, api, body, new AtomicBoolean());
    if (!applicationId.equalsIgnoreCase(sp.applicationId())) {
      throw new OnboardingException("adding applicationId " + applicationId + " to the workspace returned applicationId " + sp.applicationId()
          + "; check the service principal in the account console");
    }
    ctx.publish(RunKey.SERVICE_PRINCIPAL, sp);
    return StepOutcome.created("added the account's service principal " + applicationId + " (SCIM id " + sp.id() + ") to the workspace");
  }

  /** Creates the name unless a run of this JVM created it after this run's lookup began; then that one is used. */
  private StepOutcome createOnce(StepContext ctx, DatabricksApi api, ObjectNode body) {
    long ticket = ctx.read(lookup).ticket();
    CreatedPrincipals.Outcome<Settled> once;
    // Another run's principal is used only once this server shows it: fakes in parallel tests share
    // account ids and names, so a record can name a principal of another server.
    do {
      once = CreatedPrincipals.jvm().createOnce(scope(ctx), displayName, ticket, () -> createAndSettle(ctx, api, body), Settled::kept,
          ctx::throwIfCancelled);
    } while (!once.createdHere() && absent(ctx, api, once.principal()));
    ctx.publish(RunKey.NEW_SERVICE_PRINCIPAL, true);
    if (!once.createdHere()) {
      ServicePrincipalRef theirs = once.principal();
      assignWithCreate(ctx, theirs).ifPresent(early -> ctx.publish(WorkspaceMembershipStep.ASSIGNED_WITH_CREATE, early));
      ctx.publish(RunKey.SERVICE_PRINCIPAL, theirs);
      return StepOutcome.unchanged(
          "another run in this process created '" + theirs.displayName() + "' after this run looked it up (SCIM id " + theirs.id()
              + ", applicationId " + theirs.applicationId() + "); use that one instead of creating another");
    }
    Settled settled = once.result();
    settled.assigned().ifPresent(early -> ctx.publish(WorkspaceMembershipStep.ASSIGNED_WITH_CREATE, early));
    ctx.publish(RunKey.SERVICE_PRINCIPAL, settled.kept());
    ServicePrincipalRef sp = settled.ours();
    if (!settled.kept().id().equals(sp.id())) {
      ServicePrincipalRef kept = settled.kept();
      return StepOutcome.unchanged(
          "another process created '" + kept.displayName() + "' first (SCIM id " + kept.id() + ", applicationId " + kept.applicationId()
              + "); deleted our duplicate (SCIM id " + sp.id() + ") and use that one"
              + (ctx.account().isPresent() ? "" : "; with identity federation the account keeps the duplicate until an account admin deletes it"));
    }
    return StepOutcome.created(
        "created '" + sp.displayName() + "' (SCIM id " + sp.id() + ", applicationId " + sp.applicationId() + ")"
            + (settled.reconciled() ? "; the create response was lost and it was found by name" : ""));
  }

  /** True when this server does not know {@code recorded}; then its record is forgotten. */
  private boolean absent(StepContext ctx, DatabricksApi api, ServicePrincipalRef recorded) {
    try {
      api.get(scimPath(ctx) + "/" + recorded.id());
      return false;
    } catch (CasApiException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      CreatedPrincipals.jvm().forget(scope(ctx), displayName, recorded.id());
      return true;
    }
  }

  /** Sends the create, reconciled by a lookup when its answer is lost; returns the principal created. */
  private ServicePrincipalRef create(StepContext ctx, DatabricksApi api, ObjectNode body, AtomicBoolean reconciled) {
    JsonNode created =
        api.send(
            Write.post(scimPath(ctx), body)
                .reconciledBy(
                    read -> {
                      List<ServicePrincipalRef> found = refs(lookup(ctx, read));
                      if (found.size() > 1) {
                        throw ambiguous(found, ctx.account().isPresent() ? "the account" : "the workspace");
                      }
                      reconciled.set(!found.isEmpty());
                      return found.isEmpty() ? Optional.empty() : Optional.of(toJson(found.get(0)));
                    }));
    return parse(created);
  }

  /**
   * Creates the principal, sends the assignment the membership step planned for it and, when other
   * processes may create the same name, looks it up once more (beside the assignment, off the
   * dependent chain) and keeps the oldest.
   */
  private Settled createAndSettle(StepContext ctx, DatabricksApi api, ObjectNode body) {
    AtomicBoolean reconciled = new AtomicBoolean();
    ServicePrincipalRef sp = create(ctx, api, body, reconciled);
    if (!guardAgainstOtherProcesses.get()) {
      return new Settled(sp, sp, assignWithCreate(ctx, sp), reconciled.get());
    }
    // Without an assignment to send, the re-list goes out at once on this thread: the shorter the time
    // between our create and the delete of a duplicate, the fewer concurrent lookups see two.
    boolean assigns = ctx.output(WorkspaceMembershipStep.ASSIGN_WITH_CREATE).isPresent();
    CompletableFuture<List<Found>> relist = assigns ? ctx.async(() -> lookup(ctx, api(ctx))) : CompletableFuture.completedFuture(lookup(ctx, api(ctx)));
    Optional<WorkspaceMembershipStep.Early> assigned = assignWithCreate(ctx, sp);
    return new Settled(keepOldest(ctx, sp, refs(join(relist))), sp, assigned, reconciled.get());
  }

  /** Where a display name lives, for {@link CreatedPrincipals}: the account, else the workspace. */
  static String scope(StepContext ctx) {
    return ctx.accountId().map(id -> "account " + id).orElseGet(() -> "workspace " + ctx.workspaceHost());
  }

  /**
   * A run in another process may have created the name between our lookup and our create (display
   * names are not unique). Re-list: when there are several, every run keeps the first the server
   * lists (the oldest) and deletes only the one it created itself, so concurrent runs converge on
   * one service principal. Deleting our duplicate also ends the assignment sent with it.
   */
  private ServicePrincipalRef keepOldest(StepContext ctx, ServicePrincipalRef mine, List<ServicePrincipalRef> found) {
    if (found.isEmpty() || found.get(0).id().equals(mine.id())) {
      return mine;
    }
    ServicePrincipalRef oldest = found.get(0);
    try {
      api(ctx).send(Write.delete(scimPath(ctx) + "/" + mine.id()).idempotent());
    } catch (OnboardingException e) {
      throw new OnboardingException(
          "another process created service principal '" + displayName + "' too (SCIM id " + oldest.id() + "); deleting our duplicate (SCIM id "
              + mine.id() + ", applicationId " + mine.applicationId() + ") failed: " + e.getMessage() + ". Delete it, then run again.",
          e);
    }
    return oldest;
  }

  /**
   * Sends the workspace assignment the membership step planned for the new principal, when it
   * planned one. A failure is kept for the membership step to report: the assignment is its work.
   */
  private static Optional<WorkspaceMembershipStep.Early> assignWithCreate(StepContext ctx, ServicePrincipalRef sp) {
    Optional<WorkspaceMembershipStep.Assign> assign = ctx.output(WorkspaceMembershipStep.ASSIGN_WITH_CREATE);
    if (assign.isEmpty()) {
      return Optional.empty();
    }
    try {
      WorkspaceMembershipStep.assign(ctx, sp, assign.get());
      return Optional.of(new WorkspaceMembershipStep.Early(sp.id(), null));
    } catch (RuntimeException e) {
      if (ctx.isCancelled()) {
        throw e;
      }
      return Optional.of(new WorkspaceMembershipStep.Early(sp.id(), e));
    }
  }

  private StepOutcome reactivate(StepContext ctx, DatabricksApi api, String scimId) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    body.putArray("Operations").addObject().put("op", "replace").put("path", "active").put("value", true);
    api.send(Write.patch(scimPath(ctx) + "/" + scimId, body).idempotent());
    return StepOutcome.updated("reactivated service principal SCIM id " + scimId + " (active=true)");
  }

  /** The service principals the lookup finds, as references (for checks and offboarding). */
  List<ServicePrincipalRef> lookupRefs(StepContext ctx, DatabricksApi api) {
    return refs(lookup(ctx, api));
  }

  private static List<ServicePrincipalRef> refs(List<Found> found) {
    return found.stream().map(Found::ref).toList();
  }

  List<Found> lookup(StepContext ctx, DatabricksApi api) {
    String filter = isAdopting() ? "applicationId eq \"" + applicationId + "\"" : "displayName eq \"" + escape(displayName) + "\"";
    JsonNode list = api.get(scimPath(ctx), Map.of("filter", filter));
    List<Found> found = new ArrayList<>();
    for (JsonNode item : list.path("Resources")) {
      ServicePrincipalRef sp = parse(item);
      // Filters are matched by the server; re-check so an 'eq' the server treats loosely cannot adopt a stranger.
      if (isAdopting() ? applicationId.equalsIgnoreCase(sp.applicationId()) : displayName.equals(sp.displayName())) {
        found.add(new Found(sp, item.path("active").asBoolean(true)));
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

  private static JsonNode toJson(ServicePrincipalRef sp) {
    return Json.object().put("id", sp.id()).put("applicationId", sp.applicationId()).put("displayName", sp.displayName());
  }

  private OnboardingException ambiguous(List<ServicePrincipalRef> found, String where) {
    return new OnboardingException(
        found.size() + " service principals in " + where + " are named '" + displayName + "': "
            + found.stream().map(sp -> "SCIM id " + sp.id() + " / applicationId " + sp.applicationId()).collect(Collectors.joining(", "))
            + ". Refusing to pick one: delete or rename the extra ones, or adopt one with adoptServicePrincipal(applicationId).");
  }

  static DatabricksApi api(StepContext ctx) {
    return ctx.account().orElse(ctx.workspace());
  }

  static String scimPath(StepContext ctx) {
    return ctx.accountId().map(id -> "/api/2.0/accounts/" + id + "/scim/v2/ServicePrincipals").orElse("/api/2.0/preview/scim/v2/ServicePrincipals");
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
