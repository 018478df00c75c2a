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

/** Unity Catalog catalogs and schemas; tables are in {@link TableApi}, grants in {@link UcGrantsApi}. */
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
    r.add("PATCH", UC + "/schemas/{}", w, api::updateSchema);
    UcGrantsApi.register(e);
  }

  // ------------------------------------------------------------------ catalogs and schemas

  private static ApiError catalogMissing(String name) {
    return ApiError.platform(404, "CATALOG_DOES_NOT_EXIST", "Catalog '" + name + "' does not exist.");
  }

  private static ApiError schemaMissing(String fullName) {
    return ApiError.platform(404, "SCHEMA_DOES_NOT_EXIST", "Schema '" + fullName + "' does not exist.");
  }

  static Model.Catalog catalog(Req r, String name) {
    Model.Catalog c = r.ws.catalogs.get(name);
    if (c == null) {
      throw catalogMissing(name);
    }
    return c;
  }

  static String[] splitSchema(String fullName) {
    int dot = fullName.indexOf('.');
    if (dot <= 0 || dot == fullName.length() - 1) {
      throw ApiError.badRequest("Invalid schema full name '" + fullName + "': expected <catalog>.<schema>.");
    }
    return new String[] {fullName.substring(0, dot), fullName.substring(dot + 1)};
  }

  static Model.Schema schema(Req r, String fullName) {
    String[] parts = splitSchema(fullName);
    Model.Schema s = catalog(r, parts[0]).schemas.get(parts[1]);
    if (s == null) {
      throw schemaMissing(fullName);
    }
    return s;
  }

  private void requireMetastoreAdmin(Req r, String what) {
    if (!UcGrantsApi.isMetastoreAdmin(e, r)) {
      throw ApiError.permissionDenied("User does not have " + what + ".");
    }
  }

  private Out listCatalogs(Req r) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("catalogs");
    for (Model.Catalog c : e.listOrder(r.ws.catalogs.values(), c -> c.name)) {
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
    Model.Catalog c = e.createCatalog(r.ws, name, UcGrantsApi.callerName(e, r), Json.text(r.body(), "comment"), r.now);
    return Out.ok(catalogJson(r.ws, c));
  }

  private Out getCatalog(Req r) {
    return Out.ok(catalogJson(r.ws, catalog(r, r.var(0))));
  }

  private Out updateCatalog(Req r) {
    Model.Catalog c = catalog(r, r.var(0));
    UcGrantsApi.requireManage(e, r, UcGrantsApi.of(c));
    String comment = Json.text(r.body(), "comment");
    if (comment != null) {
      c.comment = comment;
    }
    String owner = Json.text(r.body(), "owner");
    if (owner != null) {
      UcGrantsApi.requireKnownPrincipal(e, r, owner);
      c.owner = owner;
    }
    return Out.ok(catalogJson(r.ws, c));
  }

  private Out deleteCatalog(Req r) {
    Model.Catalog c = catalog(r, r.var(0));
    UcGrantsApi.requireManage(e, r, UcGrantsApi.of(c));
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
    for (Model.Schema s : e.listOrder(c.schemas.values(), s -> s.name)) {
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
    if (!UcGrantsApi.isMetastoreAdmin(e, r) && !UcGrantsApi.ownsOrHolds(e, r, UcGrantsApi.of(c), "CREATE_SCHEMA")) {
      throw ApiError.permissionDenied("User does not have CREATE SCHEMA on Catalog '" + c.name + "'.");
    }
    if (c.schemas.containsKey(name)) {
      throw ApiError.platform(409, "SCHEMA_ALREADY_EXISTS", "Schema '" + c.name + "." + name + "' already exists.");
    }
    Model.Schema s = new Model.Schema();
    s.name = name;
    s.owner = UcGrantsApi.callerName(e, r);
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
    UcGrantsApi.requireManage(e, r, UcGrantsApi.of(c, s));
    String comment = Json.text(r.body(), "comment");
    if (comment != null) {
      s.comment = comment;
    }
    String owner = Json.text(r.body(), "owner");
    if (owner != null) {
      UcGrantsApi.requireKnownPrincipal(e, r, owner);
      s.owner = owner;
    }
    return Out.ok(schemaJson(r.ws, c, s));
  }

  private Out deleteSchema(Req r) {
    String[] parts = splitSchema(r.var(0));
    Model.Catalog c = catalog(r, parts[0]);
    Model.Schema s = schema(r, r.var(0));
    UcGrantsApi.requireManage(e, r, UcGrantsApi.of(c, s));
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

  static List<String> sorted(Set<String> s) {
    return new ArrayList<>(new TreeSet<>(s));
  }
}
