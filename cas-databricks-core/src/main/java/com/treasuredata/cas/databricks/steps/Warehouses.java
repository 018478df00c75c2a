package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.WarehouseRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How the warehouse steps find the warehouse (by id or by name, explicitly) and read who may use it. */
final class Warehouses {

  static final String BASE = "/api/2.0/sql/warehouses";
  static final String PERMISSIONS = "/api/2.0/permissions/warehouses/";
  static final String SQL_ACCESS = "databricks-sql-access";
  static final String SP_SCIM = "/api/2.0/preview/scim/v2/ServicePrincipals/";
  /** Levels that include running queries. */
  static final Set<String> CAN_QUERY = Set.of("CAN_USE", "CAN_MANAGE", "IS_OWNER");

  /** The warehouse chosen in the builder: exactly one of id and name. */
  record Choice(String id, String name) {
    String describe() {
      return id != null ? "warehouse " + id : "warehouse named '" + name + "'";
    }
  }

  private Warehouses() {}

  /**
   * Finds the chosen warehouse; empty when it does not exist (or is deleted).
   *
   * @throws OnboardingException when several warehouses carry the chosen name
   */
  static Optional<WarehouseRef> find(DatabricksApi workspace, Choice choice) {
    if (choice.id() != null) {
      try {
        JsonNode wh = workspace.get(BASE + "/" + choice.id());
        return live(wh) ? Optional.of(ref(wh)) : Optional.empty();
      } catch (CasApiException e) {
        if (e.statusCode() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
          return Optional.empty();
        }
        throw e;
      }
    }
    List<WarehouseRef> named = new ArrayList<>();
    for (JsonNode wh : list(workspace)) {
      if (live(wh) && choice.name().equals(wh.path("name").asText())) {
        named.add(ref(wh));
      }
    }
    if (named.size() > 1) {
      throw new OnboardingException(
          named.size() + " SQL warehouses are named '" + choice.name() + "': " + named.stream().map(WarehouseRef::id).toList()
              + ". Refusing to pick one: choose it by id with warehouse(\"<id>\"). Nothing was written.");
    }
    return named.stream().findFirst();
  }

  /** Like {@link #find}, but a missing warehouse is an error naming the ones that exist. */
  static WarehouseRef require(DatabricksApi workspace, Choice choice) {
    return find(workspace, choice).orElseThrow(() -> {
      List<String> names = new ArrayList<>();
      for (JsonNode wh : list(workspace)) {
        if (live(wh)) {
          names.add(wh.path("name").asText() + " (" + wh.path("id").asText() + ")");
        }
      }
      return new OnboardingException(
          "SQL " + choice.describe() + " does not exist in this workspace; existing warehouses: " + names
              + ". Fix the id or name, or create the warehouse. Checked before any write.");
    });
  }

  private static List<JsonNode> list(DatabricksApi workspace) {
    List<JsonNode> out = new ArrayList<>();
    String pageToken = null;
    do {
      JsonNode page = workspace.get(BASE, pageToken == null ? Map.of() : Map.of("page_token", pageToken));
      page.path("warehouses").forEach(out::add);
      pageToken = page.path("next_page_token").asText("");
    } while (!pageToken.isEmpty());
    return out;
  }

  private static boolean live(JsonNode wh) {
    String state = wh.path("state").asText("");
    return !state.equals("DELETED") && !state.equals("DELETING");
  }

  private static WarehouseRef ref(JsonNode wh) {
    return new WarehouseRef(
        wh.path("id").asText(), wh.path("name").asText(), wh.path("warehouse_type").asText("TYPE_UNSPECIFIED"),
        wh.path("enable_serverless_compute").asBoolean(false), wh.path("state").asText("UNKNOWN"));
  }

  /** Returns the level {@code sp} holds on the warehouse (its own entry, direct or inherited), or empty. */
  static Optional<String> levelOf(JsonNode acl, ServicePrincipalRef sp) {
    for (JsonNode entry : acl.path("access_control_list")) {
      if (sp.applicationId().equalsIgnoreCase(entry.path("service_principal_name").asText())) {
        for (JsonNode p : entry.path("all_permissions")) {
          if (CAN_QUERY.contains(p.path("permission_level").asText())) {
            return Optional.of(p.path("permission_level").asText());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** True when {@code sp} holds the Databricks SQL entitlement directly; {@code usersHaveIt} covers the inherited case. */
  static boolean hasSqlAccess(DatabricksApi workspace, ServicePrincipalRef sp, boolean usersHaveIt) {
    if (usersHaveIt) {
      return true;
    }
    try {
      for (JsonNode e : workspace.get(SP_SCIM + sp.id()).path("entitlements")) {
        if (SQL_ACCESS.equals(e.path("value").asText())) {
          return true;
        }
      }
    } catch (CasApiException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
    return false;
  }

  /** True when the built-in {@code users} group grants the Databricks SQL entitlement to every member. */
  static boolean usersHaveSqlAccess(DatabricksApi workspace) {
    JsonNode groups = workspace.get("/api/2.0/preview/scim/v2/Groups", Map.of("filter", "displayName eq \"users\"", "attributes", "displayName,entitlements"));
    for (JsonNode g : groups.path("Resources")) {
      if ("users".equals(g.path("displayName").asText())) {
        for (JsonNode e : g.path("entitlements")) {
          if (SQL_ACCESS.equals(e.path("value").asText())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
