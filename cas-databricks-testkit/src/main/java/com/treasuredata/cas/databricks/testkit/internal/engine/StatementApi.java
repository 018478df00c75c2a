package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL Statement Execution API ({@code POST /api/2.0/sql/statements}, {@code GET .../{id}}) for a
 * small set of statements: {@code SELECT 1}, {@code SHOW SCHEMAS IN <catalog>} and
 * {@code SHOW TABLES IN <catalog>.<schema>}. The caller needs the Databricks SQL entitlement and
 * CAN_USE on the warehouse (else HTTP 403); SQL-level failures such as a missing USE CATALOG come back
 * as HTTP 200 with {@code state: FAILED}, {@code error_code: BAD_REQUEST} and a SQLSTATE, as the real
 * API answers. A stopped warehouse starts on submit. Statements are kept (the last 100) for GET;
 * they are not part of snapshots, as results on the real service expire after an hour.
 */
final class StatementApi {

  private static final Pattern SHOW_SCHEMAS = Pattern.compile("(?i)SHOW\\s+(?:SCHEMAS|DATABASES)\\s+(?:IN|FROM)\\s+(`[^`]+`|[A-Za-z0-9_]+)");
  private static final Pattern SHOW_TABLES =
      Pattern.compile("(?i)SHOW\\s+TABLES\\s+(?:IN|FROM)\\s+(`[^`]+`|[A-Za-z0-9_]+)\\.(`[^`]+`|[A-Za-z0-9_]+)");
  private static final Pattern SELECT_ONE = Pattern.compile("(?i)SELECT\\s+1");
  private static final Set<String> SCHEMA_VISIBLE = Set.of("BROWSE", "USE_SCHEMA", "SELECT", "ALL_PRIVILEGES", "EXECUTE", "MODIFY");

