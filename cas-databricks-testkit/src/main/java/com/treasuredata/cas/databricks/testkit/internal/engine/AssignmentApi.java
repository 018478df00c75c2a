package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Account workspaces, account workspace permission assignments and the workspace preview assignments API. */
final class AssignmentApi {

  private final Engine e;

  private AssignmentApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    AssignmentApi api = new AssignmentApi(e);
    Router r = e.router;
    Router.Scope a = Router.Scope.ACCOUNT;
    for (String prefix : List.of("/api/2.0/accounts/{}", "/api/2.0/preview/accounts/{}")) {
      r.add("GET", prefix + "/workspaces", a, api::listWorkspaces);
      r.add("GET", prefix + "/workspaces/{}", a, api::getWorkspace);
      r.add("GET", prefix + "/workspaces/{}/permissionassignments", a, api::listAccount);
      r.add("GET", prefix + "/workspaces/{}/permissionassignments/permissions", a, api::levels);
      r.add("PUT", prefix + "/workspaces/{}/permissionassignments/principals/{}", a, api::putAccount);
      r.add("DELETE", prefix + "/workspaces/{}/permissionassignments/principals/{}", a, api::deleteAccount);
    }
    Router.Scope w = Router.Scope.WORKSPACE;
    r.add("GET", "/api/2.0/preview/permissionassignments", w, api::listWorkspace);
    r.add("POST", "/api/2.0/preview/permissionassignments", w, api::postByName);
    r.add("PUT", "/api/2.0/preview/permissionassignments/principals/{}", w, api::putWorkspace);
    r.add("DELETE", "/api/2.0/preview/permissionassignments/principals/{}", w, api::deleteWorkspace);
  }

  private void checkAccount(Req r) {
    Accounts.require(e, r);
  }

  private Model.Workspace workspaceVar(Req r, int index) {
    checkAccount(r);
    Model.Workspace ws = null;
    try {
      ws = e.account.workspaces.get(Long.parseLong(r.var(index)));
    } catch (NumberFormatException ignored) {
      // not a number: not found
    }
    if (ws == null) {
      throw ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Workspace " + r.var(index) + " does not exist.");
    }
    return ws;
  }

  private Out listWorkspaces(Req r) {
    checkAccount(r);
    ArrayNode out = Json.array();
    for (Model.Workspace ws : e.account.workspaces.values()) {
      out.add(workspaceJson(ws));
    }
    return Out.ok(out);
  }

  private Out getWorkspace(Req r) {
    return Out.ok(workspaceJson(workspaceVar(r, 1)));
  }

  private ObjectNode workspaceJson(Model.Workspace ws) {
    ObjectNode n = Json.object();
    n.put("account_id", e.account.accountId);
    n.put("workspace_id", ws.id);
    n.put("workspace_name", ws.name);
    n.put("deployment_name", ws.host.getHost().split("\\.")[0]);
    n.put("workspace_status", "RUNNING");
    n.put("workspace_status_message", "Workspace is running.");
    n.put("aws_region", "us-east-1");
    n.put("pricing_tier", "PREMIUM");
    n.put("creation_time", 1_767_225_600_000L);
    return n;
  }

  private Out levels(Req r) {
    workspaceVar(r, 1);
    ObjectNode out = Json.object();
    ArrayNode perms = out.putArray("permissions");
    perms.addObject().put("permission_level", "USER").put("description", "Can access the workspace with basic privileges.");
    perms.addObject().put("permission_level", "ADMIN").put("description", "Can access the workspace and has workspace admin privileges to manage users and groups, workspace configurations, and more.");
    return Out.ok(out);
  }

  private Out listAccount(Req r) {
    return Out.ok(list(workspaceVar(r, 1)));
  }

  private Out listWorkspace(Req r) {
    Authentication.requireWorkspaceAdmin(r, "Only workspace admins can manage permission assignments.");
    return Out.ok(list(r.ws));
  }

  private ObjectNode list(Model.Workspace ws) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("permission_assignments");
    List<ObjectNode> all = new ArrayList<>();
    ws.userAssignments.forEach((id, perms) -> {
      Model.User u = e.account.users.get(id);
      if (u != null) {
        all.add(userItem(u, perms));
      }
    });
    ws.assignments.forEach((id, perms) -> {
      Model.Sp sp = e.account.sps.get(id);
      if (sp != null) {
        all.add(item(sp, perms));
      }
    });
    items.addAll(e.listOrder(all, n -> n.path("principal").path("principal_id").asText()));
    return out;
  }

  static ObjectNode userItem(Model.User u, List<String> permissions) {
    ObjectNode n = Json.object();
    ObjectNode principal = n.putObject("principal");
    principal.put("principal_id", u.id);
    principal.put("display_name", u.displayName);
    principal.put("user_name", u.userName);
    ArrayNode perms = n.putArray("permissions");
    permissions.forEach(perms::add);
    return n;
  }

  static ObjectNode item(Model.Sp sp, List<String> permissions) {
    ObjectNode n = Json.object();
    ObjectNode principal = n.putObject("principal");
    principal.put("principal_id", sp.id);
    principal.put("display_name", sp.displayName);
    principal.put("service_principal_name", sp.appId);
    ArrayNode perms = n.putArray("permissions");
    permissions.forEach(perms::add);
    return n;
  }

  private Out putAccount(Req r) {
    Model.Workspace ws = workspaceVar(r, 1);
    return Out.ok(put(r, ws, r.var(2)));
  }

  private Out putWorkspace(Req r) {
    Authentication.requireWorkspaceAdmin(r, "Only workspace admins can manage permission assignments.");
    return Out.ok(put(r, r.ws, r.var(0)));
  }

  private ObjectNode put(Req r, Model.Workspace ws, String principalId) {
    Model.User user = e.account.users.get(ScimSupport.parseId(principalId));
    if (user != null) {
      List<String> perms = permissions(r.body().get("permissions"));
      Users.assign(ws, user, perms);
      return userItem(user, perms);
    }
    Model.Sp sp = null;
    try {
      sp = e.resolveSpById(Long.parseLong(principalId), r.now);
    } catch (NumberFormatException ignored) {
      // not a number: unknown principal
    }
    if (sp == null) {
      throw notInWorkspace(principalId, ws);
    }
    List<String> perms = permissions(r.body().get("permissions"));
    if (perms.isEmpty()) {
      Engine.unassign(ws, sp);
    } else {
      ws.assignments.put(sp.id, perms);
    }
    return item(sp, perms);
  }

  static ApiError notInWorkspace(String principalId, Model.Workspace ws) {
    return ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Principal " + principalId + " not in workspace " + ws.id);
  }

  /** Keeps USER and ADMIN (case-sensitive); ADMIN wins. Anything else is ignored, as documented. */
  private static List<String> permissions(JsonNode node) {
    boolean user = false;
    boolean admin = false;
    if (node != null && node.isArray()) {
      for (JsonNode p : node) {
        user |= "USER".equals(p.asText());
        admin |= "ADMIN".equals(p.asText());
      }
    }
    List<String> out = new ArrayList<>();
    if (admin) {
      out.add("ADMIN");
    } else if (user) {
      out.add("USER");
    }
    return out;
  }

  private Out deleteAccount(Req r) {
    Model.Workspace ws = workspaceVar(r, 1);
    delete(ws, r.var(2));
    return Out.empty();
  }

  private Out deleteWorkspace(Req r) {
    Authentication.requireWorkspaceAdmin(r, "Only workspace admins can manage permission assignments.");
    delete(r.ws, r.var(0));
    return Out.empty();
  }

  private void delete(Model.Workspace ws, String principalId) {
    Model.User user = e.account.users.get(ScimSupport.parseId(principalId));
    if (user != null) {
      Users.unassign(ws, user);
      return;
    }
    Model.Sp sp = null;
    try {
      sp = e.account.sps.get(Long.parseLong(principalId));
    } catch (NumberFormatException ignored) {
      // unknown
    }
    if (sp == null) {
      throw notInWorkspace(principalId, ws);
    }
    Engine.unassign(ws, sp);
  }

  /** POST by name: each item is answered with its own {@code error}, inside a 200. */
  private Out postByName(Req r) {
    Authentication.requireWorkspaceAdmin(r, "Only workspace admins can manage permission assignments.");
    JsonNode items = r.body().get("permission_assignments");
    if (items == null || !items.isArray()) {
      throw ApiError.badRequest("permission_assignments is required.");
    }
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("permission_assignments");
    for (JsonNode item : items) {
      List<String> perms = permissions(item.get("permissions"));
      String spName = Json.text(item, "service_principal_name");
      String userName = Json.text(item, "user_name");
      String groupName = Json.text(item, "group_name");
      if (spName != null) {
        Model.Sp sp = e.resolveSp(spName, r.now);
        if (sp == null) {
          results.add(error(item, notFound("Principal with service principal name " + spName + " does not exist.")));
          continue;
        }
        if (perms.isEmpty()) {
          Engine.unassign(r.ws, sp);
        } else {
          r.ws.assignments.put(sp.id, perms);
        }
        results.add(item(sp, perms));
      } else if (userName != null) {
        Model.User user = Users.byName(e, userName);
        if (user == null) {
          results.add(error(item, notFound("Principal with user name " + userName + " does not exist.")));
          continue;
        }
        Users.assign(r.ws, user, perms);
        results.add(userItem(user, perms));
      } else if (groupName != null) {
        Long gid = e.account.groups.get(groupName);
        if (gid == null) {
          results.add(error(item, notFound("Principal with group name " + groupName + " does not exist.")));
          continue;
        }
        r.ws.groupAssignments.put(groupName, gid);
        ObjectNode n = Json.object();
        n.putObject("principal").put("principal_id", gid).put("display_name", groupName).put("group_name", groupName);
        ArrayNode p = n.putArray("permissions");
        perms.forEach(p::add);
        results.add(n);
      } else {
        results.add(error(item, "One of service_principal_name, user_name or group_name must be set."));
      }
    }
    return Out.ok(out);
  }

  /** A per-item not-found text, with the error code in front when the switch says so. */
  private String notFound(String message) {
    return e.behaviours.assignmentErrorCodePrefix() ? "RESOURCE_DOES_NOT_EXIST: " + message : message;
  }

  private static ObjectNode error(JsonNode request, String message) {
    ObjectNode n = Json.object();
    ObjectNode principal = n.putObject("principal");
    for (String f : List.of("service_principal_name", "user_name", "group_name")) {
      if (request.has(f)) {
        principal.put(f, request.get(f).asText());
      }
    }
    ArrayNode perms = n.putArray("permissions");
    JsonNode req = request.get("permissions");
    if (req != null && req.isArray()) {
      req.forEach(p -> perms.add(p.asText()));
    }
    n.put("error", message);
    return n;
  }
}
