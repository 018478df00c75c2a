package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.ConsistencyDelay;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.state.Catalog;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.OAuthSecret;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.PrivilegeAssignment;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.testkit.state.WorkspaceAssignment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The fake Databricks engine: state, routing, authentication and the handlers. Not API: use
 * {@code FakeDatabricks}. Not thread-safe by itself; the owner serialises every call.
 */
public final class Engine {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Engine.class);

  static final String ADMIN_LABEL = "admin";
  static final String SP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";

  final EngineConfig config;
  final Behaviours behaviours;
  final Router router = new Router();
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
    OAuthApi.register(this);
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
      scope = isAccountPath(path) || isAccountHost(request.targetHost()) ? Router.Scope.ACCOUNT : Router.Scope.WORKSPACE;
    }
    Model.Workspace ws = selectWorkspace(request);
    return new Prepared(request, match, scope, ws, identify(request));
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
        authorize(p, nowMs);
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

  static boolean isAccountPath(String path) {
    if (path.startsWith("/api/2.0/accounts/servicePrincipals/")) {
      return false; // the workspace-host proxy for SP secrets
    }
    return path.startsWith("/api/2.0/accounts/") || path.startsWith("/api/2.0/preview/accounts/")
        || path.startsWith("/oidc/accounts/");
  }

  boolean isAccountHost(String targetHost) {
    return sameHost(targetHost, config.accountHost()) || accountHosts.contains(normalize(targetHost));
  }

  // Front-end addresses live outside the snapshotted state: a reset or restore must not unplug the HTTP server.
  private final List<String> accountHosts = new ArrayList<>();
  private final Map<String, Long> workspaceHosts = new LinkedHashMap<>();

  /** Registers another address (e.g. an HTTP front end's) under which the account is reached. */
  public void registerAccountHost(URI host) {
    accountHosts.add(normalize(host.toString()));
  }

  /** Registers another address under which workspace {@code id} is reached. */
  public void registerWorkspaceHost(long id, URI host) {
    workspace(id);
    workspaceHosts.put(normalize(host.toString()), id);
  }

  /** Returns true for the account host and every workspace host, registered extras included. */
  public boolean isKnownHost(String target) {
    String t = normalize(target);
    if (isAccountHost(t)) {
      return true;
    }
    for (Model.Workspace w : account.workspaces.values()) {
      if (normalize(w.host.toString()).equals(t)) {
        return true;
      }
    }
    return workspaceHosts.containsKey(t);
  }

  private Model.Workspace selectWorkspace(FakeRequest request) {
    String target = normalize(request.targetHost());
    for (Model.Workspace w : account.workspaces.values()) {
      if (normalize(w.host.toString()).equals(target)) {
        return w;
      }
    }
    Long registered = workspaceHosts.get(target);
    if (registered != null && account.workspaces.containsKey(registered)) {
      return account.workspaces.get(registered);
    }
    String header = request.header("X-Databricks-Workspace-Id");
    if (header != null) {
      try {
        Model.Workspace w = account.workspaces.get(Long.parseLong(header.trim()));
        if (w != null) {
          return w;
        }
      } catch (NumberFormatException ignored) {
        // an unparsable header is ignored, as the real unified host ignores unknown ids
      }
    }
    return account.workspaces.get(config.workspaceId());
  }

  private static boolean sameHost(String target, URI host) {
    return normalize(target).equals(normalize(host.toString()));
  }

  /** scheme://host[:port], lower-case, default ports dropped, no trailing slash. */
  static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    while (h.endsWith("/")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.startsWith("https://") && h.endsWith(":443")) {
      h = h.substring(0, h.length() - 4);
    } else if (h.startsWith("http://") && h.endsWith(":80")) {
      h = h.substring(0, h.length() - 3);
    }
    return h;
  }

  private Caller identify(FakeRequest request) {
    String auth = request.header("Authorization");
    if (request.path().endsWith("/v1/token")) {
      return oauthClient(request, auth);
    }
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Caller.NONE;
    }
    String token = auth.substring(7).trim();
    if (token.isEmpty()) {
      return Caller.NONE;
    }
    String hash = sha256(token);
    if (hash.equals(account.adminTokenHash)) {
      return Caller.ADMIN;
    }
    for (Model.Workspace w : account.workspaces.values()) {
      Model.Token t = w.tokens.get(hash);
      if (t != null) {
        if (t.ownerSpId() == 0) {
          return new Caller(Caller.Kind.ADMIN_PAT, null, t, w.id, 0, ADMIN_LABEL);
        }
        Model.Sp sp = account.sps.get(t.ownerSpId());
        if (sp == null) {
          return Caller.INVALID;
        }
        return new Caller(Caller.Kind.SP_PAT, sp, t, w.id, 0, sp.appId);
      }
    }
    Model.OAuthToken o = account.oauthTokens.get(hash);
    if (o != null) {
      Model.Sp sp = account.sps.get(o.spId());
      if (sp != null) {
        return new Caller(Caller.Kind.SP_OAUTH, sp, null, o.workspaceId(), o.expiresMs(), sp.appId);
      }
    }
    return Caller.INVALID;
  }

  /** The OAuth token endpoint authenticates by client credentials: journal its client id as the principal. */
  private static Caller oauthClient(FakeRequest request, String auth) {
    String clientId = null;
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        clientId = colon > 0 ? decoded.substring(0, colon) : null;
      } catch (IllegalArgumentException ignored) {
        // not Base64: stays anonymous; the handler answers invalid_client
      }
    } else {
      clientId = Req.parseForm(request.body()).get("client_id");
    }
    return clientId == null || clientId.isBlank() ? Caller.NONE
        : new Caller(Caller.Kind.NONE, null, null, null, 0, clientId);
  }

  private void authorize(Prepared p, long now) {
    Caller c = p.caller;
    boolean scim = p.request.path().contains("/scim/v2/");
    switch (c.kind()) {
      case NONE:
        throw ApiError.noCredentials();
      case INVALID:
        throw ApiError.invalidToken();
      case ADMIN:
        return;
      case ADMIN_PAT:
      case SP_PAT: {
        Model.Token t = c.token();
        if (t.expiryMs() >= 0 && now >= t.expiryMs()) {
          throw ApiError.invalidToken();
        }
        if (p.scope == Router.Scope.ACCOUNT || !c.tokenWorkspaceId().equals(p.ws.id)) {
          throw ApiError.invalidToken();
        }
        if (c.isSp() && (!c.sp().active || !p.ws.assignments.containsKey(c.sp().id))) {
          throw ApiError.invalidToken();
        }
        if (!tokensEnabled(p.ws)) {
          throw ApiError.permissionDenied("Personal access tokens are disabled for this workspace.");
        }
        if (c.isSp() && !canUseTokens(p.ws, c.sp())) {
          throw ApiError.permissionDenied("User " + c.sp().appId + " does not have permission to use tokens.");
        }
        return;
      }
      case SP_OAUTH: {
        if (now >= c.oauthExpiresMs()) {
          throw ApiError.expiredOAuthToken();
        }
        if (!c.sp().active) {
          throw ApiError.invalidToken();
        }
        if (p.scope == Router.Scope.ACCOUNT) {
          if (c.tokenWorkspaceId() != null) {
            throw ApiError.invalidToken();
          }
          if (!c.sp().roles.contains("account_admin")) {
            throw scim
                ? ApiError.scim(403, "Only account admins can access this API.")
                : ApiError.permissionDenied("Only account admins can access this API.");
          }
          return;
        }
        if (c.tokenWorkspaceId() != null && !c.tokenWorkspaceId().equals(p.ws.id)) {
          throw ApiError.invalidToken();
        }
        if (!p.ws.assignments.containsKey(c.sp().id)) {
          throw ApiError.permissionDenied("User " + c.sp().appId + " is not a member of workspace " + p.ws.id + ".");
        }
        return;
      }
      default:
        throw new IllegalStateException(c.kind().toString());
    }
  }

  // ---------------------------------------------------------------- shared rules

  static boolean isAdminCaller(Caller c) {
    return c.kind() == Caller.Kind.ADMIN || c.kind() == Caller.Kind.ADMIN_PAT;
  }

  /** Workspace admin: the admin, or an SP assigned ADMIN on the workspace. */
  static boolean isWorkspaceAdmin(Caller c, Model.Workspace ws) {
    if (isAdminCaller(c)) {
      return true;
    }
    if (c.isSp()) {
      List<String> perms = ws.assignments.get(c.sp().id);
      return perms != null && perms.contains("ADMIN");
    }
    return false;
  }

  static void requireWorkspaceAdmin(Req r, String message) {
    if (!isWorkspaceAdmin(r.caller, r.ws)) {
      throw ApiError.permissionDenied(message);
    }
  }

  static boolean tokensEnabled(Model.Workspace ws) {
    return !"false".equals(ws.conf.get("enableTokensConfig"));
  }

  /** CAN_USE or CAN_MANAGE directly, through {@code users} (every assigned principal) or {@code admins}. */
  static boolean canUseTokens(Model.Workspace ws, Model.Sp sp) {
    List<String> perms = ws.assignments.get(sp.id);
    if (perms == null) {
      return false;
    }
    if (perms.contains("ADMIN")) {
      return true;
    }
    if (ws.tokenAcl.containsKey(aclKey(PrincipalType.SERVICE_PRINCIPAL, sp.appId))) {
      return true;
    }
    return ws.tokenAcl.containsKey(aclKey(PrincipalType.GROUP, "users"));
  }

  static String aclKey(PrincipalType type, String name) {
    return type.name() + ':' + name;
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
      for (Model.Catalog c : w.catalogs.values()) {
        c.grants.remove(sp.appId);
        for (Model.Schema s : c.schemas.values()) {
          s.grants.remove(sp.appId);
        }
      }
    }
    account.oauthTokens.values().removeIf(o -> o.spId() == sp.id);
  }

  // ---------------------------------------------------------------- ids and hashing

  long newId() {
    return 1_000_000_000_000_000L + random.nextLong(8_999_999_999_999_999L);
  }

  String newUuid() {
    long hi = random.nextLong();
    long lo = random.nextLong();
    hi = (hi & 0xffffffffffff0fffL) | 0x0000000000004000L;
    lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new java.util.UUID(hi, lo).toString();
  }

  String newHex(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    while (sb.length() < chars) {
      String h = Long.toHexString(random.nextLong());
      for (int i = h.length(); i < 16; i++) {
        sb.append('0');
      }
      sb.append(h);
    }
    sb.setLength(chars);
    return sb.toString();
  }

  static String sha256(String value) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[d.length * 2];
      final char[] hex = "0123456789abcdef".toCharArray();
      for (int i = 0; i < d.length; i++) {
        out[2 * i] = hex[(d[i] >> 4) & 0xf];
        out[2 * i + 1] = hex[d[i] & 0xf];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  // ---------------------------------------------------------------- creation helpers (API and seeding)

  Model.Workspace newWorkspace(long id, String name, URI host) {
    if (account.workspaces.containsKey(id)) {
      throw new IllegalArgumentException("a workspace with id " + id + " already exists");
    }
    Model.Workspace ws = new Model.Workspace();
    ws.id = id;
    ws.name = name;
    ws.host = host;
    ws.metastoreId = newUuid();
    ws.tokenAcl.put(aclKey(PrincipalType.GROUP, "admins"), "CAN_MANAGE");
    ws.conf.put("enableIpAccessLists", "false");
    ws.conf.put("enableTokensConfig", "true");
    account.workspaces.put(id, ws);
    return ws;
  }

  Model.Sp newSp(String displayName, String appId, long now, boolean applyConsistency) {
    Model.Sp sp = new Model.Sp();
    do {
      sp.id = newId();
    } while (account.sps.containsKey(sp.id));
    sp.appId = appId != null ? appId : newUuid();
    sp.displayName = displayName;
    sp.createdMs = now;
    if (applyConsistency) {
      sp.invisibleReads = consistency.reads();
      sp.visibleAtMs = now + consistency.duration().toMillis();
    }
    account.sps.put(sp.id, sp);
    account.spByAppId.put(sp.appId, sp.id);
    return sp;
  }

  Model.Catalog createCatalog(Model.Workspace ws, String name, String owner, String comment, long now) {
    Model.Catalog c = new Model.Catalog();
    c.name = name;
    c.owner = owner;
    c.comment = comment;
    c.createdMs = now;
    c.createdBy = owner;
    Model.Schema s = new Model.Schema();
    s.name = "default";
    s.owner = owner;
    s.comment = "Default schema (auto-created)";
    s.createdMs = now;
    c.schemas.put("default", s);
    ws.catalogs.put(name, c);
    return c;
  }

  /** Issues a PAT and returns its value. */
  String issueToken(Model.Workspace ws, Model.Sp owner, long createdById, String createdBy, String comment,
      long now, long expiryMs, boolean obo) {
    String value = "dapi" + newHex(32);
    String id = sha256(value);
    long ownerId = owner == null ? account.adminUserId : owner.id;
    String ownerName = owner == null ? account.adminUserName : owner.appId;
    ws.tokens.put(id, new Model.Token(id, ownerId, owner == null ? 0 : owner.id, ownerName, createdById, createdBy,
        comment == null ? "" : comment, now, expiryMs, obo));
    return value;
  }

  // ---------------------------------------------------------------- snapshots

  /** An opaque deep copy of the state. */
  public static final class State {
    private final Model.Account account;
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

  // ---------------------------------------------------------------- controls and views

  public void consistency(ConsistencyDelay delay) {
    this.consistency = delay;
  }

  public ConsistencyDelay consistency() {
    return consistency;
  }

  public String accountId() {
    return account.accountId;
  }

  public long defaultWorkspaceId() {
    return config.workspaceId();
  }

  public String adminUserName() {
    return account.adminUserName;
  }

  public List<Long> workspaceIds() {
    return List.copyOf(account.workspaces.keySet());
  }

  public URI workspaceHost(long id) {
    return workspace(id).host;
  }

  public String workspaceName(long id) {
    return workspace(id).name;
  }

  /** Adds a workspace with the default workspace state and the given catalogs. */
  public void addWorkspace(long id, String name, List<String> catalogs, long now) {
    Model.Workspace ws = newWorkspace(id, name, EngineConfig.workspaceHostFor(id));
    for (String c : catalogs) {
      createCatalog(ws, c, account.adminUserName, "", now);
    }
  }

  public List<ServicePrincipal> servicePrincipals() {
    List<ServicePrincipal> out = new ArrayList<>();
    for (Model.Sp sp : account.sps.values()) {
      out.add(view(sp));
    }
    return List.copyOf(out);
  }

  static ServicePrincipal view(Model.Sp sp) {
    return new ServicePrincipal(sp.id, sp.appId, sp.displayName, sp.active, Optional.ofNullable(sp.externalId),
        sp.roles, Instant.ofEpochMilli(sp.createdMs));
  }

  public ServicePrincipal addServicePrincipal(String displayName, long now) {
    return view(newSp(displayName, null, now, false));
  }

  public void deleteServicePrincipal(String applicationId) {
    Long id = account.spByAppId.get(applicationId);
    if (id == null) {
      throw new IllegalArgumentException("no service principal with applicationId " + applicationId);
    }
    deleteSp(account.sps.get(id));
  }

  public void addAccountGroup(String name) {
    account.groups.putIfAbsent(name, newId());
  }

  public Set<String> accountGroups() {
    return Set.copyOf(account.groups.keySet());
  }

  private Model.Sp spByAppId(String applicationId) {
    Long id = account.spByAppId.get(applicationId);
    if (id == null) {
      throw new IllegalArgumentException("no service principal with applicationId " + applicationId);
    }
    return account.sps.get(id);
  }

  public void assign(long workspaceId, String applicationId, List<String> permissions) {
    Model.Workspace ws = workspace(workspaceId);
    Model.Sp sp = spByAppId(applicationId);
    ws.assignments.put(sp.id, new ArrayList<>(permissions));
  }

  public List<WorkspaceAssignment> assignments(long workspaceId) {
    Model.Workspace ws = workspace(workspaceId);
    List<WorkspaceAssignment> out = new ArrayList<>();
    for (Map.Entry<Long, List<String>> e : ws.assignments.entrySet()) {
      Model.Sp sp = account.sps.get(e.getKey());
      if (sp != null) {
        out.add(new WorkspaceAssignment(sp.id, PrincipalType.SERVICE_PRINCIPAL, sp.appId, sp.displayName, e.getValue()));
      }
    }
    return List.copyOf(out);
  }

  public List<TokenPermission> tokenAcl(long workspaceId) {
    List<TokenPermission> out = new ArrayList<>();
    for (Map.Entry<String, String> e : workspace(workspaceId).tokenAcl.entrySet()) {
      int colon = e.getKey().indexOf(':');
      out.add(new TokenPermission(PrincipalType.valueOf(e.getKey().substring(0, colon)), e.getKey().substring(colon + 1),
          e.getValue()));
    }
    return List.copyOf(out);
  }

  public void grantTokenPermission(long workspaceId, TokenPermission permission) {
    workspace(workspaceId).tokenAcl.put(aclKey(permission.type(), permission.principal()), permission.level());
  }

  public List<IssuedToken> tokens(long workspaceId) {
    List<IssuedToken> out = new ArrayList<>();
    for (Model.Token t : workspace(workspaceId).tokens.values()) {
      out.add(new IssuedToken(t.tokenId(), workspaceId, t.ownerId(), t.owner(), t.createdById(), t.createdByUsername(),
          t.comment(), Instant.ofEpochMilli(t.creationMs()),
          t.expiryMs() < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t.expiryMs())), t.obo()));
    }
    return List.copyOf(out);
  }

  /** Issues a PAT for {@code principal} (an applicationId, or the admin user's name / "admin"). */
  public String issueToken(long workspaceId, String principal, Duration lifetime, long now) {
    Model.Workspace ws = workspace(workspaceId);
    Model.Sp owner = principal.equals(ADMIN_LABEL) || principal.equals(account.adminUserName) ? null : spByAppId(principal);
    long expiry = lifetime == null ? -1 : now + lifetime.toMillis();
    return issueToken(ws, owner, account.adminUserId, account.adminUserName, "seeded by the test", now, expiry, owner != null);
  }

  public List<PrivilegeAssignment> grants(long workspaceId, String catalog) {
    Model.Catalog c = workspace(workspaceId).catalogs.get(catalog);
    if (c == null) {
      throw new IllegalArgumentException("no catalog " + catalog + " in workspace " + workspaceId);
    }
    return assignmentsOf(c.grants);
  }

  public List<PrivilegeAssignment> schemaGrants(long workspaceId, String catalog, String schema) {
    Model.Catalog c = workspace(workspaceId).catalogs.get(catalog);
    Model.Schema s = c == null ? null : c.schemas.get(schema);
    if (s == null) {
      throw new IllegalArgumentException("no schema " + catalog + "." + schema + " in workspace " + workspaceId);
    }
    return assignmentsOf(s.grants);
  }

  private static List<PrivilegeAssignment> assignmentsOf(Map<String, Set<String>> grants) {
    List<PrivilegeAssignment> out = new ArrayList<>();
    grants.forEach((p, privs) -> {
      if (!privs.isEmpty()) {
        out.add(new PrivilegeAssignment(p, privs));
      }
    });
    return List.copyOf(out);
  }

  public void createCatalog(long workspaceId, String name, long now) {
    Model.Workspace ws = workspace(workspaceId);
    if (ws.catalogs.containsKey(name)) {
      throw new IllegalArgumentException("catalog " + name + " already exists in workspace " + workspaceId);
    }
    createCatalog(ws, name, account.adminUserName, "", now);
  }

  public List<Catalog> catalogs(long workspaceId) {
    List<Catalog> out = new ArrayList<>();
    for (Model.Catalog c : workspace(workspaceId).catalogs.values()) {
      out.add(new Catalog(c.name, c.owner, c.comment == null ? "" : c.comment, List.copyOf(c.schemas.keySet())));
    }
    return List.copyOf(out);
  }

  public Map<String, String> conf(long workspaceId) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(workspace(workspaceId).conf));
  }

  public void setConf(long workspaceId, String key, String value) {
    if (!NetworkApi.KNOWN_CONF_KEYS.contains(key)) {
      throw new IllegalArgumentException("unknown workspace-conf key " + key + "; known: " + NetworkApi.KNOWN_CONF_KEYS);
    }
    if (value == null) {
      workspace(workspaceId).conf.remove(key);
    } else {
      workspace(workspaceId).conf.put(key, value);
    }
  }

  public List<IpAccessList> ipAccessLists(long workspaceId) {
    List<IpAccessList> out = new ArrayList<>();
    for (Model.IpList l : workspace(workspaceId).ipLists.values()) {
      out.add(NetworkApi.view(l));
    }
    return List.copyOf(out);
  }

  public IpAccessList addIpAccessList(long workspaceId, String label, String listType, List<String> addresses, long now) {
    Model.IpList l = NetworkApi.addList(this, workspace(workspaceId), label, listType, addresses, now, account.adminUserId);
    return NetworkApi.view(l);
  }

  public List<OAuthSecret> secrets(long servicePrincipalId) {
    Model.Sp sp = account.sps.get(servicePrincipalId);
    if (sp == null) {
      throw new IllegalArgumentException("no service principal with id " + servicePrincipalId);
    }
    List<OAuthSecret> out = new ArrayList<>();
    for (Model.Secret s : sp.secrets.values()) {
      out.add(new OAuthSecret(s.id(), sp.id, s.hash(), Instant.ofEpochMilli(s.createMs()), Instant.ofEpochMilli(s.expireMs())));
    }
    return List.copyOf(out);
  }

  /** Creates an OAuth secret for {@code applicationId} and returns its value. */
  public String addSecret(String applicationId, Duration lifetime, long now) {
    return OAuthApi.createSecret(this, spByAppId(applicationId), lifetime.toMillis(), now).path("secret").asText();
  }

  static ObjectNode obj() {
    return Json.object();
  }
}
