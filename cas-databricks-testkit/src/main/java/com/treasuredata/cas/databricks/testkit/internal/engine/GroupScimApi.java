package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Minimal SCIM Groups with members: account groups at account level; at workspace level the
 * workspace groups {@code admins} and {@code users} (whose members are the workspace's assignments)
 * plus the account groups assigned to the workspace.
 */
final class GroupScimApi {

  static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
  private static final String ACCOUNT_BASE = "/api/2.0/accounts/{}/scim/v2/Groups";
  private static final String WS_BASE = "/api/2.0/preview/scim/v2/Groups";

  private final Engine e;

  private GroupScimApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    GroupScimApi api = new GroupScimApi(e);
    Router r = e.router;
    for (boolean account : new boolean[] {true, false}) {
      Router.Scope scope = account ? Router.Scope.ACCOUNT : Router.Scope.WORKSPACE;
      String base = account ? ACCOUNT_BASE : WS_BASE;
      r.add("GET", base, scope, req -> api.list(req, account));
      r.add("POST", base, scope, req -> api.create(req, account));
      r.add("GET", base + "/{}", scope, req -> api.get(req, account));
      r.add("PATCH", base + "/{}", scope, req -> api.patch(req, account));
      r.add("DELETE", base + "/{}", scope, req -> api.delete(req, account));
    }
  }

  // ------------------------------------------------------------------ handlers

  private Out list(Req r, boolean account) {
    access(r, account, false);
    List<ObjectNode> all = new ArrayList<>();
    if (!account) {
      all.add(workspaceGroupJson(r.ws, "admins"));
      all.add(workspaceGroupJson(r.ws, "users"));
    }
    for (Map.Entry<String, Long> g : e.account.groups.entrySet()) {
      if (account || r.ws.groupAssignments.containsKey(g.getKey())) {
        all.add(json(g.getKey(), g.getValue()));
      }
    }
    return ScimSupport.list(e, r, all);
  }

  private Out create(Req r, boolean account) {
    access(r, account, true);
    String name = Json.text(r.body(), "displayName");
    if (name == null || name.isBlank()) {
      throw ApiError.scim(400, "invalidValue", "displayName is required.");
    }
    if (e.account.groups.containsKey(name) || (!account && (name.equals("admins") || name.equals("users")))) {
      throw ApiError.scim(409, "uniqueness", "Group with name " + name + " already exists.");
    }
    long id = e.newId();
    e.account.groups.put(name, id);
    Set<Long> members = new LinkedHashSet<>();
    e.account.groupMembers.put(id, members);
    for (String m : ScimSupport.values(r.body().get("members"))) {
      members.add(member(m));
    }
    if (!account) {
      r.ws.groupAssignments.put(name, id);
    }
    return Out.created(json(name, id));
  }

  private Out get(Req r, boolean account) {
    access(r, account, false);
    String raw = r.var(account ? 1 : 0);
    String local = workspaceGroupName(r, account, raw);
    ObjectNode n = local != null ? workspaceGroupJson(r.ws, local) : json(find(r, account, raw), ScimSupport.parseId(raw));
    return Out.ok(ScimSupport.project(n, r));
  }

  private Out patch(Req r, boolean account) {
    access(r, account, true);
    String raw = r.var(account ? 1 : 0);
    String local = workspaceGroupName(r, account, raw);
    if (local != null) {
      WorkspaceGroups.patch(e, r, local);
      return Out.noContent();
    }
    String name = find(r, account, raw);
    long id = ScimSupport.parseId(raw);
    Set<Long> members = e.account.groupMembers.computeIfAbsent(id, k -> new LinkedHashSet<>());
    for (JsonNode op : ScimSupport.operations(r)) {
      String kind = String.valueOf(Json.text(op, "op")).toLowerCase(Locale.ROOT);
      String path = Json.text(op, "path");
      String attribute = path == null ? "members" : ScimPatch.attribute(path);
      if (attribute.equals("displayname") && !kind.equals("remove")) {
        String renamed = ScimSupport.scalar(op.get("value"));
        e.account.groups.remove(name);
        e.account.groups.put(renamed, id);
        name = renamed;
      } else if (attribute.equals("members")) {
        JsonNode value = path == null && op.has("value") && op.get("value").has("members")
            ? op.get("value").get("members") : op.get("value");
        List<String> ids = path != null && ScimPatch.filteredValue(path) != null
            ? List.of(ScimPatch.filteredValue(path)) : ScimSupport.values(value);
        if (kind.equals("remove")) {
          ids.forEach(m -> members.remove(ScimSupport.parseId(m)));
        } else {
          if (kind.equals("replace")) {
            members.clear();
          }
          ids.forEach(m -> members.add(member(m)));
        }
      } else {
        throw ApiError.scim(400, "invalidPath", "Unsupported path: " + path);
      }
    }
    return Out.noContent();
  }

  private Out delete(Req r, boolean account) {
    access(r, account, true);
    String raw = r.var(account ? 1 : 0);
    if (workspaceGroupName(r, account, raw) != null) {
      throw ApiError.scim(400, "mutability", "Cannot delete the workspace group " + raw + ".");
    }
    String name = find(r, account, raw);
    if (!account) {
      r.ws.groupAssignments.remove(name);
      return Out.noContent();
    }
    e.account.groups.remove(name);
    e.account.groupMembers.remove(ScimSupport.parseId(raw));
    for (Model.Workspace w : e.account.workspaces.values()) {
      w.groupAssignments.remove(name);
      w.tokenAcl.remove(Engine.aclKey(PrincipalType.GROUP, name));
      TableApi.forEachGrants(w, g -> g.remove(name));
    }
    return Out.noContent();
  }

  // ------------------------------------------------------------------ helpers

  private void access(Req r, boolean account, boolean write) {
    if (account) {
      ScimSupport.checkAccount(e, r);
    } else if (write && !Authentication.isWorkspaceAdmin(r.caller, r.ws)) {
      throw ApiError.scim(403, "Only workspace admins can manage groups.");
    }
  }

  /** Returns admins/users when {@code raw} is one of the workspace's own group ids, else null. */
  private static String workspaceGroupName(Req r, boolean account, String raw) {
    if (account) {
      return null;
    }
    for (String name : List.of("admins", "users")) {
      if (workspaceGroupId(r.ws, name).equals(raw)) {
        return name;
      }
    }
    return null;
  }

  private String find(Req r, boolean account, String raw) {
    long id = ScimSupport.parseId(raw);
    for (Map.Entry<String, Long> g : e.account.groups.entrySet()) {
      if (g.getValue() == id && (account || r.ws.groupAssignments.containsKey(g.getKey()))) {
        return g.getKey();
      }
    }
    throw ApiError.scim(404, "Group with id " + raw + " not found.");
  }

  /** A member id must name an account user, service principal or group. */
  private long member(String raw) {
    long id = ScimSupport.parseId(raw);
    if (!e.account.users.containsKey(id) && !e.account.sps.containsKey(id) && !e.account.groups.containsValue(id)) {
      throw ApiError.scim(404, "Principal with id " + raw + " not found.");
    }
    return id;
  }

  private ObjectNode json(String name, long id) {
    ObjectNode n = Json.object();
    n.putArray("schemas").add(GROUP_SCHEMA);
    n.put("id", Long.toString(id));
    n.put("displayName", name);
    ArrayNode members = n.putArray("members");
    for (Long m : e.account.groupMembers.getOrDefault(id, Set.of())) {
      members.add(memberRef(m));
    }
    n.putObject("meta").put("resourceType", "Group");
    return n;
  }

  ObjectNode workspaceGroupJson(Model.Workspace ws, String name) {
    ObjectNode n = Json.object();
    n.putArray("schemas").add(GROUP_SCHEMA);
    n.put("id", workspaceGroupId(ws, name));
    n.put("displayName", name);
    ArrayNode members = n.putArray("members");
    for (Map<Long, List<String>> assignments : List.of(ws.userAssignments, ws.assignments)) {
      assignments.forEach((id, perms) -> {
        if (name.equals("users") || perms.contains("ADMIN")) {
          members.add(memberRef(id));
        }
      });
    }
    ArrayNode ents = n.putArray("entitlements");
    if (name.equals("admins")) {
      List.of("workspace-access", "databricks-sql-access", "allow-cluster-create", "allow-instance-pool-create").forEach(v -> ents.addObject().put("value", v));
    } else {
      ws.usersEntitlements.forEach(v -> ents.addObject().put("value", v));
    }
    n.putObject("meta").put("resourceType", "WorkspaceGroup");
    return n;
  }

  private ObjectNode memberRef(long id) {
    ObjectNode m = Json.object();
    m.put("value", Long.toString(id));
    Model.User u = e.account.users.get(id);
    Model.Sp sp = e.account.sps.get(id);
    if (u != null) {
      m.put("display", u.displayName).put("$ref", "Users/" + id);
    } else if (sp != null) {
      m.put("display", sp.displayName).put("$ref", "ServicePrincipals/" + id);
    } else {
      e.account.groups.forEach((name, gid) -> {
        if (gid == id) {
          m.put("display", name).put("$ref", "Groups/" + id);
        }
      });
    }
    return m;
  }

  static String workspaceGroupId(Model.Workspace ws, String name) {
    return Long.toString(ws.id % 1_000_000_000L * 10 + (name.equals("admins") ? 1 : 2));
  }

  static ObjectNode workspaceGroupRef(Model.Workspace ws, String name) {
    ObjectNode g = Json.object();
    String id = workspaceGroupId(ws, name);
    g.put("display", name);
    g.put("type", "direct");
    g.put("value", id);
    g.put("$ref", "Groups/" + id);
    return g;
  }

  /**
   * Adds a principal's {@code groups}: {@code admins}/{@code users} from its workspace permissions
   * (when {@code ws} and {@code perms} are given) and the account groups it is a direct member of.
   */
  static void groupRefs(Engine e, ObjectNode n, Model.Workspace ws, List<String> perms, long principalId) {
    ArrayNode groups = Json.array();
    if (ws != null && perms != null) {
      if (perms.contains("ADMIN")) {
        groups.add(workspaceGroupRef(ws, "admins"));
      }
      groups.add(workspaceGroupRef(ws, "users"));
    }
    e.account.groups.forEach((name, id) -> {
      if (e.account.groupMembers.getOrDefault(id, Set.of()).contains(principalId)) {
        groups.addObject().put("display", name).put("type", "direct").put("value", Long.toString(id))
            .put("$ref", "Groups/" + id);
      }
    });
    if (!groups.isEmpty()) {
      n.set("groups", groups);
    }
  }
}
