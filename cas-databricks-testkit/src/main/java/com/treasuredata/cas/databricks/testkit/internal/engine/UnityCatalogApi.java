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

/** Unity Catalog: catalogs, schemas, grants and effective permissions. */
final class UnityCatalogApi {

  private static final String UC = "/api/2.1/unity-catalog";

  /** The SDK's {@code catalog.Privilege} enum names (databricks-sdk-java). */
  static final Set<String> PRIVILEGES = Set.of("ACCESS", "ALL_PRIVILEGES", "APPLY_TAG", "BROWSE", "CREATE",
      "CREATE_CATALOG", "CREATE_CLEAN_ROOM", "CREATE_CONNECTION", "CREATE_EXTERNAL_LOCATION", "CREATE_EXTERNAL_TABLE",
      "CREATE_EXTERNAL_VOLUME", "CREATE_FOREIGN_CATALOG", "CREATE_FOREIGN_SECURABLE", "CREATE_FUNCTION",
      "CREATE_MANAGED_STORAGE", "CREATE_MATERIALIZED_VIEW", "CREATE_MODEL", "CREATE_PROVIDER", "CREATE_RECIPIENT",
      "CREATE_SCHEMA", "CREATE_SERVICE_CREDENTIAL", "CREATE_SHARE", "CREATE_STORAGE_CREDENTIAL", "CREATE_TABLE",
      "CREATE_VIEW", "CREATE_VOLUME", "EXECUTE", "EXECUTE_CLEAN_ROOM_TASK", "EXTERNAL_USE_SCHEMA", "MANAGE",
      "MANAGE_ALLOWLIST", "MODIFY", "MODIFY_CLEAN_ROOM", "READ_FILES", "READ_METADATA", "READ_PRIVATE_FILES",
      "READ_VOLUME", "REFRESH", "SELECT", "SET_SHARE_PERMISSION", "USAGE", "USE_CATALOG", "USE_CONNECTION",
      "USE_MARKETPLACE_ASSETS", "USE_PROVIDER", "USE_RECIPIENT", "USE_SCHEMA", "USE_SHARE", "WRITE_FILES",
      "WRITE_PRIVATE_FILES", "WRITE_VOLUME");

  /** Securable types that exist in UC but hold nothing in the fake: they answer {@code <TYPE>_DOES_NOT_EXIST}. */
  private static final Set<String> EMPTY_TYPES = Set.of("table", "volume", "function", "external_location",
      "storage_credential", "connection", "share", "provider", "recipient", "credential", "clean_room");

  private final Engine e;

