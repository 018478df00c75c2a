package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** SCIM service principals (account and workspace level) and SCIM {@code Me}. */
final class ScimApi {

  static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
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
    for (Model.Sp sp : e.account.sps.values()) {
      if (account || r.ws.assignments.containsKey(sp.id)) {
        all.add(json(sp, account ? null : r.ws));
      }
    }
    String filter = r.q("filter");
    if (filter != null && !filter.isBlank()) {
      ScimFilter f = ScimFilter.parse(filter);
      all.removeIf(n -> !f.test(n));
    }
    String sortBy = r.q("sortBy");
    if (sortBy != null && !sortBy.isBlank()) {
      Comparator<ObjectNode> cmp = Comparator.comparing(n -> ScimFilter.attribute(n, sortBy), String.CASE_INSENSITIVE_ORDER);
      if ("descending".equalsIgnoreCase(r.q("sortOrder"))) {
        cmp = cmp.reversed();
      }
      all.sort(cmp);
    }
    int start = parseInt(r.q("startIndex"), 1, "startIndex");
    if (start < 1) {
      start = 1;
    }
    int count = parseInt(r.q("count"), e.behaviours.scimMaxPageSize(), "count");
    count = Math.max(0, Math.min(count, e.behaviours.scimMaxPageSize()));
    ObjectNode out = Json.object();
    out.putArray("schemas").add(LIST_SCHEMA);
    out.put("totalResults", all.size());
    out.put("startIndex", start);
    ArrayNode resources = Json.array();
    for (int i = start - 1; i < all.size() && resources.size() < count; i++) {
      resources.add(project(all.get(i), r));
    }
    out.put("itemsPerPage", resources.size());
    out.set("Resources", resources);
    return Out.ok(out);
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
    apply(sp, body, account, true);
    if (!account) {
      r.ws.assignments.put(sp.id, new ArrayList<>(List.of("USER")));
    }
    return Out.created(json(sp, account ? null : r.ws));
  }

  private Out get(Req r, boolean account) {
    checkAccess(r, account, false);
    Model.Sp sp = find(r, account);
    return Out.ok(project(json(sp, account ? null : r.ws), r));
  }

  private Out replace(Req r, boolean account) {
    checkAccess(r, account, true);
    Model.Sp sp = find(r, account);
    JsonNode body = r.body();
    String appId = Json.text(body, "applicationId");
    if (appId != null && !appId.equals(sp.appId)) {
      throw ApiError.scim(400, "mutability", "applicationId cannot be changed.");
    }
    apply(sp, body, account, true);
    return Out.ok(json(sp, account ? null : r.ws));
  }

  private Out patch(Req r, boolean account) {
    checkAccess(r, account, true);
    Model.Sp sp = find(r, account);
    JsonNode ops = r.body().get("Operations");
    if (ops == null || !ops.isArray()) {
      throw ApiError.scim(400, "invalidSyntax", "Operations is required.");
    }
    for (JsonNode op : ops) {
      String kind = Json.text(op, "op");
      String path = Json.text(op, "path");
      JsonNode value = op.get("value");
      if (kind == null) {
        throw ApiError.scim(400, "invalidSyntax", "op is required.");
      }
      switch (kind.toLowerCase(Locale.ROOT)) {
        case "add":
        case "replace":
          if (path == null) {
            if (value == null || !value.isObject()) {
              throw ApiError.scim(400, "invalidValue", "value must be an object when path is absent.");
            }
            applyPatchObject(sp, value, account, kind.equalsIgnoreCase("add"));
          } else {
            applyPath(sp, path, value, account, kind.equalsIgnoreCase("add"));
          }
          break;
        case "remove":
          if (path == null) {
            throw ApiError.scim(400, "noTarget", "path is required for remove.");
          }
          remove(sp, path, value);
          break;
        default:
          throw ApiError.scim(400, "invalidSyntax", "Unsupported op: " + kind + " (expected add, remove or replace).");
      }
    }
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
    ObjectNode n = Json.object();
    n.putArray("schemas").add(USER_SCHEMA);
    if (r.caller.isSp()) {
      Model.Sp sp = r.caller.sp();
      n.put("id", Long.toString(sp.id));
      n.put("userName", sp.appId);
      n.put("displayName", sp.displayName);
      n.put("active", sp.active);
      groups(n, r.ws, sp);
      entitlements(n, sp);
    } else {
      n.put("id", Long.toString(e.account.adminUserId));
      n.put("userName", e.account.adminUserName);
      n.put("displayName", "Fake Admin");
      n.put("active", true);
      ObjectNode email = n.putArray("emails").addObject();
      email.put("value", e.account.adminUserName);
      email.put("type", "work");
      email.put("primary", true);
      ArrayNode groups = n.putArray("groups");
      groups.add(group(r.ws, "admins"));
      groups.add(group(r.ws, "users"));
    }
    return Out.ok(project(n, r));
  }

  // ------------------------------------------------------------------ helpers

  private void checkAccess(Req r, boolean account, boolean write) {
    if (account) {
      if (!r.var(0).equals(e.account.accountId)) {
        throw ApiError.scim(404, "Account " + r.var(0) + " not found.");
      }
      return;
    }
    if (write && !Authentication.isWorkspaceAdmin(r.caller, r.ws)) {
      throw ApiError.scim(403, "Only workspace admins can manage service principals.");
    }
  }

  private Model.Sp find(Req r, boolean account) {
    String raw = r.var(account ? 1 : 0);
    Model.Sp sp = null;
    try {
      sp = e.account.sps.get(Long.parseLong(raw));
    } catch (NumberFormatException ignored) {
      // a non-numeric id is simply not found, as on the real API
    }
    if (sp == null || (!account && !r.ws.assignments.containsKey(sp.id))) {
      throw ApiError.scim(404, "Service principal with id " + raw + " not found.");
    }
    return sp;
  }

  private static int parseInt(String v, int dflt, String name) {
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException ex) {
      throw ApiError.scim(400, "invalidValue", "Invalid " + name + ": " + v);
    }
  }

  /** Applies a full SP object (create, PUT). */
  private void apply(Model.Sp sp, JsonNode body, boolean account, boolean replace) {
    if (replace) {
      // PUT replaces the resource: what the body leaves out is cleared, not kept
      sp.displayName = null;
      sp.active = true;
      sp.externalId = null;
      sp.roles = new ArrayList<>();
      if (!account) {
        sp.entitlements = new java.util.LinkedHashSet<>();
      }
    }
    String displayName = Json.text(body, "displayName");
    if (displayName != null) {
      sp.displayName = displayName;
    }
    if (body.has("active")) {
      sp.active = bool(body.get("active"));
    }
    if (body.has("externalId")) {
      String ext = Json.text(body, "externalId");
      if (ext != null && ext.length() > 64) {
        throw ApiError.scim(400, "invalidValue", "externalId must be at most 64 characters.");
      }
      sp.externalId = ext;
    }
    if (body.has("roles")) {
      sp.roles = values(body.get("roles"));
    }
    if (!account && body.has("entitlements")) {
      sp.entitlements = new java.util.LinkedHashSet<>(values(body.get("entitlements")));
    }
  }

  private void applyPatchObject(Model.Sp sp, JsonNode value, boolean account, boolean add) {
    Iterator<String> names = value.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.equals("schemas")) {
        continue;
      }
      applyPath(sp, name, value.get(name), account, add);
    }
  }

  private void applyPath(Model.Sp sp, String path, JsonNode value, boolean account, boolean add) {
    switch (path.toLowerCase(Locale.ROOT)) {
      case "displayname":
        sp.displayName = scalar(value);
        break;
      case "active":
        sp.active = bool(value);
        break;
      case "externalid":
        sp.externalId = scalar(value);
        break;
      case "applicationid":
        if (!sp.appId.equals(scalar(value))) {
          throw ApiError.scim(400, "mutability", "applicationId cannot be changed.");
        }
        break;
      case "roles":
        if (add) {
          for (String v : values(value)) {
            if (!sp.roles.contains(v)) {
              sp.roles.add(v);
            }
          }
        } else {
          sp.roles = values(value);
        }
        break;
      case "entitlements":
        if (!add) {
          sp.entitlements.clear();
        }
        sp.entitlements.addAll(values(value));
        break;
      default:
        throw ApiError.scim(400, "invalidPath", "Unsupported path: " + path);
    }
  }

  private static void remove(Model.Sp sp, String path, JsonNode value) {
    String p = path.toLowerCase(Locale.ROOT);
    // SCIM value filters such as entitlements[value eq "x"] remove one value
    String filtered = null;
    int bracket = p.indexOf('[');
    if (bracket > 0) {
      String inner = path.substring(bracket + 1, path.lastIndexOf(']'));
      int quote = inner.indexOf('"');
      filtered = quote >= 0 ? inner.substring(quote + 1, inner.lastIndexOf('"')) : inner.replaceAll(".*\\s", "");
      p = p.substring(0, bracket);
    }
    List<String> victims = filtered != null ? List.of(filtered) : value == null ? null : values(value);
    switch (p) {
      case "roles":
        if (victims == null) {
          sp.roles.clear();
        } else {
          sp.roles.removeAll(victims);
        }
        break;
      case "entitlements":
        if (victims == null) {
          sp.entitlements.clear();
        } else {
          victims.forEach(sp.entitlements::remove);
        }
        break;
      case "externalid":
        sp.externalId = null;
        break;
      default:
        throw ApiError.scim(400, "invalidPath", "Unsupported path for remove: " + path);
    }
  }

  /** Accepts {@code true}, {@code "false"} and Terraform's {@code [{"value":"false"}]}. */
  private static boolean bool(JsonNode v) {
    String s = scalar(v);
    if ("true".equalsIgnoreCase(s)) {
      return true;
    }
    if ("false".equalsIgnoreCase(s)) {
      return false;
    }
    throw ApiError.scim(400, "invalidValue", "Invalid boolean value: " + v);
  }

  private static String scalar(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      return v.isEmpty() ? null : scalar(v.get(0));
    }
    if (v.isObject()) {
      return scalar(v.get("value"));
    }
    return v.asText();
  }

  private static List<String> values(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      for (JsonNode item : v) {
        String s = scalar(item);
        if (s != null && !out.contains(s)) {
          out.add(s);
        }
      }
    } else {
      String s = scalar(v);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
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
    if (!sp.roles.isEmpty()) {
      ArrayNode roles = n.putArray("roles");
      sp.roles.forEach(v -> roles.addObject().put("value", v));
    }
    if (ws != null) {
      entitlements(n, sp);
      groups(n, ws, sp);
    }
    return n;
  }

  private static void entitlements(ObjectNode n, Model.Sp sp) {
    if (!sp.entitlements.isEmpty()) {
      ArrayNode ents = n.putArray("entitlements");
      sp.entitlements.forEach(v -> ents.addObject().put("value", v));
    }
  }

  private void groups(ObjectNode n, Model.Workspace ws, Model.Sp sp) {
    List<String> perms = ws.assignments.get(sp.id);
    if (perms == null) {
      return;
    }
    ArrayNode groups = n.putArray("groups");
    if (perms.contains("ADMIN")) {
      groups.add(group(ws, "admins"));
    }
    groups.add(group(ws, "users"));
  }

  static ObjectNode group(Model.Workspace ws, String name) {
    ObjectNode g = Json.object();
    String id = Long.toString(ws.id % 1_000_000_000L * 10 + (name.equals("admins") ? 1 : 2));
    g.put("display", name);
    g.put("type", "direct");
    g.put("value", id);
    g.put("$ref", "Groups/" + id);
    return g;
  }

  /** Applies {@code attributes} / {@code excludedAttributes}; {@code id} and {@code schemas} always stay. */
  private static ObjectNode project(ObjectNode n, Req r) {
    String attributes = r.q("attributes");
    String excluded = r.q("excludedAttributes");
    if ((attributes == null || attributes.isBlank()) && (excluded == null || excluded.isBlank())) {
      return n;
    }
    ObjectNode out = n.deepCopy();
    if (attributes != null && !attributes.isBlank()) {
      Set<String> keep = lowerSet(attributes);
      keep.add("id");
      keep.add("schemas");
      // the real API answers applicationId whatever attributes asks for, and clients rely on it
      keep.add("applicationid");
      out.retain(matching(out, keep));
    }
    if (excluded != null && !excluded.isBlank()) {
      Set<String> drop = lowerSet(excluded);
      drop.remove("id");
      drop.remove("schemas");
      out.remove(matching(out, drop));
    }
    return out;
  }

  private static Set<String> lowerSet(String csv) {
    Set<String> out = new HashSet<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static List<String> matching(ObjectNode n, Set<String> lowerNames) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(f -> {
      if (lowerNames.contains(f.toLowerCase(Locale.ROOT))) {
        out.add(f);
      }
    });
    return out;
  }
}
