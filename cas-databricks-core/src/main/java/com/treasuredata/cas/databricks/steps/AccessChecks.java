package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.HealthItem;
import com.treasuredata.cas.databricks.HealthStatus;
import com.treasuredata.cas.databricks.IpAddressRange;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.Privilege;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.WarehouseRef;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The health checks of the data side: grants, the warehouse, the SQL entitlement, addresses and the deep query. */
final class AccessChecks {

  static final String QUERY = "query";
  static final String SQL_ENTITLEMENT = "sql-entitlement";

  private AccessChecks() {}

  /** The service principal still holds the grant's privileges on the catalog. */
  static final class GrantCheck extends HealthChecks {
    private final CatalogGrant grant;

    GrantCheck(CatalogGrant grant) {
      super(Steps.CATALOG_GRANT_PREFIX + grant.catalog(), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
      this.grant = grant;
    }

    @Override
    HealthItem check(StepContext ctx) {
      Optional<ServicePrincipalRef> sp = sp(ctx);
      if (sp.isEmpty()) {
        return noServicePrincipal();
      }
      try {
        ctx.workspace().get("/api/2.1/unity-catalog/catalogs/" + grant.catalog());
      } catch (CasApiException e) {
        if (e.statusCode() == 404) {
          return item(HealthStatus.MISSING, "catalog " + grant.catalog() + " does not exist any more", "restore the catalog, or grant another one and tell CAS");
        }
        throw e;
      }
      Set<String> held = new HashSet<>();
      JsonNode current = ctx.workspace().get("/api/2.1/unity-catalog/permissions/catalog/" + grant.catalog(), Map.of("principal", sp.get().applicationId()));
      for (JsonNode a : current.path("privilege_assignments")) {
        if (sp.get().applicationId().equalsIgnoreCase(a.path("principal").asText())) {
          a.path("privileges").forEach(p -> held.add(p.isTextual() ? p.asText() : p.path("privilege").asText()));
        }
      }
      Set<String> missing = new TreeSet<>();
      for (Privilege p : grant.privileges()) {
        if (!held.contains(p.name()) && !held.contains(Privilege.ALL_PRIVILEGES.name())) {
          missing.add(p.name());
        }
      }
      if (missing.isEmpty()) {
        return ok("holds " + new TreeSet<>(held) + " on catalog " + grant.catalog());
      }
      String fix = "run the onboarding again (an add-only PATCH adds " + missing + ")";
      return held.isEmpty()
          ? item(HealthStatus.MISSING, "no privileges on catalog " + grant.catalog(), fix)
          : item(HealthStatus.DRIFT, "missing " + missing + " on catalog " + grant.catalog(), fix);
    }
  }

  /** The warehouse exists and the service principal holds CAN_USE (or more) on it. */
  static final class WarehouseCheck extends HealthChecks {
    private final Warehouses.Choice choice;

    WarehouseCheck(Warehouses.Choice choice) {
      super(Steps.WAREHOUSE_ACCESS, Set.of(Steps.SERVICE_PRINCIPAL), List.of());
      this.choice = choice;
    }

    @Override
    HealthItem check(StepContext ctx) {
      Optional<WarehouseRef> wh = Warehouses.find(ctx.workspace(), choice);
      if (wh.isEmpty()) {
        return item(HealthStatus.MISSING, "SQL " + choice.describe() + " does not exist (deleted?)",
            "choose an existing warehouse with warehouse(id), run the onboarding again and give CAS the new HTTP path");
      }
      ctx.publish(RunKey.WAREHOUSE, wh.get());
      Optional<ServicePrincipalRef> sp = sp(ctx);
      if (sp.isEmpty()) {
        return noServicePrincipal();
      }
      Optional<String> level = Warehouses.levelOf(ctx.workspace().get(Warehouses.PERMISSIONS + wh.get().id()), sp.get());
      if (level.isEmpty()) {
        return item(HealthStatus.DRIFT, "no CAN_USE on warehouse " + wh.get().describe(), "run the onboarding again (an add-only PATCH grants CAN_USE)");
      }
      return ok("holds " + level.get() + " on warehouse " + wh.get().describe());
    }
  }

