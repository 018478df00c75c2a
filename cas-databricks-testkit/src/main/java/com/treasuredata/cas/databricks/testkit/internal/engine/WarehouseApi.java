package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL warehouses (list, get, start, stop), their permissions ACL (GET, PATCH add-or-raise, PUT
 * replace) under both object types {@code warehouses} and {@code sql/warehouses}; the entitlements
 * of the built-in workspace groups are answered by the SCIM Groups API.
 */
final class WarehouseApi {

  static final String BASE = "/api/2.0/sql/warehouses";
  static final List<String> LEVELS = List.of("CAN_VIEW", "CAN_MONITOR", "CAN_USE", "CAN_MANAGE", "IS_OWNER");

  private final Engine e;

  private WarehouseApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    WarehouseApi api = new WarehouseApi(e);
    Router r = e.router;
    Router.Scope w = Router.Scope.WORKSPACE;
    r.add("GET", BASE, w, api::list);
    r.add("GET", BASE + "/{}", w, api::get);
    r.add("POST", BASE + "/{}/start", w, req -> api.setState(req, "RUNNING"));
    r.add("POST", BASE + "/{}/stop", w, req -> api.setState(req, "STOPPED"));
    for (String base : List.of("/api/2.0/permissions/warehouses", "/api/2.0/permissions/sql/warehouses")) {
      r.add("GET", base + "/{}", w, api::getAcl);
      r.add("PATCH", base + "/{}", w, req -> api.changeAcl(req, false));
      r.add("PUT", base + "/{}", w, req -> api.changeAcl(req, true));
      r.add("GET", base + "/{}/permissionLevels", w, api::levels);
    }
    StatementApi.register(e);
  }

  // ------------------------------------------------------------------ warehouses

  /** Returns a live warehouse or the 404 a missing (or deleted) one gets. */
  static Model.Warehouse find(Model.Workspace ws, String id) {
    Model.Warehouse wh = ws.warehouses.get(id);
    if (wh == null || wh.state.equals("DELETED")) {
      throw ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Warehouse " + id + " does not exist.");
    }
    return wh;
  }

  /** The level {@code caller} holds on {@code wh}: admins manage every warehouse; an SP by its own entry or {@code users}. */
  static int level(Model.Warehouse wh, Caller caller, Model.Workspace ws) {
    if (Authentication.isWorkspaceAdmin(caller, ws)) {
      return LEVELS.indexOf("CAN_MANAGE");
    }
    if (!caller.isSp()) {
      return -1;
    }
    int own = LEVELS.indexOf(wh.acl.getOrDefault(Engine.aclKey(PrincipalType.SERVICE_PRINCIPAL, caller.sp().appId), ""));
    int users = LEVELS.indexOf(wh.acl.getOrDefault(Engine.aclKey(PrincipalType.GROUP, "users"), ""));
    return Math.max(own, users);
  }

  private Out list(Req r) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("warehouses");
    for (Model.Warehouse wh : r.ws.warehouses.values()) {
      if (!wh.state.equals("DELETED") && level(wh, r.caller, r.ws) >= 0) {
        list.add(json(wh, r.ws));
      }
    }
    return Out.ok(out);
  }

  private Out get(Req r) {
    Model.Warehouse wh = find(r.ws, r.var(0));
    if (level(wh, r.caller, r.ws) < 0) {
      throw ApiError.permissionDenied("User does not have permission to view warehouse " + wh.id + ".");
    }
    return Out.ok(json(wh, r.ws));
  }

  private Out setState(Req r, String state) {
    Model.Warehouse wh = find(r.ws, r.var(0));
    if (level(wh, r.caller, r.ws) < LEVELS.indexOf("CAN_USE")) {
      throw ApiError.permissionDenied("User does not have permission to use warehouse " + wh.id + ".");
    }
    wh.state = state;
    return Out.empty();
  }

  static ObjectNode json(Model.Warehouse wh, Model.Workspace ws) {
    ObjectNode n = Json.object();
    n.put("id", wh.id);
    n.put("name", wh.name);
    n.put("state", wh.state);
    n.put("warehouse_type", wh.type);
    n.put("enable_serverless_compute", wh.serverless);
    n.put("enable_photon", true);
    n.put("cluster_size", "2X-Small");
    n.put("min_num_clusters", 1);
    n.put("max_num_clusters", 1);
    n.put("num_clusters", wh.state.equals("RUNNING") ? 1 : 0);
    n.put("num_active_sessions", 0);
    n.put("auto_stop_mins", 10);
    n.put("creator_name", wh.creator);
    n.put("spot_instance_policy", "COST_OPTIMIZED");
    ObjectNode odbc = n.putObject("odbc_params");
    odbc.put("hostname", ws.host.getHost());
    odbc.put("path", "/sql/1.0/warehouses/" + wh.id);
    odbc.put("port", 443);
    odbc.put("protocol", "https");
    n.put("jdbc_url", "jdbc:spark://" + ws.host.getHost() + ":443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=/sql/1.0/warehouses/" + wh.id + ";");
    return n;
  }

  // ------------------------------------------------------------------ permissions

  private void requireManage(Req r, Model.Warehouse wh) {
    if (level(wh, r.caller, r.ws) < LEVELS.indexOf("CAN_MANAGE")) {
      throw ApiError.permissionDenied("User does not have CAN_MANAGE permission on warehouse " + wh.id + ".");
    }
  }

  private Out getAcl(Req r) {
    Model.Warehouse wh = find(r.ws, r.var(0));
    requireManage(r, wh);
    return Out.ok(aclJson(wh));
  }

  private Out levels(Req r) {
    Model.Warehouse wh = find(r.ws, r.var(0));
    requireManage(r, wh);
    ObjectNode out = Json.object();
    ArrayNode levels = out.putArray("permission_levels");
    for (String level : LEVELS) {
      levels.addObject().put("permission_level", level).put("description", "Can " + level.toLowerCase(java.util.Locale.ROOT).replace("can_", "").replace('_', ' '));
    }
    return Out.ok(out);
  }

  private ObjectNode aclJson(Model.Warehouse wh) {
    ObjectNode out = Json.object();
    out.put("object_id", "/sql/warehouses/" + wh.id);
    out.put("object_type", "warehouses");
    ArrayNode acl = out.putArray("access_control_list");
    for (Map.Entry<String, String> entry : wh.acl.entrySet()) {
      Engine.AclPrincipal principal = Engine.AclPrincipal.of(entry.getKey());
      PrincipalType type = principal.type();
      String name = principal.name();
      ObjectNode item = acl.addObject();
      item.put(type.field(), name);
      if (type == PrincipalType.SERVICE_PRINCIPAL) {
        Long id = e.account.spByAppId.get(name);
        Model.Sp sp = id == null ? null : e.account.sps.get(id);
        item.put("display_name", sp == null ? name : sp.displayName);
      } else if (type == PrincipalType.USER) {
        item.put("display_name", name);
      }
      item.putArray("all_permissions").addObject().put("permission_level", entry.getValue()).put("inherited", false);
    }
    ObjectNode admins = acl.addObject();
    admins.put("group_name", "admins");
    ObjectNode inherited = admins.putArray("all_permissions").addObject();
    inherited.put("permission_level", "CAN_MANAGE").put("inherited", true);
    inherited.putArray("inherited_from_object").add("/sql/warehouses/");
    return out;
  }

  private Out changeAcl(Req r, boolean replace) {
    Model.Warehouse wh = find(r.ws, r.var(0));
    requireManage(r, wh);
    Map<String, String> changes = new LinkedHashMap<>();
    JsonNode list = r.body().get("access_control_list");
    int owners = 0;
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        PrincipalType type = null;
        String name = null;
        int fields = 0;
        for (PrincipalType t : PrincipalType.values()) {
          String v = Json.text(item, t.field());
          if (v != null) {
            type = t;
            name = v;
            fields++;
          }
        }
        if (fields != 1) {
          throw ApiError.badRequest("Exactly one of user_name, group_name or service_principal_name must be set.");
        }
        String level = Json.text(item, "permission_level");
        if (level == null || !LEVELS.contains(level)) {
          throw ApiError.badRequest("Permission level " + level + " is not supported for warehouses; allowed: " + LEVELS + ".");
        }
        if (level.equals("IS_OWNER")) {
          if (type == PrincipalType.GROUP) {
            throw ApiError.badRequest("Groups cannot be owners of a warehouse.");
          }
          owners++;
        }
        requireKnown(r, type, name);
        changes.merge(Engine.aclKey(type, name), level, WarehouseApi::max);
      }
    }
    if (owners > 1) {
      throw ApiError.badRequest("A warehouse can have only one owner.");
    }
    if (replace) {
      String owner = null;
      for (Map.Entry<String, String> entry : wh.acl.entrySet()) {
        if (entry.getValue().equals("IS_OWNER")) {
          owner = entry.getKey();
        }
      }
      if (owners == 0 && owner == null) {
        throw ApiError.badRequest("PUT requests for warehouse " + wh.id + " with no existing owner must provide a new owner.");
      }
      wh.acl.clear();
      if (owners == 0) {
        wh.acl.put(owner, "IS_OWNER"); // the owner is kept when a PUT names none
      }
      wh.acl.putAll(changes);
    } else {
      changes.forEach((key, level) -> wh.acl.merge(key, level, WarehouseApi::max));
    }
    return Out.ok(aclJson(wh));
  }

  /** PATCH adds or raises: it never lowers a level a principal already holds. */
  private static String max(String a, String b) {
    return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
  }

  private void requireKnown(Req r, PrincipalType type, String name) {
    boolean known;
    String kind;
    switch (type) {
      case SERVICE_PRINCIPAL: {
        Model.Sp sp = e.resolveSp(name, r.now);
        known = sp != null && r.ws.assignments.containsKey(sp.id);
        kind = "ServicePrincipalName";
        break;
      }
      case USER:
        known = name.equals(e.account.adminUserName);
        kind = "UserName";
        break;
      default:
        known = name.equals("admins") || name.equals("users") || e.account.groups.containsKey(name);
        kind = "GroupName";
    }
    if (!known) {
      throw ApiError.badRequest("Principal: " + kind + "(" + name + ") does not exist");
    }
  }

  // ------------------------------------------------------------------ built-in groups

  /** True when {@code sp} holds {@code databricks-sql-access} directly or through {@code users}. */
  static boolean hasSqlAccess(Model.Workspace ws, Model.Sp sp) {
    List<String> perms = ws.assignments.get(sp.id);
    return perms != null && (perms.contains("ADMIN") || sp.entitlements.contains("databricks-sql-access") || ws.usersEntitlements.contains("databricks-sql-access"));
  }
}
