package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Unity Catalog tables as securables: create, get, exists, list and delete (metadata only, no data). */
final class TableApi {

  private static final String TABLES = "/api/2.1/unity-catalog/tables";

  private final Engine e;

  private TableApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    TableApi api = new TableApi(e);
    Router r = e.router;
    Router.Scope w = Router.Scope.WORKSPACE;
    r.add("POST", TABLES, w, api::create);
    r.add("GET", TABLES, w, api::list);
    r.add("GET", TABLES + "/{}", w, api::get);
    r.add("GET", TABLES + "/{}/exists", w, api::exists);
    r.add("DELETE", TABLES + "/{}", w, api::delete);
  }

  /** Calls {@code action} with the grants of every catalog, schema and table of {@code ws}. */
  static void forEachGrants(Model.Workspace ws, Consumer<Map<String, Set<String>>> action) {
    for (Model.Catalog c : ws.catalogs.values()) {
      action.accept(c.grants);
      for (Model.Schema s : c.schemas.values()) {
        action.accept(s.grants);
        s.tables.values().forEach(t -> action.accept(t.grants));
      }
    }
  }

  private static ApiError missing(String fullName) {
    return ApiError.platform(404, "TABLE_DOES_NOT_EXIST", "Table '" + fullName + "' does not exist.");
  }

  /** Splits {@code catalog.schema.table}; the schema must exist, the table may not. */
  private static String[] split(Req r, String fullName) {
    String[] parts = fullName.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw ApiError.badRequest("Invalid table full name '" + fullName + "': expected <catalog>.<schema>.<table>.");
    }
    return parts;
  }

  private static Model.Table find(Req r, String fullName) {
    String[] p = split(r, fullName);
    Model.Schema s = UnityCatalogApi.schema(r, p[0] + "." + p[1]);
    Model.Table t = s.tables.get(p[2]);
    if (t == null) {
      throw missing(fullName);
    }
    return t;
  }

  static UcGrantsApi.Securable securable(Req r, String fullName) {
    String[] p = split(r, fullName);
    return UcGrantsApi.of(UnityCatalogApi.catalog(r, p[0]), UnityCatalogApi.schema(r, p[0] + "." + p[1]),
        find(r, fullName));
  }

  private Out create(Req r) {
    JsonNode body = r.body();
    String name = Json.text(body, "name");
    String catalogName = Json.text(body, "catalog_name");
    String schemaName = Json.text(body, "schema_name");
    if (name == null || name.isBlank() || catalogName == null || schemaName == null) {
      throw ApiError.badRequest("name, catalog_name and schema_name are required.");
    }
    Model.Catalog c = UnityCatalogApi.catalog(r, catalogName);
    Model.Schema s = UnityCatalogApi.schema(r, catalogName + "." + schemaName);
    String fullName = catalogName + "." + schemaName + "." + name;
    if (!UcGrantsApi.isMetastoreAdmin(e, r) && !UcGrantsApi.ownsOrHolds(e, r, UcGrantsApi.of(c, s), "CREATE_TABLE")) {
      throw ApiError.permissionDenied("User does not have CREATE TABLE on Schema '" + catalogName + "." + schemaName + "'.");
    }
    if (s.tables.containsKey(name)) {
      throw ApiError.platform(409, "TABLE_ALREADY_EXISTS", "Table '" + fullName + "' already exists.");
    }
    Model.Table t = new Model.Table();
    t.name = name;
    t.owner = UcGrantsApi.callerName(e, r);
    t.comment = Json.text(body, "comment");
    t.tableType = firstNonNull(Json.text(body, "table_type"), "MANAGED");
    t.dataSourceFormat = firstNonNull(Json.text(body, "data_source_format"), "DELTA");
    t.columnsJson = body.has("columns") ? Json.write(body.get("columns")) : null;
    t.createdMs = r.now;
    s.tables.put(name, t);
    return Out.ok(json(r.ws, c, s, t));
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private Out get(Req r) {
    String[] p = split(r, r.var(0));
    Model.Catalog c = UnityCatalogApi.catalog(r, p[0]);
    Model.Schema s = UnityCatalogApi.schema(r, p[0] + "." + p[1]);
    return Out.ok(json(r.ws, c, s, find(r, r.var(0))));
  }

  private Out exists(Req r) {
    String[] p = split(r, r.var(0));
    Model.Schema s = UnityCatalogApi.schema(r, p[0] + "." + p[1]);
    return Out.ok(Json.object().put("table_exists", s.tables.containsKey(p[2])));
  }

  private Out list(Req r) {
    String catalogName = r.q("catalog_name");
    String schemaName = r.q("schema_name");
    if (catalogName == null || catalogName.isBlank() || schemaName == null || schemaName.isBlank()) {
      throw ApiError.badRequest("catalog_name and schema_name are required.");
    }
    Model.Catalog c = UnityCatalogApi.catalog(r, catalogName);
    Model.Schema s = UnityCatalogApi.schema(r, catalogName + "." + schemaName);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("tables");
    for (Model.Table t : e.listOrder(s.tables.values(), t -> t.name)) {
      list.add(json(r.ws, c, s, t));
    }
    return Out.ok(out);
  }

  private Out delete(Req r) {
    UcGrantsApi.Securable sec = securable(r, r.var(0));
    UcGrantsApi.requireManage(e, r, sec);
    String[] p = split(r, r.var(0));
    UnityCatalogApi.schema(r, p[0] + "." + p[1]).tables.remove(p[2]);
    return Out.empty();
  }

  private static ObjectNode json(Model.Workspace ws, Model.Catalog c, Model.Schema s, Model.Table t) {
    ObjectNode n = Json.object();
    n.put("name", t.name);
    n.put("catalog_name", c.name);
    n.put("schema_name", s.name);
    n.put("full_name", c.name + "." + s.name + "." + t.name);
    n.put("table_type", t.tableType);
    n.put("data_source_format", t.dataSourceFormat);
    if (t.columnsJson != null) {
      n.set("columns", Json.parseBody(t.columnsJson));
    }
    n.put("owner", t.owner);
    if (t.comment != null && !t.comment.isEmpty()) {
      n.put("comment", t.comment);
    }
    n.put("metastore_id", ws.metastoreId);
    n.put("created_at", t.createdMs);
    n.put("created_by", t.owner);
    n.put("updated_at", t.createdMs);
    n.put("updated_by", t.owner);
    return n;
  }
}