  /** The service principal has the Databricks SQL entitlement, directly or through {@code users}. */
  static final class EntitlementCheck extends HealthChecks {
    EntitlementCheck() {
      super(SQL_ENTITLEMENT, Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    }

    @Override
    HealthItem check(StepContext ctx) {
      Optional<ServicePrincipalRef> sp = sp(ctx);
      if (sp.isEmpty()) {
        return noServicePrincipal();
      }
      boolean users = Warehouses.usersHaveSqlAccess(ctx.workspace());
      if (Warehouses.hasSqlAccess(ctx.workspace(), sp.get(), users)) {
        return ok("has databricks-sql-access" + (users ? " through the users group" : " directly"));
      }
      return item(HealthStatus.DRIFT, "lacks the databricks-sql-access entitlement: SQL warehouses refuse it",
          "run the onboarding again (an add-only SCIM PATCH adds the entitlement)");
    }
  }

  /** Treasure Data's addresses are in the ALLOW list and in no BLOCK list. */
  static final class AddressCheck extends HealthChecks {
    private final IpAllowList list;

    AddressCheck(IpAllowList list) {
      super(Steps.IP_ACCESS_LIST, Set.of(), List.of(SharedReads.WORKSPACE_CONF, SharedReads.IP_ACCESS_LISTS));
      this.list = list;
    }

    @Override
    HealthItem check(StepContext ctx) {
      String enabled = ctx.read(SharedReads.WORKSPACE_CONF).get("enableIpAccessLists");
      if (!"true".equalsIgnoreCase(enabled)) {
        return ok("IP access lists are disabled: every address can connect");
      }
      JsonNode ours = null;
      List<String> blocked = new ArrayList<>();
      for (JsonNode l : ctx.read(SharedReads.IP_ACCESS_LISTS)) {
        if ("ALLOW".equals(l.path("list_type").asText()) && ours == null && list.label().equals(l.path("label").asText())) {
          ours = l;
        }
        if ("BLOCK".equals(l.path("list_type").asText()) && l.path("enabled").asBoolean(true)) {
          for (IpAddressRange a : list.addresses()) {
            for (JsonNode b : l.path("ip_addresses")) {
              if (Cidr.overlap(a.value(), b.asText())) {
                blocked.add(a.value() + " by BLOCK list '" + l.path("label").asText() + "' (" + b.asText() + ")");
              }
            }
          }
        }
      }
      String fix = "run the onboarding again (it adds the missing addresses)";
      if (ours == null) {
        return item(HealthStatus.MISSING, "no ALLOW list '" + list.label() + "': Treasure Data's addresses are refused", fix);
      }
      if (!ours.path("enabled").asBoolean(true)) {
        return item(HealthStatus.DRIFT, "ALLOW list '" + list.label() + "' is disabled", "enable it again (PATCH enabled=true)");
      }
      Set<String> have = new HashSet<>();
      ours.path("ip_addresses").forEach(a -> have.add(IpAddressRange.canonical(a.asText())));
      List<String> missing = list.addresses().stream().filter(a -> !have.contains(a.canonical())).map(IpAddressRange::value).toList();
      if (!missing.isEmpty()) {
        return item(HealthStatus.DRIFT, "ALLOW list '" + list.label() + "' lacks " + missing, fix);
      }
      if (!blocked.isEmpty()) {
        return item(HealthStatus.DRIFT, "blocked: " + blocked, "remove Treasure Data's addresses from the BLOCK list(s)");
      }
      return ok("ALLOW list '" + list.label() + "' holds all " + list.addresses().size() + " addresses; none is blocked");
    }
  }