  private final Engine e;
  private final Map<String, ObjectNode> statements =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
          return size() > 100;
        }
      };

  private StatementApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    StatementApi api = new StatementApi(e);
    e.router.add("POST", "/api/2.0/sql/statements", Router.Scope.WORKSPACE, api::execute);
    e.router.add("GET", "/api/2.0/sql/statements/{}", Router.Scope.WORKSPACE, api::get);
  }

  private Out execute(Req r) {
    JsonNode body = r.body();
    String warehouseId = Json.text(body, "warehouse_id");
    String statement = Json.text(body, "statement");
    if (warehouseId == null || warehouseId.isBlank()) {
      throw ApiError.badRequest("warehouse_id is required.");
    }
    if (statement == null || statement.isBlank()) {
      throw ApiError.badRequest("statement is required.");
    }
    String wait = Json.text(body, "wait_timeout");
    if (wait != null && !wait.matches("0s|[5-9]s|[1-4][0-9]s|50s")) {
      throw ApiError.badRequest("wait_timeout must be 0s or between 5s and 50s, was " + wait + ".");
    }
    Model.Warehouse wh = WarehouseApi.find(r.ws, warehouseId);
    if (r.caller.isSp() && !WarehouseApi.hasSqlAccess(r.ws, r.caller.sp())) {
      throw ApiError.permissionDenied("User " + r.caller.sp().appId + " does not have the Databricks SQL access entitlement.");
    }
    if (WarehouseApi.level(wh, r.caller, r.ws) < WarehouseApi.LEVELS.indexOf("CAN_USE")) {
      throw ApiError.permissionDenied("User does not have permission to use warehouse " + wh.id + ".");
    }
    if (!wh.state.equals("RUNNING")) {
      wh.state = "RUNNING"; // a statement starts a stopped warehouse when the caller may use it
    }
    ObjectNode out = run(r, statement.trim().replaceAll(";+\\s*$", ""), Json.text(body, "catalog"));
    String id = "01ef" + e.newHex(4) + "-" + e.newHex(4) + "-" + e.newHex(4) + "-" + e.newHex(4) + "-" + e.newHex(12);
    out.put("statement_id", id);
    statements.put(id, out.deepCopy());
    if ("0s".equals(wait)) {
      ObjectNode pending = Json.object();
      pending.put("statement_id", id);
      pending.putObject("status").put("state", "PENDING");
      return Out.ok(pending);
    }
    return Out.ok(out);
  }

  private Out get(Req r) {
    ObjectNode done = statements.get(r.var(0));
    if (done == null) {
      throw ApiError.platform(404, "NOT_FOUND", "Statement " + r.var(0) + " not found.");
    }
    return Out.ok(done.deepCopy());
  }

  private ObjectNode run(Req r, String sql, String defaultCatalog) {
    if (SELECT_ONE.matcher(sql).matches()) {
      return succeeded(List.of("1"), "INT", List.of("1"));
    }
    Matcher m = SHOW_SCHEMAS.matcher(sql);
    if (m.matches()) {
      String catalog = unquote(m.group(1));
      Model.Catalog c = r.ws.catalogs.get(catalog);
      if (c == null) {
        return failed("[NO_SUCH_CATALOG_EXCEPTION] Catalog '" + catalog + "' was not found. Please verify the catalog name and then retry the query or command again. SQLSTATE: 42704", "42704");
      }
      if (!holds(r, c.grants, "USE_CATALOG") && !holds(r, c.grants, "BROWSE")) {
        return insufficient("USE CATALOG", "Catalog", catalog);
      }
      List<String> names = new ArrayList<>();
      boolean all = anyOf(r, c.grants, SCHEMA_VISIBLE);
      for (Model.Schema s : c.schemas.values()) {
        if (all || anyOf(r, s.grants, SCHEMA_VISIBLE)) {
          names.add(s.name);
        }
      }
      return succeeded(List.of("databaseName"), "STRING", names);
    }
    m = SHOW_TABLES.matcher(sql);
    if (m.matches()) {
      String catalog = unquote(m.group(1));
      String schema = unquote(m.group(2));
      Model.Catalog c = r.ws.catalogs.get(catalog);
      Model.Schema s = c == null ? null : c.schemas.get(schema);
      if (s == null) {
        return failed("[SCHEMA_NOT_FOUND] The schema `" + catalog + "`.`" + schema + "` cannot be found. Verify the spelling and correctness of the schema and catalog. SQLSTATE: 42704", "42704");
      }
      if (!holds(r, c.grants, "USE_CATALOG")) {
        return insufficient("USE CATALOG", "Catalog", catalog);
      }
      if (!holds(r, c.grants, "USE_SCHEMA") && !holds(r, s.grants, "USE_SCHEMA")) {
        return insufficient("USE SCHEMA", "Schema", catalog + "." + schema);
      }
      return succeeded(List.of("database", "tableName", "isTemporary"), "STRING", List.of());
    }
    return failed("[UNSUPPORTED_STATEMENT] FakeDatabricks runs only SELECT 1, SHOW SCHEMAS IN <catalog> and SHOW TABLES IN <catalog>.<schema>;"
        + " got: " + sql + (defaultCatalog == null ? "" : " (catalog " + defaultCatalog + ")"), "0A000");
  }

  private static String unquote(String name) {
    return name.startsWith("`") ? name.substring(1, name.length() - 1) : name;
  }

  /** Admins act as metastore admins here; a service principal needs its own grant (or ALL_PRIVILEGES). */
  private static boolean holds(Req r, Map<String, Set<String>> grants, String privilege) {
    if (!r.caller.isSp()) {
      return true;
    }
    Set<String> held = grants.get(r.caller.sp().appId);
    return held != null && (held.contains(privilege) || held.contains("ALL_PRIVILEGES"));
  }

  private static boolean anyOf(Req r, Map<String, Set<String>> grants, Set<String> privileges) {
    for (String p : privileges) {
      if (holds(r, grants, p)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode insufficient(String privilege, String type, String name) {
    return failed("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have " + privilege + " on " + type + " '" + name + "'. SQLSTATE: 42501", "42501");
  }

  private static ObjectNode failed(String message, String sqlState) {
    ObjectNode out = Json.object();
    ObjectNode status = out.putObject("status");
    status.put("state", "FAILED");
    status.putObject("error").put("error_code", "BAD_REQUEST").put("message", message);
    status.put("sql_state", sqlState);
    return out;
  }

  private static ObjectNode succeeded(List<String> columns, String typeName, List<String> firstColumn) {
    ObjectNode out = Json.object();
    out.putObject("status").put("state", "SUCCEEDED");
    ObjectNode manifest = out.putObject("manifest");
    manifest.put("format", "JSON_ARRAY");
    ObjectNode schema = manifest.putObject("schema");
    schema.put("column_count", columns.size());
    ArrayNode cols = schema.putArray("columns");
    for (int i = 0; i < columns.size(); i++) {
      String type = i == 2 ? "BOOLEAN" : typeName;
      cols.addObject().put("name", columns.get(i)).put("position", i).put("type_name", type).put("type_text", type.toLowerCase(Locale.ROOT));
    }
    manifest.put("total_row_count", firstColumn.size());
    manifest.put("truncated", false);
    if (firstColumn.isEmpty()) {
      manifest.put("total_chunk_count", 0);
      out.putObject("result");
      return out;
    }
    manifest.put("total_chunk_count", 1);
    manifest.putArray("chunks").addObject().put("chunk_index", 0).put("row_offset", 0).put("row_count", firstColumn.size());
    ObjectNode result = out.putObject("result");
    result.put("chunk_index", 0).put("row_offset", 0).put("row_count", firstColumn.size());
    ArrayNode data = result.putArray("data_array");
    firstColumn.forEach(v -> data.addArray().add(v));
    return out;
  }
}
