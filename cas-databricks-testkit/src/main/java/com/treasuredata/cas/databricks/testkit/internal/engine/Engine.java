package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.ConsistencyDelay;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fake Databricks engine: the state, the request pipeline (route, authenticate, dispatch to a
 * handler), ids and snapshots. Hosts live in {@link HostDirectory}, callers in {@link
 * Authentication}, seeding and read views in {@link EngineSeeding} and {@link EngineViews}. Not API:
 * use {@code FakeDatabricks}. Not thread-safe by itself; the owner serialises every call.
 */
public final class Engine {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Engine.class);

  static final String ADMIN_LABEL = "admin";
  static final String SP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";

  final EngineConfig config;
  final Behaviours behaviours;
  final Router router = new Router();
  private final HostDirectory hosts = new HostDirectory(this);
  private final EngineViews views = new EngineViews(this);
  private final EngineSeeding seeding = new EngineSeeding(this);
  Model.Account account;
  SplittableRandom random;
  ConsistencyDelay consistency = ConsistencyDelay.none();
  private final Model.Account initial;
  private final long initialSeed;

  /** Builds the default state described by {@code config} at virtual time {@code nowMs}. */
  public Engine(EngineConfig config, long nowMs) {
    this.config = config;
    this.behaviours = config.behaviours();
    this.random = new SplittableRandom(config.seed());
    this.account = new Model.Account();
    account.accountId = config.accountId();
    account.adminTokenHash = sha256(config.adminToken());
    account.adminUserId = 1_000_000_000_000_001L + (config.workspaceId() % 1000);
    account.adminUserName = "admin@fake-databricks.test";
    EngineCreation.newUser(this, account.adminUserId, account.adminUserName, "Fake Admin", nowMs);
    Model.Workspace ws = newWorkspace(config.workspaceId(), config.workspaceName(), EngineConfig.workspaceHostFor(config.workspaceId()));
    for (TokenPermission p : config.initialTokenAcl()) {
      ws.tokenAcl.put(aclKey(p.type(), p.principal()), p.level());
    }
    for (String c : config.catalogs()) {
      createCatalog(ws, c, account.adminUserName, "", nowMs);
    }
    ScimApi.register(this);
    AssignmentApi.register(this);
    TokenApi.register(this);
    UnityCatalogApi.register(this);
    NetworkApi.register(this);
    WorkspaceConfApi.register(this);
    OAuthApi.register(this);
    UserScimApi.register(this);
    GroupScimApi.register(this);
    TableApi.register(this);
    WarehouseApi.register(this);
    this.initial = account.copy();
    this.initialSeed = random.nextLong();
    this.random = new SplittableRandom(initialSeed);
  }

  // ---------------------------------------------------------------- request pipeline

  /** A routed, identified request that has not run yet. */
  public static final class Prepared {
    final FakeRequest request;
    final Router.Match match;
    final Router.Scope scope;
    final Model.Workspace ws;
    final Caller caller;

    Prepared(FakeRequest request, Router.Match match, Router.Scope scope, Model.Workspace ws, Caller caller) {
      this.request = request;
      this.match = match;
      this.scope = scope;
      this.ws = ws;
      this.caller = caller;
    }

    /** Returns false when no route matched. */
    public boolean routed() {
      return match != null;
    }

    /** Returns the journal label of the caller. */
    public String principal() {
      return caller.label();
    }

    /** Returns the addressed workspace id, or null for account-level requests. */
    public Long workspaceId() {
      return scope == Router.Scope.ACCOUNT ? null : ws.id;
    }

    /** Returns true for a state-changing method (OAuth token endpoints excluded). */
    public boolean isWrite() {
      String m = request.method();
      boolean mutating = m.equals("POST") || m.equals("PUT") || m.equals("PATCH") || m.equals("DELETE");
      return mutating && !request.path().endsWith("/v1/token");
    }
  }

  /** The engine's answer. */
  public record Outcome(int status, Map<String, String> headers, String body) {}

  /** Routes and identifies {@code request} without running it or changing state. */
  public Prepared prepare(FakeRequest request) {
    String path = request.path();
    Router.Match match = router.match(request.method(), path);
    Router.Scope scope;
    if (match != null && match.route().scope() != Router.Scope.HOST_DEPENDENT) {
      scope = match.route().scope();
    } else {
      scope = HostDirectory.isAccountPath(path) || hosts.isAccountHost(request.targetHost()) ? Router.Scope.ACCOUNT : Router.Scope.WORKSPACE;
    }
    Model.Workspace ws = hosts.selectWorkspace(request);
    return new Prepared(request, match, scope, ws, Authentication.identify(account, request, ws));
  }

  /** Runs a prepared request: IP access lists, authentication, then the handler. */
  public Outcome execute(Prepared p, long nowMs) {
    try {
      if (p.match == null) {
        throw unknownRoute(p.request);
      }
      if (p.scope == Router.Scope.WORKSPACE) {
        NetworkApi.enforceIpAccessLists(this, p.ws, p.request.remoteAddress());
      }
      Router.Route route = p.match.route();
      if (!route.anonymous()) {
        Authentication.authorize(this, p, nowMs);
      }
      Out out = route.handler().handle(new Req(p.request, p.match.vars(), p.caller, p.ws, nowMs));
      Map<String, String> headers = new LinkedHashMap<>(out.headers());
      orgId(p, headers);
      String body = "";
      if (out.body() != null) {
        headers.putIfAbsent("Content-Type", "application/json");
        body = Json.write(out.body());
      }
      return new Outcome(out.status(), headers, body);
    } catch (ApiError e) {
      Map<String, String> headers = new LinkedHashMap<>(e.headers);
      headers.put("Content-Type", "application/json");
      orgId(p, headers);
      return new Outcome(e.status, headers, Json.write(e.body));
    } catch (RuntimeException e) {
      // a bug in the fake must still be an HTTP answer, never an exception in the front end
      log.warn("FakeDatabricks engine failed on {} {}", p.request.method(), p.request.path(), e);
      ObjectNode body = Json.object();
      body.put("error_code", "INTERNAL_ERROR");
      body.put("message", "FakeDatabricks engine error on " + p.request.method() + " " + p.request.path() + ": " + e);
      return new Outcome(500, Map.of("Content-Type", "application/json"), Json.write(body));
    }
  }

  /** Workspace responses carry the workspace id, as the real ones do; clients learn the id from it. */
  private static void orgId(Prepared p, Map<String, String> headers) {
    if (p.scope == Router.Scope.WORKSPACE) {
      headers.put("X-Databricks-Org-Id", Long.toString(p.ws.id));
    }
  }

  private ApiError unknownRoute(FakeRequest request) {
    List<String> methods = router.methodsFor(request.path());
    String hint = methods.isEmpty()
        ? " (the fake has no route for this path)"
        : " (the fake serves this path only for " + String.join(", ", methods) + ")";
    return ApiError.platform(404, "ENDPOINT_NOT_FOUND",
        "No API found for '" + request.method() + " " + request.path() + "'" + hint);
  }

  static String aclKey(PrincipalType type, String name) {
    return type.name() + ':' + name;
  }

  /** The principal of an ACL key made by {@link #aclKey}: its type and name. */
  record AclPrincipal(PrincipalType type, String name) {
    static AclPrincipal of(String aclKey) {
      int colon = aclKey.indexOf(':');
      return new AclPrincipal(PrincipalType.valueOf(aclKey.substring(0, colon)), aclKey.substring(colon + 1));
    }
  }

  /**
   * Returns true when {@code sp} is visible to workspace-side principal resolution now; each call
   * while invisible by reads spends one read.
   */
  boolean visible(Model.Sp sp, long now) {
    if (sp.invisibleReads > 0) {
      sp.invisibleReads--;
      return false;
    }
    return now >= sp.visibleAtMs;
  }

  /** Looks up a service principal by applicationId for workspace-side APIs, honouring eventual consistency. */
  Model.Sp resolveSp(String appId, long now) {
    Long id = account.spByAppId.get(appId);
    if (id == null) {
      return null;
    }
    Model.Sp sp = account.sps.get(id);
    return sp != null && visible(sp, now) ? sp : null;
  }

  /** Looks up a service principal by SCIM id for workspace-side APIs, honouring eventual consistency. */
  Model.Sp resolveSpById(long id, long now) {
    Model.Sp sp = account.sps.get(id);
    return sp != null && visible(sp, now) ? sp : null;
  }

  Model.Workspace workspace(long id) {
    Model.Workspace w = account.workspaces.get(id);
    if (w == null) {
      throw new IllegalArgumentException("no workspace with id " + id + "; known: " + account.workspaces.keySet());
    }
    return w;
  }

  /** Deletes every PAT of {@code spId} in {@code ws}. */
  static void revokeTokens(Model.Workspace ws, long spId) {
    ws.tokens.values().removeIf(t -> t.ownerSpId() == spId);
    ws.tokenUse.keySet().retainAll(ws.tokens.keySet()); // a revoked token leaves no usage record behind
  }

  /** Removes a service principal from a workspace: assignment, ACL entry, PATs. */
  static void unassign(Model.Workspace ws, Model.Sp sp) {
    ws.assignments.remove(sp.id);
    ws.tokenAcl.remove(aclKey(PrincipalType.SERVICE_PRINCIPAL, sp.appId));
    revokeTokens(ws, sp.id);
  }

  /** Deletes a service principal everywhere: workspaces, grants, PATs, OAuth tokens and secrets. */
  void deleteSp(Model.Sp sp) {
    account.sps.remove(sp.id);
    account.spByAppId.remove(sp.appId);
    for (Model.Workspace w : account.workspaces.values()) {
      unassign(w, sp);
      TableApi.forEachGrants(w, g -> g.remove(sp.appId));
      if (!behaviours.deletedPrincipalAclEntriesKept()) {
        w.warehouses.values().forEach(wh -> wh.acl.remove(aclKey(PrincipalType.SERVICE_PRINCIPAL, sp.appId)));
      }
    }
    account.groupMembers.values().forEach(m -> m.remove(sp.id));
    account.oauthTokens.values().removeIf(o -> o.spId() == sp.id);
  }

  /**
   * Returns {@code items} in the order list endpoints answer: creation order, or with the
   * {@code shuffledListOrder} switch a stable order by a seeded hash of each item's key.
   */
  <T> List<T> listOrder(java.util.Collection<T> items, java.util.function.Function<T, String> key) {
    List<T> out = new java.util.ArrayList<>(items);
    if (behaviours.shuffledListOrder()) {
      out.sort(java.util.Comparator.comparing(t -> sha256(initialSeed + ":" + key.apply(t))));
    }
    return out;
  }

  // ---------------------------------------------------------------- ids and hashing (Ids)

  long newId() {
    return Ids.newId(random);
  }

  String newUuid() {
    return Ids.newUuid(random);
  }

  String newHex(int chars) {
    return Ids.newHex(random, chars);
  }

  static String sha256(String value) {
    return Ids.sha256(value);
  }

  // ---------------------------------------------------------------- creation helpers (EngineCreation)

  Model.Workspace newWorkspace(long id, String name, URI host) {
    return EngineCreation.newWorkspace(this, id, name, host);
  }

  Model.Sp newSp(String displayName, String appId, long now, boolean applyConsistency) {
    return EngineCreation.newSp(this, displayName, appId, now, applyConsistency);
  }

  Model.Catalog createCatalog(Model.Workspace ws, String name, String owner, String comment, long now) {
    return EngineCreation.createCatalog(ws, name, owner, comment, now);
  }

  /** Issues a PAT and returns its value. */
  String issueToken(Model.Workspace ws, Model.Sp owner, long createdById, String createdBy, String comment,
      long now, long expiryMs, boolean obo) {
    return EngineCreation.issueToken(this, ws, owner, createdById, createdBy, comment, now, expiryMs, obo);
  }

  // ---------------------------------------------------------------- snapshots

  /** An opaque deep copy of the state. */
  public static final class State {
    final Model.Account account;
    private final ConsistencyDelay consistency;

    private State(Model.Account account, ConsistencyDelay consistency) {
      this.account = account;
      this.consistency = consistency;
    }
  }

  /** Returns a deep copy of the current state. */
  public State snapshot() {
    return new State(account.copy(), consistency);
  }

  /** Replaces the state with a copy of {@code state}. */
  public void restore(State state) {
    this.account = state.account.copy();
    this.consistency = state.consistency;
  }

  /** Returns to the state right after construction (same generated ids and tokens follow). */
  public void reset() {
    this.account = initial.copy();
    this.consistency = ConsistencyDelay.none();
    this.random = new SplittableRandom(initialSeed);
  }

  // ---------------------------------------------------------------- controls

  public void consistency(ConsistencyDelay delay) {
    this.consistency = delay;
  }

  public ConsistencyDelay consistency() {
    return consistency;
  }

  /** Returns the host directory: which account or workspace a request addresses. */
  public HostDirectory hosts() {
    return hosts;
  }

  /** Returns the read views of the state. */
  public EngineViews views() {
    return views;
  }

  /** Returns the seeding helpers, which skip the API's checks. */
  public EngineSeeding seeding() {
    return seeding;
  }

  static ObjectNode obj() {
    return Json.object();
  }
}
