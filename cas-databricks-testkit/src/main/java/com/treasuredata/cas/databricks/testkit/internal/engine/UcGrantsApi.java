package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Unity Catalog grants on catalogs, schemas and tables: direct grants, effective permissions with
 * inheritance (a catalog grant shows on its schemas and tables, a schema grant on its tables, each
 * with {@code inherited_from_type}/{@code inherited_from_name}) and who may grant: metastore admins,
 * owners and holders of {@code MANAGE} on the securable or a parent. Being a workspace admin is not
 * enough.
 */
final class UcGrantsApi {

  private static final String UC = "/api/2.1/unity-catalog";

  /** Securable types that exist in UC but hold nothing in the fake: they answer {@code <TYPE>_DOES_NOT_EXIST}. */
  private static final Set<String> EMPTY_TYPES = Set.of("volume", "function", "external_location",
      "storage_credential", "connection", "share", "provider", "recipient", "credential", "clean_room");

  /**
   * One securable: its label for messages, full name, owner and grants, and its parents, nearest first.
   *
   * @param type label for messages (Catalog, Schema, Table)
   * @param inheritType the {@code inherited_from_type} a child shows for grants made here
   */
  record Securable(String type, String inheritType, String fullName, String owner, Map<String, Set<String>> grants,
      List<Securable> parents) {}

  private final Engine e;