  private UnityCatalogApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    UnityCatalogApi api = new UnityCatalogApi(e);
    Router r = e.router;
    Router.Scope w = Router.Scope.WORKSPACE;
    r.add("GET", UC + "/catalogs", w, api::listCatalogs);
    r.add("POST", UC + "/catalogs", w, api::createCatalog);
    r.add("GET", UC + "/catalogs/{}", w, api::getCatalog);
    r.add("PATCH", UC + "/catalogs/{}", w, api::updateCatalog);
    r.add("DELETE", UC + "/catalogs/{}", w, api::deleteCatalog);
    r.add("GET", UC + "/schemas", w, api::listSchemas);
    r.add("POST", UC + "/schemas", w, api::createSchema);
    r.add("GET", UC + "/schemas/{}", w, api::getSchema);
    r.add("DELETE", UC + "/schemas/{}", w, api::deleteSchema);
    r.add("GET", UC + "/permissions/{}/{}", w, api::getPermissions);
    r.add("PATCH", UC + "/permissions/{}/{}", w, api::updatePermissions);
    r.add("GET", UC + "/effective-permissions/{}/{}", w, api::effectivePermissions);
    r.add("GET", UC + "/privilege-assignments/{}/{}", w, api::getPermissions);
    r.add("GET", UC + "/effective-privilege-assignments/{}/{}", w, req -> api.renamed(api.effectivePermissions(req)));
    r.add("PATCH", UC + "/schemas/{}", w, api::updateSchema);
  }

  // ------------------------------------------------------------------ catalogs and schemas

  private static ApiError catalogMissing(String name) {
    return ApiError.platform(404, "CATALOG_DOES_NOT_EXIST", "Catalog '" + name + "' does not exist.");
  }

  private static ApiError schemaMissing(String fullName) {
    return ApiError.platform(404, "SCHEMA_DOES_NOT_EXIST", "Schema '" + fullName + "' does not exist.");
  }

  private static Model.Catalog catalog(Req r, String name) {
    Model.Catalog c = r.ws.catalogs.get(name);
    if (c == null) {
      throw catalogMissing(name);
    }
    return c;
  }

  private static String[] splitSchema(String fullName) {
    int dot = fullName.indexOf('.');
    if (dot <= 0 || dot == fullName.length() - 1) {
      throw ApiError.badRequest("Invalid schema full name '" + fullName + "': expected <catalog>.<schema>.");
    }
    return new String[] {fullName.substring(0, dot), fullName.substring(dot + 1)};
  }

  private static Model.Schema schema(Req r, String fullName) {
    String[] parts = splitSchema(fullName);
    Model.Schema s = catalog(r, parts[0]).schemas.get(parts[1]);
    if (s == null) {
      throw schemaMissing(fullName);
    }
    return s;
  }

  private static void requireMetastoreAdmin(Req r, String what) {
    if (!Authentication.isWorkspaceAdmin(r.caller, r.ws)) {
      throw ApiError.permissionDenied("User does not have " + what + ".");
    }
  }

  private Out listCatalogs(Req r) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("catalogs");
    for (Model.Catalog c : r.ws.catalogs.values()) {
      list.add(catalogJson(r.ws, c));
    }
    return Out.ok(out);
  }

  private Out createCatalog(Req r) {
    requireMetastoreAdmin(r, "CREATE CATALOG on Metastore '" + r.ws.metastoreId + "'");
    String name = Json.text(r.body(), "name");
    if (name == null || name.isBlank()) {
      throw ApiError.badRequest("name is required.");
    }
    if (r.ws.catalogs.containsKey(name)) {
      throw ApiError.platform(409, "CATALOG_ALREADY_EXISTS", "Catalog '" + name + "' already exists.");
    }
    Model.Catalog c = e.createCatalog(r.ws, name, callerName(r), Json.text(r.body(), "comment"), r.now);
    return Out.ok(catalogJson(r.ws, c));
  }

  private Out getCatalog(Req r) {
    return Out.ok(catalogJson(r.ws, catalog(r, r.var(0))));
  }

  private Out updateCatalog(Req r) {
    Model.Catalog c = catalog(r, r.var(0));
    requireManage(r, c.owner, c.grants, "Catalog '" + c.name + "'");
    String comment = Json.text(r.body(), "comment");
    if (comment != null) {
      c.comment = comment;
    }
    String owner = Json.text(r.body(), "owner");
    if (owner != null) {
      requireKnownPrincipal(r, owner);
      c.owner = owner;
    }
    return Out.ok(catalogJson(r.ws, c));
  }

  private Out deleteCatalog(Req r) {
    Model.Catalog c = catalog(r, r.var(0));
    requireManage(r, c.owner, c.grants, "Catalog '" + c.name + "'");
    boolean force = "true".equalsIgnoreCase(r.q("force"));
    long userSchemas = c.schemas.keySet().stream().filter(s -> !s.equals("default") && !s.equals("information_schema")).count();
    if (userSchemas > 0 && !force) {
      throw ApiError.badRequest("Cannot delete catalog '" + c.name + "': it is not empty (" + userSchemas
          + " schemas). Use force=true to delete it with its contents.");
    }
    r.ws.catalogs.remove(c.name);
    return Out.empty();
  }

  private Out listSchemas(Req r) {
    String catalogName = r.q("catalog_name");
    if (catalogName == null || catalogName.isBlank()) {
      throw ApiError.badRequest("catalog_name is required.");
    }
    Model.Catalog c = catalog(r, catalogName);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("schemas");
    for (Model.Schema s : c.schemas.values()) {
      list.add(schemaJson(r.ws, c, s));
    }
    return Out.ok(out);
  }

  private Out createSchema(Req r) {
    String name = Json.text(r.body(), "name");
    String catalogName = Json.text(r.body(), "catalog_name");
    if (name == null || name.isBlank() || catalogName == null || catalogName.isBlank()) {
      throw ApiError.badRequest("name and catalog_name are required.");
    }
    Model.Catalog c = catalog(r, catalogName);
    if (!Authentication.isWorkspaceAdmin(r.caller, r.ws) && !holds(c.grants, r.caller, "CREATE_SCHEMA")
        && !callerName(r).equals(c.owner)) {
      throw ApiError.permissionDenied("User does not have CREATE SCHEMA on Catalog '" + c.name + "'.");
    }
    if (c.schemas.containsKey(name)) {
      throw ApiError.platform(409, "SCHEMA_ALREADY_EXISTS", "Schema '" + c.name + "." + name + "' already exists.");
    }
    Model.Schema s = new Model.Schema();
    s.name = name;
    s.owner = callerName(r);
    s.comment = Json.text(r.body(), "comment");
    s.createdMs = r.now;
    c.schemas.put(name, s);
    return Out.ok(schemaJson(r.ws, c, s));
  }

  private Out getSchema(Req r) {
    String[] parts = splitSchema(r.var(0));
    Model.Catalog c = catalog(r, parts[0]);
    return Out.ok(schemaJson(r.ws, c, schema(r, r.var(0))));
  }

  private Out updateSchema(Req r) {
    String[] parts = splitSchema(r.var(0));
    Model.Catalog c = catalog(r, parts[0]);
    Model.Schema s = schema(r, r.var(0));
    requireManage(r, s.owner, s.grants, "Schema '" + r.var(0) + "'");
    String comment = Json.text(r.body(), "comment");
    if (comment != null) {
      s.comment = comment;
    }
    String owner = Json.text(r.body(), "owner");
    if (owner != null) {
      requireKnownPrincipal(r, owner);
      s.owner = owner;
    }
    return Out.ok(schemaJson(r.ws, c, s));
  }

  /** The paginated effective API names its list {@code effective_privilege_assignments}. */
  private Out renamed(Out effective) {
    ObjectNode out = Json.object();
    out.set("effective_privilege_assignments", effective.body().get("privilege_assignments"));
    return Out.ok(out);
  }

  private Out deleteSchema(Req r) {
    String[] parts = splitSchema(r.var(0));
    Model.Catalog c = catalog(r, parts[0]);
    Model.Schema s = schema(r, r.var(0));
    requireManage(r, s.owner, s.grants, "Schema '" + r.var(0) + "'");
    c.schemas.remove(s.name);
    return Out.empty();
  }

  private ObjectNode catalogJson(Model.Workspace ws, Model.Catalog c) {
    ObjectNode n = Json.object();
    n.put("name", c.name);
    n.put("full_name", c.name);
    n.put("owner", c.owner);
    if (c.comment != null && !c.comment.isEmpty()) {
      n.put("comment", c.comment);
    }
    n.put("metastore_id", ws.metastoreId);
    n.put("catalog_type", "MANAGED_CATALOG");
    n.put("securable_type", "CATALOG");
    n.put("isolation_mode", "OPEN");
    n.put("browse_only", false);
    n.put("created_at", c.createdMs);
    n.put("created_by", c.createdBy);
    n.put("updated_at", c.createdMs);
    n.put("updated_by", c.createdBy);
    return n;
  }

  private ObjectNode schemaJson(Model.Workspace ws, Model.Catalog c, Model.Schema s) {
    ObjectNode n = Json.object();
    n.put("name", s.name);
    n.put("catalog_name", c.name);
    n.put("full_name", c.name + "." + s.name);
    n.put("owner", s.owner);
    if (s.comment != null && !s.comment.isEmpty()) {
      n.put("comment", s.comment);
    }
    n.put("metastore_id", ws.metastoreId);
    n.put("catalog_type", "MANAGED_CATALOG");
    n.put("securable_type", "SCHEMA");
    n.put("created_at", s.createdMs);
    n.put("created_by", s.owner);
    n.put("updated_at", s.createdMs);
    n.put("updated_by", s.owner);
    return n;
  }

  // ------------------------------------------------------------------ grants

  /** A securable's grants plus the names needed for messages and inheritance. */
  private record Securable(String type, String fullName, String owner, Map<String, Set<String>> grants,
      Model.Catalog parent) {}

  private Securable securable(Req r) {
    String rawType = r.var(0);
    String type = rawType.toLowerCase(Locale.ROOT);
    if (!rawType.equals(type) && !e.behaviours.ucAcceptsUppercaseSecurableType()) {
      throw ApiError.badRequest("Invalid securable type: " + rawType);
    }
    String name = r.var(1);
    switch (type) {
      case "catalog": {
        Model.Catalog c = catalog(r, name);
        return new Securable("Catalog", c.name, c.owner, c.grants, null);
      }
      case "schema": {
        String[] parts = splitSchema(name);
        Model.Catalog c = catalog(r, parts[0]);
        Model.Schema s = schema(r, name);
        return new Securable("Schema", c.name + "." + s.name, s.owner, s.grants, c);
      }
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
    String only = r.q("principal");
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("privilege_assignments");
    s.grants.forEach((principal, privs) -> {
      if (!privs.isEmpty() && (only == null || only.equals(principal))) {
        ObjectNode a = list.addObject();
        a.put("principal", principal);
        ArrayNode p = a.putArray("privileges");
        privs.forEach(p::add);
      }
    });
    return Out.ok(out);
  }

  private Out effectivePermissions(Req r) {
    Securable s = securable(r);
    validateMaxResults(r);
    String only = r.q("principal");
    Map<String, ArrayNode> byPrincipal = new LinkedHashMap<>();
    s.grants.forEach((principal, privs) -> {
      for (String priv : privs) {
        if (only == null || only.equals(principal)) {
          byPrincipal.computeIfAbsent(principal, k -> Json.array()).addObject().put("privilege", priv);
        }
      }
    });
    if (s.parent != null) {
      s.parent.grants.forEach((principal, privs) -> {
        for (String priv : privs) {
          if (only == null || only.equals(principal)) {
            ObjectNode p = byPrincipal.computeIfAbsent(principal, k -> Json.array()).addObject();
            p.put("privilege", priv);
            p.put("inherited_from_type", "CATALOG");
            p.put("inherited_from_name", s.parent.name);
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

  private Out updatePermissions(Req r) {
    Securable s = securable(r);
    requireManage(r, s.owner, s.grants, s.type + " '" + s.fullName + "'");
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
        requireKnownPrincipal(r, principal);
        adds.computeIfAbsent(principal, k -> new LinkedHashSet<>()).addAll(add);
        removes.computeIfAbsent(principal, k -> new LinkedHashSet<>()).addAll(remove);
      }
    }
    // validated everything first, so a bad change leaves the grants untouched
    for (Map.Entry<String, Set<String>> a : adds.entrySet()) {
      Set<String> current = s.grants.computeIfAbsent(a.getKey(), k -> new TreeSet<>());
      if (removes.get(a.getKey()).contains("ALL_PRIVILEGES")) {
        current.clear(); // revokes every privilege the principal holds here, before the adds apply
      }
      current.addAll(a.getValue());
      current.removeAll(removes.get(a.getKey()));
      if (current.isEmpty()) {
        s.grants.remove(a.getKey());
      }
    }
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("privilege_assignments");
    s.grants.forEach((principal, privs) -> {
      ObjectNode a = list.addObject();
      a.put("principal", principal);
      ArrayNode p = a.putArray("privileges");
      privs.forEach(p::add);
    });
    return Out.ok(out);
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
      if (!PRIVILEGES.contains(name)) {
        throw ApiError.badRequest("Privilege " + p.asText() + " is not a valid privilege.");
      }
      out.add(name);
    }
    return out;
  }

  /** UC resolves principals against account identities only: SP applicationIds, users, account groups. */
  private void requireKnownPrincipal(Req r, String principal) {
    boolean known = principal.equals(e.account.adminUserName) || e.account.groups.containsKey(principal)
        || e.resolveSp(principal, r.now) != null;
    if (!known) {
      throw ApiError.platform(e.behaviours.ucUnknownPrincipalStatus(), "PRINCIPAL_DOES_NOT_EXIST",
          "Could not find principal with name " + principal);
    }
  }

  private static String callerName(Req r) {
    return r.caller.isSp() ? r.caller.sp().appId : "admin@fake-databricks.test";
  }

  private static boolean holds(Map<String, Set<String>> grants, Caller c, String privilege) {
    if (!c.isSp()) {
      return false;
    }
    Set<String> privs = grants.get(c.sp().appId);
    return privs != null && (privs.contains(privilege) || privs.contains("ALL_PRIVILEGES"));
  }

  private static void requireManage(Req r, String owner, Map<String, Set<String>> grants, String what) {
    if (Authentication.isWorkspaceAdmin(r.caller, r.ws) || callerName(r).equals(owner) || holds(grants, r.caller, "MANAGE")) {
      return;
    }
    throw ApiError.permissionDenied("User does not have MANAGE on " + what + ".");
  }

  static List<String> sorted(Set<String> s) {
    return new ArrayList<>(new TreeSet<>(s));
  }
}
