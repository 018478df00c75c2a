package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Who is calling (the admin token, a PAT, an OAuth access token or nobody) and whether that caller
 * may reach the addressed account or workspace; plus the admin and token-usage rules the handlers
 * share.
 */
final class Authentication {

  private Authentication() {}

  /** Who sent {@code request}; a PAT is looked up in {@code addressed} (may be null) first, the workspace it is usually for. */
  static Caller identify(Model.Account account, FakeRequest request, Model.Workspace addressed) {
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
    String hash = Engine.sha256(token);
    if (hash.equals(account.adminTokenHash)) {
      return Caller.ADMIN;
    }
    // token values are random, so a hash is in at most one workspace: the order only saves time
    if (addressed != null && addressed.tokens.containsKey(hash)) {
      return patCaller(account, addressed, addressed.tokens.get(hash));
    }
    for (Model.Workspace w : account.workspaces.values()) {
      Model.Token t = w.tokens.get(hash);
      if (t != null) {
        return patCaller(account, w, t);
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

  private static Caller patCaller(Model.Account account, Model.Workspace w, Model.Token t) {
    if (t.ownerSpId() == 0) {
      return new Caller(Caller.Kind.ADMIN_PAT, null, t, w.id, 0, Engine.ADMIN_LABEL);
    }
    Model.Sp sp = account.sps.get(t.ownerSpId());
    if (sp == null) {
      return Caller.INVALID;
    }
    return new Caller(Caller.Kind.SP_PAT, sp, t, w.id, 0, sp.appId);
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

  static void authorize(Engine e, Engine.Prepared p, long now) {
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
        TokenRules.use(e, p.ws, t, p.request.path(), now);
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
            if (p.request.path().contains("/credentials/secrets")) {
              throw ApiError.permissionDenied("This API is disabled for users without account admin status. "
                  + "Contact your administrator for more information.");
            }
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
    return !WorkspaceConfApi.isFalse(ws, "enableTokensConfig");
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
    if (ws.tokenAcl.containsKey(Engine.aclKey(PrincipalType.SERVICE_PRINCIPAL, sp.appId))) {
      return true;
    }
    return ws.tokenAcl.containsKey(Engine.aclKey(PrincipalType.GROUP, "users"));
  }
}
