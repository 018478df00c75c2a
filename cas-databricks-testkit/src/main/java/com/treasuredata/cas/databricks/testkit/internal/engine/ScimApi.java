package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** SCIM service principals (account and workspace level) and SCIM {@code Me}. */
final class ScimApi {

  static final String LIST_SCHEMA = ScimSupport.LIST_SCHEMA;
  static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ACCOUNT_BASE = "/api/2.0/accounts/{}/scim/v2/ServicePrincipals";
  private static final String WS_BASE = "/api/2.0/preview/scim/v2/ServicePrincipals";

  private final Engine e;

  private ScimApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    ScimApi api = new ScimApi(e);
    Router r = e.router;
    Router.Scope a = Router.Scope.ACCOUNT;
    Router.Scope w = Router.Scope.WORKSPACE;
    r.add("GET", ACCOUNT_BASE, a, req -> api.list(req, true));
    r.add("POST", ACCOUNT_BASE, a, req -> api.create(req, true));
    r.add("GET", ACCOUNT_BASE + "/{}", a, req -> api.get(req, true));
    r.add("PUT", ACCOUNT_BASE + "/{}", a, req -> api.replace(req, true));
    r.add("PATCH", ACCOUNT_BASE + "/{}", a, req -> api.patch(req, true));
    r.add("DELETE", ACCOUNT_BASE + "/{}", a, req -> api.delete(req, true));
    r.add("GET", WS_BASE, w, req -> api.list(req, false));
    r.add("POST", WS_BASE, w, req -> api.create(req, false));
    r.add("GET", WS_BASE + "/{}", w, req -> api.get(req, false));
    r.add("PUT", WS_BASE + "/{}", w, req -> api.replace(req, false));
    r.add("PATCH", WS_BASE + "/{}", w, req -> api.patch(req, false));
    r.add("DELETE", WS_BASE + "/{}", w, req -> api.delete(req, false));
    r.add("GET", "/api/2.0/preview/scim/v2/Me", w, api::me);
  }

  // ------------------------------------------------------------------ handlers

  private Out list(Req r, boolean account) {
    checkAccess(r, account, false);
    List<ObjectNode> all = new ArrayList<>();
    // a lookup by name in an account of thousands must not build thousands of JSON objects
    ScimFilter filter = ScimSupport.filter(r);
    String eqAttribute = filter == null ? null : filter.equalityAttribute();
    // the hot path, a lookup by name: one comparison with the cached lower-case name per candidate
    String name = eqAttribute != null && eqAttribute.equalsIgnoreCase("displayName") ? filter.equalityValue() : null;
    for (Model.Sp sp : e.account.sps.values()) {
      boolean ruledOut = name != null
          ? sp.displayName != null && !name.equals(sp.lowerDisplayName())
          : eqAttribute != null && ruledOut(filter, eqAttribute, sp);
      if (ruledOut) {
        continue;
      }
      if (account || r.ws.assignments.containsKey(sp.id)) {
        all.add(json(sp, account ? null : r.ws));
      }
    }
    return ScimSupport.list(e, r, all, filter);
  }

  /** True when {@code sp}'s model already proves that the single-equality {@code filter} on another attribute than the name cannot match it. */
  private static boolean ruledOut(ScimFilter filter, String eqAttribute, Model.Sp sp) {
    String known = modelValue(sp, eqAttribute.toLowerCase(java.util.Locale.ROOT));
    return known != null && !filter.mayMatch(eqAttribute, known);
  }

  /** The model's value of a filterable attribute, or null when unset or not one the pre-check knows (no pre-check then). */
  private static String modelValue(Model.Sp sp, String lowerCaseAttribute) {
    switch (lowerCaseAttribute) {
      case "applicationid":
        return sp.appId;
      case "id":
        return Long.toString(sp.id);
      default:
        return null;
    }
  }

  private Out create(Req r, boolean account) {
    checkAccess(r, account, true);
    JsonNode body = r.body();
    String displayName = Json.text(body, "displayName");
    String appId = Json.text(body, "applicationId");
    if (appId != null && appId.isBlank()) {
      appId = null;
    }
    if (displayName == null && appId == null) {
      throw ApiError.scim(400, "invalidValue", "displayName is required.");
    }
    if (appId != null && e.account.spByAppId.containsKey(appId)) {
      Model.Sp existing = e.account.sps.get(e.account.spByAppId.get(appId));
      if (!account && e.behaviours.workspaceScimAttachesExisting() && !r.ws.assignments.containsKey(existing.id)) {
        r.ws.assignments.put(existing.id, new ArrayList<>(List.of("USER")));
        return Out.created(json(existing, r.ws));
      }
      throw ApiError.scim(e.behaviours.duplicateApplicationIdStatus(), "uniqueness",
          e.behaviours.duplicateApplicationIdAsUserEmail()
              ? "User with email " + appId + " already exists in this account"
              : "Service principal with application ID " + appId + " already exists.");
    }
    Model.Sp sp = e.newSp(displayName == null ? appId : displayName, appId, r.now, true);
    ScimPatch.apply(ScimPatch.of(sp), body, account, true);
    if (!account) {
      r.ws.assignments.put(sp.id, new ArrayList<>(List.of("USER")));
    }
    return Out.created(json(sp, account ? null : r.ws));
  }

  private Out get(Req r, boolean account) {
    checkAccess(r, account, false);
    Model.Sp sp = find(r, account);
    return Out.ok(ScimSupport.project(json(sp, account ? null : r.ws), r));
  }

  private Out replace(Req r, boolean account) {
    checkAccess(r, account, true);
    Model.Sp sp = find(r, account);
    ScimPatch.apply(ScimPatch.of(sp), r.body(), account, true);
    return Out.ok(json(sp, account ? null : r.ws));
  }

  private Out patch(Req r, boolean account) {
    checkAccess(r, account, true);
    Model.Sp sp = find(r, account);
    ScimPatch.patch(ScimPatch.of(sp), r, account);
    return Out.ok(json(sp, account ? null : r.ws));
  }

  private Out delete(Req r, boolean account) {
    checkAccess(r, account, true);
    Model.Sp sp = find(r, account);
    if (account) {
      e.deleteSp(sp);
    } else {
      Engine.unassign(r.ws, sp);
    }
    return Out.noContent();
  }

  private Out me(Req r) {
    if (r.caller.isSp()) {
      Model.Sp sp = r.caller.sp();
      ObjectNode n = Json.object();
      n.putArray("schemas").add(USER_SCHEMA);
      n.put("id", Long.toString(sp.id));
      n.put("userName", sp.appId);
      n.put("displayName", sp.displayName);
      n.put("active", sp.active);
      GroupScimApi.groupRefs(e, n, r.ws, r.ws.assignments.get(sp.id), sp.id);
      ScimSupport.valueList(n, "entitlements", sp.entitlements);
      return Out.ok(ScimSupport.project(n, r));
    }
    Model.User admin = e.account.users.get(e.account.adminUserId);
    ObjectNode n = admin != null ? UserScimApi.json(e, admin, r.ws) : Json.object();
    if (admin == null) { // the admin user was deleted: the admin token still names it
      n.putArray("schemas").add(USER_SCHEMA);
      n.put("id", Long.toString(e.account.adminUserId));
      n.put("userName", e.account.adminUserName);
    }
    return Out.ok(ScimSupport.project(n, r));
  }

  // ------------------------------------------------------------------ helpers

  private void checkAccess(Req r, boolean account, boolean write) {
    if (account) {
      ScimSupport.checkAccount(e, r);
      return;
    }
    if (write && !Authentication.isWorkspaceAdmin(r.caller, r.ws)) {
      throw ApiError.scim(403, "Only workspace admins can manage service principals.");
    }
  }

  private Model.Sp find(Req r, boolean account) {
    String raw = r.var(account ? 1 : 0);
    Model.Sp sp = e.account.sps.get(ScimSupport.parseId(raw));
    if (sp == null || (!account && !r.ws.assignments.containsKey(sp.id))) {
      throw ApiError.scim(404, "Service principal with id " + raw + " not found.");
    }
    return sp;
  }

  ObjectNode json(Model.Sp sp, Model.Workspace ws) {
    ObjectNode n = Json.object();
    n.putArray("schemas").add(Engine.SP_SCHEMA);
    n.put("id", Long.toString(sp.id));
    n.put("applicationId", sp.appId);
    n.put("displayName", sp.displayName);
    n.put("active", sp.active);
    if (sp.externalId != null) {
      n.put("externalId", sp.externalId);
    }
    ScimSupport.valueList(n, "roles", sp.roles);
    if (ws != null) {
      ScimSupport.valueList(n, "entitlements", sp.entitlements);
    }
    GroupScimApi.groupRefs(e, n, ws, ws == null ? null : ws.assignments.get(sp.id), sp.id);
    return n;
  }

  static ObjectNode group(Model.Workspace ws, String name) {
    return GroupScimApi.workspaceGroupRef(ws, name);
  }
}