  private UcGrantsApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    UcGrantsApi api = new UcGrantsApi(e);
    Router r = e.router;
    Router.Scope w = Router.Scope.WORKSPACE;
    r.add("GET", UC + "/permissions/{}/{}", w, api::getPermissions);
    r.add("PATCH", UC + "/permissions/{}/{}", w, api::updatePermissions);
    r.add("GET", UC + "/effective-permissions/{}/{}", w, api::effectivePermissions);
    r.add("GET", UC + "/privilege-assignments/{}/{}", w, api::getPermissions);
    r.add("GET", UC + "/effective-privilege-assignments/{}/{}", w, req -> renamed(api.effectivePermissions(req)));
  }

  static Securable of(Model.Catalog c) {
    return new Securable("Catalog", "CATALOG", c.name, c.owner, c.grants, List.of());
  }

  static Securable of(Model.Catalog c, Model.Schema s) {
    return new Securable("Schema", "SCHEMA", c.name + "." + s.name, s.owner, s.grants, List.of(of(c)));
  }

  static Securable of(Model.Catalog c, Model.Schema s, Model.Table t) {
    Securable schema = of(c, s);
    return new Securable("Table", "TABLE", schema.fullName() + "." + t.name, t.owner, t.grants,
        List.of(schema, of(c)));
  }

  private Securable securable(Req r) {
    String rawType = r.var(0);
    String type = rawType.toLowerCase(Locale.ROOT);
    if (!rawType.equals(type) && !e.behaviours.ucAcceptsUppercaseSecurableType()) {
      throw ApiError.badRequest("Invalid securable type: " + rawType);
    }
    String name = r.var(1);
    switch (type) {
      case "catalog":
        return of(UnityCatalogApi.catalog(r, name));
      case "schema": {
        String[] parts = UnityCatalogApi.splitSchema(name);
        return of(UnityCatalogApi.catalog(r, parts[0]), UnityCatalogApi.schema(r, name));
      }
      case "table":
        return TableApi.securable(r, name);
      default:
        if (EMPTY_TYPES.contains(type)) {
          String label = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1).replace('_', ' ');
          throw ApiError.platform(404, type.toUpperCase(Locale.ROOT) + "_DOES_NOT_EXIST",
              label + " '" + name + "' does not exist.");
        }
        throw ApiError.badRequest("Invalid securable type: " + rawType);
    }
  }

  private static void validateMaxResults(Req r) {
    String max = r.q("max_results");
    if (max == null) {
      max = r.q("page_size");
    }
    if (max == null || max.isBlank()) {
      return;
    }
    int v;
    try {
      v = Integer.parseInt(max.trim());
    } catch (NumberFormatException ex) {
      throw ApiError.badRequest("Invalid max_results: " + max);
    }
    if (v < 0 || (v > 0 && v < 150)) {
      throw ApiError.badRequest("max_results must be 0 or at least 150, was " + v + ".");
    }
  }

  private Out getPermissions(Req r) {
    Securable s = securable(r);
    validateMaxResults(r);
    return Out.ok(assignments(s.grants(), r.q("principal")));
  }

  private ObjectNode assignments(Map<String, Set<String>> grants, String only) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("privilege_assignments");
    for (String principal : e.listOrder(grants.keySet(), p -> p)) {
      Set<String> privs = grants.get(principal);
      if (!privs.isEmpty() && (only == null || only.equals(principal))) {
        ObjectNode a = list.addObject();
        a.put("principal", principal);
        ArrayNode p = a.putArray("privileges");
        privs.forEach(p::add);
      }
    }
    return out;
  }

  private Out effectivePermissions(Req r) {
    Securable s = securable(r);
    validateMaxResults(r);
    String only = r.q("principal");
    Map<String, ArrayNode> byPrincipal = new LinkedHashMap<>();
    List<Securable> levels = new ArrayList<>();
    levels.add(s);
    levels.addAll(s.parents());
    for (Securable level : levels) {
      level.grants().forEach((principal, privs) -> {
        for (String priv : privs) {
          if (only == null || only.equals(principal)) {
            ObjectNode p = byPrincipal.computeIfAbsent(principal, k -> Json.array()).addObject();
            p.put("privilege", priv);
            if (level != s) {
              p.put("inherited_from_type", level.inheritType());
              p.put("inherited_from_name", level.fullName());
            }
          }
        }
      });
    }
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("privilege_assignments");
    byPrincipal.forEach((principal, privs) -> {
      ObjectNode a = list.addObject();
      a.put("principal", principal);
      a.set("privileges", privs);
    });
    return Out.ok(out);
  }

  /** The paginated effective API names its list {@code effective_privilege_assignments}. */
  private static Out renamed(Out effective) {
    ObjectNode out = Json.object();
    out.set("effective_privilege_assignments", effective.body().get("privilege_assignments"));
    return Out.ok(out);
  }

  private Out updatePermissions(Req r) {
    Securable s = securable(r);
    requireManage(e, r, s);
    JsonNode changes = r.body().get("changes");
    Map<String, Set<String>> adds = new LinkedHashMap<>();
    Map<String, Set<String>> removes = new LinkedHashMap<>();
    if (changes != null && changes.isArray()) {
      for (JsonNode change : changes) {
        String principal = Json.text(change, "principal");
        if (principal == null || principal.isBlank()) {
          throw ApiError.badRequest("at least one of 'principal' or 'principal_id' must be set");
        }
        Set<String> add = privileges(change.get("add"));
        Set<String> remove = privileges(change.get("remove"));
        for (String p : add) {
          if (remove.contains(p)) {
            throw ApiError.badRequest("Duplicate privileges to add and delete for principal " + principal + ".");
          }
        }
        requireKnownPrincipal(e, r, principal);
        adds.computeIfAbsent(principal, k -> new LinkedHashSet<>()).addAll(add);
        removes.computeIfAbsent(principal, k -> new LinkedHashSet<>()).addAll(remove);
      }
    }
    // validated everything first, so a bad change leaves the grants untouched
    Map<String, Set<String>> grants = s.grants();
    for (Map.Entry<String, Set<String>> a : adds.entrySet()) {
      Set<String> current = grants.computeIfAbsent(a.getKey(), k -> new TreeSet<>());
      if (removes.get(a.getKey()).contains("ALL_PRIVILEGES")) {
        current.clear(); // revokes every privilege the principal holds here, before the adds apply
      }
      current.addAll(a.getValue());
      current.removeAll(removes.get(a.getKey()));
      if (current.isEmpty()) {
        grants.remove(a.getKey());
      }
    }
    return Out.ok(assignments(grants, null));
  }

  /** Normalises ("USE CATALOG" becomes USE_CATALOG, as UC does) and validates privilege names. */
  private static Set<String> privileges(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw ApiError.badRequest("add and remove must be arrays of privileges.");
    }
    for (JsonNode p : node) {
      String name = p.asText().trim().toUpperCase(Locale.ROOT).replace(' ', '_');
      if (!UnityCatalogApi.PRIVILEGES.contains(name)) {
        throw ApiError.badRequest("Privilege " + p.asText() + " is not a valid privilege.");
      }
      out.add(name);
    }
    return out;
  }

  /** UC resolves principals against account identities only: SP applicationIds, users, account groups. */
  static void requireKnownPrincipal(Engine e, Req r, String principal) {
    boolean known = Users.byName(e, principal) != null || e.account.groups.containsKey(principal)
        || e.resolveSp(principal, r.now) != null;
    if (!known) {
      throw ApiError.platform(e.behaviours.ucUnknownPrincipalStatus(), "PRINCIPAL_DOES_NOT_EXIST",
          "Could not find principal with name " + principal);
    }
  }

  /** The UC name of the caller: an SP's applicationId, else the admin user's name. */
  static String callerName(Engine e, Req r) {
    return r.caller.isSp() ? r.caller.sp().appId : e.account.adminUserName;
  }

  /** The caller's name and the account groups it is a direct member of. */
  private static Set<String> callerIdentities(Engine e, Req r) {
    Set<String> out = new LinkedHashSet<>();
    out.add(callerName(e, r));
    long id = r.caller.isSp() ? r.caller.sp().id : e.account.adminUserId;
    e.account.groups.forEach((name, gid) -> {
      if (e.account.groupMembers.getOrDefault(gid, Set.of()).contains(id)) {
        out.add(name);
      }
    });
    return out;
  }

  static boolean isMetastoreAdmin(Engine e, Req r) {
    return callerIdentities(e, r).stream().anyMatch(r.ws.metastoreAdmins::contains);
  }

  /** True when the caller owns {@code s} or a parent, or holds one of {@code privileges} on it or a parent. */
  static boolean ownsOrHolds(Engine e, Req r, Securable s, String... privileges) {
    Set<String> me = callerIdentities(e, r);
    List<Securable> levels = new ArrayList<>();
    levels.add(s);
    levels.addAll(s.parents());
    for (Securable level : levels) {
      if (me.contains(level.owner())) {
        return true;
      }
      for (String name : me) {
        Set<String> held = level.grants().getOrDefault(name, Set.of());
        for (String p : privileges) {
          if (held.contains(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Granting, altering and dropping need a metastore admin, an owner, or MANAGE here or on a parent. */
  static void requireManage(Engine e, Req r, Securable s) {
    if (!isMetastoreAdmin(e, r) && !ownsOrHolds(e, r, s, "MANAGE")) {
      throw ApiError.permissionDenied("User does not have MANAGE on " + s.type() + " '" + s.fullName() + "'.");
    }
  }
}
