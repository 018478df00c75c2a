package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal SCIM Users at account and workspace level. A workspace lists the users assigned to it;
 * a workspace POST creates the account user and assigns it {@code USER}; a workspace DELETE only
 * removes it from the workspace. {@code userName} is unique (case-insensitive) and cannot change;
 * display names are free text, so a user may share one with a service principal.
 */
final class UserScimApi {

  private static final String ACCOUNT_BASE = "/api/2.0/accounts/{}/scim/v2/Users";
  private static final String WS_BASE = "/api/2.0/preview/scim/v2/Users";

  private final Engine e;

  private UserScimApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    UserScimApi api = new UserScimApi(e);
    Router r = e.router;
    for (boolean account : new boolean[] {true, false}) {
      Router.Scope scope = account ? Router.Scope.ACCOUNT : Router.Scope.WORKSPACE;
      String base = account ? ACCOUNT_BASE : WS_BASE;
      r.add("GET", base, scope, req -> api.list(req, account));
      r.add("POST", base, scope, req -> api.create(req, account));
      r.add("GET", base + "/{}", scope, req -> api.get(req, account));
      r.add("PUT", base + "/{}", scope, req -> api.replace(req, account));
      r.add("PATCH", base + "/{}", scope, req -> api.patch(req, account));
      r.add("DELETE", base + "/{}", scope, req -> api.delete(req, account));
    }
  }

  private Out list(Req r, boolean account) {
    access(r, account, false);
    List<ObjectNode> all = new ArrayList<>();
    for (Model.User u : e.account.users.values()) {
      if (account || r.ws.userAssignments.containsKey(u.id)) {
        all.add(json(e, u, account ? null : r.ws));
      }
    }
    return ScimSupport.list(e, r, all);
  }

  private Out create(Req r, boolean account) {
    access(r, account, true);
    JsonNode body = r.body();
    String userName = Json.text(body, "userName");
    if (userName == null || userName.isBlank()) {
      throw ApiError.scim(400, "invalidValue", "userName is required.");
    }
    Model.User existing = Users.byName(e, userName);
    if (existing != null) {
      if (!account && e.behaviours.workspaceScimAttachesExisting() && !r.ws.userAssignments.containsKey(existing.id)) {
        r.ws.userAssignments.put(existing.id, new ArrayList<>(List.of("USER")));
        return Out.created(json(e, existing, r.ws));
      }
      throw ApiError.scim(409, "uniqueness", "User with username " + userName + " already exists.");
    }
    Model.User u = EngineCreation.newUser(e, 0, userName, Json.text(body, "displayName"), r.now);
    ScimPatch.apply(ScimPatch.of(u), body, account, true);
    if (u.displayName == null) {
      u.displayName = userName;
    }
    if (!account) {
      r.ws.userAssignments.put(u.id, new ArrayList<>(List.of("USER")));
    }
    return Out.created(json(e, u, account ? null : r.ws));
  }

  private Out get(Req r, boolean account) {
    access(r, account, false);
    return Out.ok(ScimSupport.project(json(e, find(r, account), account ? null : r.ws), r));
  }

  private Out replace(Req r, boolean account) {
    access(r, account, true);
    Model.User u = find(r, account);
    ScimPatch.apply(ScimPatch.of(u), r.body(), account, true);
    return Out.ok(json(e, u, account ? null : r.ws));
  }

  private Out patch(Req r, boolean account) {
    access(r, account, true);
    Model.User u = find(r, account);
    ScimPatch.patch(ScimPatch.of(u), r, account);
    return Out.ok(json(e, u, account ? null : r.ws));
  }

  private Out delete(Req r, boolean account) {
    access(r, account, true);
    Model.User u = find(r, account);
    if (account) {
      Users.delete(e, u);
    } else {
      Users.unassign(r.ws, u);
    }
    return Out.noContent();
  }

  private void access(Req r, boolean account, boolean write) {
    if (account) {
      ScimSupport.checkAccount(e, r);
    } else if (write && !Authentication.isWorkspaceAdmin(r.caller, r.ws)) {
      throw ApiError.scim(403, "Only workspace admins can manage users.");
    }
  }

  private Model.User find(Req r, boolean account) {
    String raw = r.var(account ? 1 : 0);
    Model.User u = e.account.users.get(ScimSupport.parseId(raw));
    if (u == null || (!account && !r.ws.userAssignments.containsKey(u.id))) {
      throw ApiError.scim(404, "User with id " + raw + " not found.");
    }
    return u;
  }

  /** The SCIM user; {@code ws} adds the workspace view (entitlements and workspace groups). */
  static ObjectNode json(Engine e, Model.User u, Model.Workspace ws) {
    ObjectNode n = Json.object();
    n.putArray("schemas").add(ScimApi.USER_SCHEMA);
    n.put("id", Long.toString(u.id));
    n.put("userName", u.userName);
    n.put("displayName", u.displayName);
    n.put("active", u.active);
    ObjectNode email = n.putArray("emails").addObject();
    email.put("value", u.userName);
    email.put("type", "work");
    email.put("primary", true);
    if (u.externalId != null) {
      n.put("externalId", u.externalId);
    }
    ScimSupport.valueList(n, "roles", u.roles);
    if (ws != null) {
      ScimSupport.valueList(n, "entitlements", u.entitlements);
    }
    GroupScimApi.groupRefs(e, n, ws, ws == null ? null : ws.userAssignments.get(u.id), u.id);
    return n;
  }
}
