package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Service principal OAuth secrets, the client-credentials token endpoints, OIDC discovery and host metadata. */
final class OAuthApi {

  static final int MAX_SECRETS = 5;
  static final long MAX_SECRET_LIFETIME_MS = 730L * 86_400_000L;
  static final long ACCESS_TOKEN_SECONDS = 3600;

  private final Engine e;

  private OAuthApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    OAuthApi api = new OAuthApi(e);
    Router r = e.router;
    Router.Scope a = Router.Scope.ACCOUNT;
    Router.Scope w = Router.Scope.WORKSPACE;
    String acct = "/api/2.0/accounts/{}/servicePrincipals/{}/credentials/secrets";
    r.add("POST", acct, a, req -> api.create(req, true));
    r.add("GET", acct, a, req -> api.list(req, true));
    r.add("DELETE", acct + "/{}", a, req -> api.delete(req, true));
    String proxy = "/api/2.0/accounts/servicePrincipals/{}/credentials/secrets";
    r.add("POST", proxy, w, req -> api.create(req, false));
    r.add("GET", proxy, w, req -> api.list(req, false));
    r.add("DELETE", proxy + "/{}", w, req -> api.delete(req, false));
    r.add("POST", "/oidc/v1/token", w, true, req -> api.token(req, false));
    r.add("POST", "/oidc/accounts/{}/v1/token", a, true, req -> api.token(req, true));
    r.add("GET", "/oidc/.well-known/oauth-authorization-server", w, true, req -> api.discovery(req, "/oidc"));
    r.add("GET", "/oidc/accounts/{}/.well-known/oauth-authorization-server", a, true,
        req -> api.discovery(req, "/oidc/accounts/" + req.var(0)));
    r.add("GET", "/.well-known/databricks-config", Router.Scope.HOST_DEPENDENT, true, api::hostMetadata);
  }

  // ------------------------------------------------------------------ secrets

  private Model.Sp sp(Req r, boolean account) {
    if (account) {
      Accounts.require(e, r);
    } else {
      Authentication.requireWorkspaceAdmin(r, "Only workspace admins can manage service principal secrets.");
    }
    String raw = r.var(account ? 1 : 0);
    Model.Sp sp = null;
    try {
      sp = e.account.sps.get(Long.parseLong(raw));
    } catch (NumberFormatException ignored) {
      // not a SCIM id: not found
    }
    if (sp == null || (!account && !r.ws.assignments.containsKey(sp.id))) {
      throw ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Service principal " + raw + " does not exist"
          + (account ? "." : " in workspace " + r.ws.id + "."));
    }
    return sp;
  }

  private Out create(Req r, boolean account) {
    Model.Sp sp = sp(r, account);
    String lifetime = Json.text(r.body(), "lifetime");
    long ms = lifetime == null ? MAX_SECRET_LIFETIME_MS : parseLifetime(lifetime);
    return Out.ok(createSecret(e, sp, ms, r.now));
  }

  private long parseLifetime(String text) {
    String t = text.trim();
    boolean suffixed = t.endsWith("s");
    if (!suffixed && !e.behaviours.secretLifetimeWithoutSuffix()) {
      throw ApiError.badRequest("Invalid duration: " + text + ". Expected seconds with an 's' suffix, e.g. 63072000s.");
    }
    String number = suffixed ? t.substring(0, t.length() - 1) : t;
    double seconds;
    try {
      seconds = Double.parseDouble(number);
    } catch (NumberFormatException ex) {
      throw ApiError.badRequest("Invalid duration: " + text + ". Expected seconds with an 's' suffix, e.g. 63072000s.");
    }
    long ms = (long) (seconds * 1000);
    if (ms <= 0 || ms > MAX_SECRET_LIFETIME_MS) {
      throw ApiError.badRequest("lifetime must be more than 0 and at most 730 days (63072000s), was " + text + ".");
    }
    return ms;
  }

  static ObjectNode createSecret(Engine e, Model.Sp sp, long lifetimeMs, long now) {
    if (sp.secrets.size() >= MAX_SECRETS) {
      throw ApiError.platform(400, "QUOTA_EXCEEDED", "Service principal " + sp.id + " already has " + MAX_SECRETS
          + " OAuth secrets, the maximum allowed.");
    }
    String value = "dose" + e.newHex(32);
    String id = e.newHex(32);
    String hash = Engine.sha256(value).substring(0, 64);
    Model.Secret s = new Model.Secret(id, hash, Engine.sha256(value), now, now, now + lifetimeMs);
    sp.secrets.put(id, s);
    ObjectNode n = secretJson(s, now);
    ObjectNode out = Json.object();
    out.put("id", s.id());
    out.put("secret", value);
    out.setAll(n);
    return out;
  }

  private static ObjectNode secretJson(Model.Secret s, long now) {
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("secret_hash", s.hash());
    n.put("create_time", Instant.ofEpochMilli(s.createMs()).toString());
    n.put("update_time", Instant.ofEpochMilli(s.updateMs()).toString());
    n.put("expire_time", Instant.ofEpochMilli(s.expireMs()).toString());
    n.put("status", now >= s.expireMs() ? "EXPIRED" : "ACTIVE");
    return n;
  }

  private Out list(Req r, boolean account) {
    Model.Sp sp = sp(r, account);
    List<Model.Secret> all = new ArrayList<>(sp.secrets.values());
    int start = 0;
    String token = r.q("page_token");
    if (token != null && !token.isBlank()) {
      try {
        start = Math.max(0, Integer.parseInt(token));
      } catch (NumberFormatException ex) {
        throw ApiError.badRequest("Invalid page_token: " + token);
      }
    }
    int size = all.size();
    String pageSize = r.q("page_size");
    if (pageSize != null && !pageSize.isBlank()) {
      try {
        size = Math.max(1, Integer.parseInt(pageSize.trim()));
      } catch (NumberFormatException ex) {
        throw ApiError.badRequest("Invalid page_size: " + pageSize);
      }
    }
    ObjectNode out = Json.object();
    ArrayNode secrets = out.putArray("secrets");
    int end = (int) Math.min(all.size(), (long) start + size);
    for (int i = start; i < end; i++) {
      secrets.add(secretJson(all.get(i), r.now));
    }
    if (end < all.size()) {
      out.put("next_page_token", Integer.toString(end));
    }
    return Out.ok(out);
  }

  private Out delete(Req r, boolean account) {
    Model.Sp sp = sp(r, account);
    String id = r.var(account ? 2 : 1);
    if (sp.secrets.remove(id) == null) {
      throw ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Secret " + id + " does not exist.");
    }
    return Out.empty();
  }

  // ------------------------------------------------------------------ token endpoint

  private Out token(Req r, boolean account) {
    if (account && !r.var(0).equals(e.account.accountId)) {
      throw ApiError.oauth(400, "invalid_request", "Unknown account " + r.var(0) + ".");
    }
    Map<String, String> form = Req.parseForm(r.raw.body());
    String grant = form.get("grant_type");
    if (!"client_credentials".equals(grant)) {
      throw ApiError.oauth(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported by the fake.");
    }
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    String auth = r.raw.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          clientId = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
          clientSecret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
      } catch (IllegalArgumentException ex) {
        throw ApiError.oauth(401, "invalid_client", "Client authentication failed");
      }
    }
    if (clientId == null || clientSecret == null) {
      throw ApiError.oauth(401, "invalid_client", "Client authentication failed");
    }
    Long spId = e.account.spByAppId.get(clientId);
    Model.Sp sp = spId == null ? null : e.account.sps.get(spId);
    if (sp == null || !sp.active || !secretMatches(sp, clientSecret, r.now)) {
      throw ApiError.oauth(401, "invalid_client", "Client authentication failed");
    }
    if (!account && !r.ws.assignments.containsKey(sp.id)) {
      throw ApiError.oauth(400, "invalid_request", "Service principal " + clientId + " is not a member of workspace "
          + r.ws.id + ".");
    }
    String scope = form.getOrDefault("scope", "all-apis");
    String accessToken = jwt(sp, scope, r.now);
    e.account.oauthTokens.put(Engine.sha256(accessToken),
        new Model.OAuthToken(sp.id, account ? null : r.ws.id, r.now + ACCESS_TOKEN_SECONDS * 1000));
    ObjectNode out = Json.object();
    out.put("access_token", accessToken);
    out.put("token_type", "Bearer");
    out.put("expires_in", ACCESS_TOKEN_SECONDS);
    out.put("scope", scope);
    return Out.ok(out);
  }

  private static boolean secretMatches(Model.Sp sp, String secret, long now) {
    String hash = Engine.sha256(secret);
    for (Model.Secret s : sp.secrets.values()) {
      if (s.valueHash().equals(hash) && now < s.expireMs()) {
        return true;
      }
    }
    return false;
  }

  /** A JWT-shaped opaque token: clients never verify it, but some log or decode its claims. */
  private String jwt(Model.Sp sp, String scope, long now) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"fake\"}".getBytes(StandardCharsets.UTF_8));
    ObjectNode claims = Json.object();
    claims.put("sub", sp.appId);
    claims.put("client_id", sp.appId);
    claims.put("scope", scope);
    claims.put("iat", now / 1000);
    claims.put("exp", now / 1000 + ACCESS_TOKEN_SECONDS);
    claims.put("jti", e.newUuid());
    String payload = b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + e.newHex(43);
  }

  // ------------------------------------------------------------------ discovery and host metadata

  private Out discovery(Req r, String base) {
    String host = stripSlash(r.raw.targetHost());
    ObjectNode out = Json.object();
    out.put("issuer", host + base);
    out.put("authorization_endpoint", host + base + "/v1/authorize");
    out.put("token_endpoint", host + base + "/v1/token");
    out.put("jwks_uri", host + base + "/jwks.json");
    ArrayNode grants = out.putArray("grant_types_supported");
    grants.add("client_credentials").add("authorization_code").add("refresh_token");
    out.putArray("response_types_supported").add("code");
    out.putArray("scopes_supported").add("all-apis").add("offline_access");
    out.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
    return Out.ok(out);
  }

  /**
   * Host metadata. Only the fields databricks-sdk-java 0.141's {@code HostMetadata} declares: it
   * parses with a strict mapper, so any extra field (such as {@code host_type}) makes the SDK
   * discard the whole document.
   */
  private Out hostMetadata(Req r) {
    String host = stripSlash(r.raw.targetHost());
    ObjectNode out = Json.object();
    out.put("account_id", e.account.accountId);
    if (e.hosts().isAccountHost(r.raw.targetHost())) {
      out.put("oidc_endpoint", host + "/oidc/accounts/" + e.account.accountId);
    } else {
      out.put("workspace_id", Long.toString(r.ws.id));
      out.put("oidc_endpoint", host + "/oidc");
    }
    out.put("cloud", e.hosts().isAccountHost(r.raw.targetHost()) ? "aws" : r.ws.cloud);
    return Out.ok(out);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