  /** Deep mode: as the service principal, with its own credential, runs a statement on the warehouse. */
  static final class QueryCheck extends HealthChecks {
    private final Secret credential;
    private final Optional<String> catalog;

    QueryCheck(Secret credential, Optional<String> catalog) {
      super(QUERY, Set.of(Steps.WAREHOUSE_ACCESS), List.of());
      this.credential = credential;
      this.catalog = catalog;
    }

    private String statement() {
      return catalog.map(c -> "SHOW SCHEMAS IN `" + c + "`").orElse("SELECT 1");
    }

    @Override
    HealthItem check(StepContext ctx) {
      return ctx.output(RunKey.WAREHOUSE).isPresent() ? null : item(HealthStatus.MISSING, "not run: the warehouse does not exist", "see the warehouse item");
    }

    @Override
    HealthItem deep(StepContext ctx, Deep deep) {
      WarehouseRef wh = ctx.require(RunKey.WAREHOUSE);
      ObjectNode body = Json.object();
      body.put("warehouse_id", wh.id()).put("statement", statement()).put("wait_timeout", "50s").put("on_wait_timeout", "CONTINUE");
      String ran = "ran `" + statement() + "` as the service principal on warehouse " + wh.describe();
      JsonNode response;
      try {
        response = ctx.workspaceAs(credential).send(Write.post("/api/2.0/sql/statements", body));
      } catch (CasApiException e) {
        return item(HealthStatus.DRIFT, "refused: " + e.getMessage(), fixFor(e.getMessage()));
      }
      String state = response.path("status").path("state").asText();
      if (state.equals("PENDING") || state.equals("RUNNING")) {
        response = ctx.workspaceAs(credential).get("/api/2.0/sql/statements/" + response.path("statement_id").asText());
        state = response.path("status").path("state").asText();
      }
      if (state.equals("SUCCEEDED")) {
        List<String> rows = new ArrayList<>();
        response.path("result").path("data_array").forEach(r -> rows.add(r.path(0).asText()));
        return ok(ran + ": " + response.path("manifest").path("total_row_count").asLong(rows.size()) + " row(s) " + rows);
      }
      if (state.equals("FAILED")) {
        String message = response.path("status").path("error").path("message").asText("(no message)");
        return item(HealthStatus.DRIFT, ran + ": FAILED: " + message, fixFor(message));
      }
      return item(HealthStatus.DRIFT, ran + ": still " + state + " after 50 s (the warehouse may be starting)", "check again in a few minutes");
    }

    private static String fixFor(String message) {
      if (message.contains("INSUFFICIENT_PERMISSIONS") || message.contains("does not have USE") || message.contains("does not have SELECT")) {
        return "grant the missing privilege: run the onboarding again (add-only), or GRANT it in Catalog Explorer";
      }
      if (message.contains("permission to use warehouse")) {
        return "grant CAN_USE on the warehouse: run the onboarding again";
      }
      if (message.contains("entitlement")) {
        return "add the databricks-sql-access entitlement: run the onboarding again";
      }
      return "fix the cause the server names, then check again";
    }
  }

  /** IPv4 CIDR overlap, for the blocked-address check. */
  static final class Cidr {
    private Cidr() {}

    static boolean overlap(String a, String b) {
      long[] x = range(a);
      long[] y = range(b);
      return x != null && y != null && x[0] <= y[1] && y[0] <= x[1];
    }

    private static long[] range(String cidr) {
      try {
        int slash = cidr.indexOf('/');
        String[] parts = (slash < 0 ? cidr : cidr.substring(0, slash)).trim().split("\\.");
        if (parts.length != 4) {
          return null;
        }
        long ip = 0;
        for (String p : parts) {
          ip = (ip << 8) | Integer.parseInt(p);
        }
        int prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1).trim());
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new long[] {ip & mask, (ip & mask) | (~mask & 0xFFFFFFFFL)};
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
