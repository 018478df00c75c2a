package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** End to end: {@link CasOnboarding#verify()} on a healthy connection and on each kind of drift, made in the fake. */
class HealthCheckEndToEndTest {

  private static final String NAME = "TD-CAS-Service";
  private static final String CATALOG = "cas_demo_east1";
  private static final String LABEL = "TreasureData";

  private FakeDatabricks fake;
  private String warehouseId;
  private CasOnboarding onboarding;
  private OnboardingResult onboarded;
  private Secret token;

  @BeforeEach
  void onboarded() {
    fake = FakeDatabricks.create();
    fake.workspace().setConf("enableIpAccessLists", "true");
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8");
    warehouseId = fake.workspace().addWarehouse("cas-warehouse");
    onboarding =
        FakeOnboarding.against(fake).servicePrincipal(NAME).token(Duration.ofDays(30)).grant(CatalogGrant.dataReader(CATALOG))
            .allowIps(LABEL, "203.0.113.10", "198.51.100.0/24").warehouse(warehouseId).build();
    onboarded = onboarding.apply();
    token = onboarded.token().orElseThrow();
  }

  /** One kind of drift: how it is made, and which item must say so. */
  enum Drift {
    SP_DEACTIVATED(Steps.SERVICE_PRINCIPAL, HealthStatus.DRIFT, "reactivate", t -> t.fake.account().setActive(t.appId(), false)),
    REMOVED_FROM_WORKSPACE(Steps.WORKSPACE_MEMBERSHIP, HealthStatus.MISSING, "assigns USER",
        t -> t.admin("DELETE", "/api/2.0/accounts/" + t.fake.accountId() + "/workspaces/" + t.fake.workspaceId()
            + "/permissionassignments/principals/" + t.onboarded.servicePrincipalId(), "")),
    ENTITLEMENT_REMOVED("sql-entitlement", HealthStatus.DRIFT, "adds the entitlement",
        t -> t.fake.workspace().setUsersEntitlement("databricks-sql-access", false)),
    TOKEN_USAGE_REMOVED(Steps.TOKEN_USAGE, HealthStatus.MISSING, "adds CAN_USE",
        t -> t.admin("PUT", "/api/2.0/permissions/authorization/tokens",
            "{\"access_control_list\":[{\"group_name\":\"admins\",\"permission_level\":\"CAN_MANAGE\"}]}")),
    TOKEN_REVOKED(Steps.OBO_TOKEN, HealthStatus.MISSING, "rotateToken()",
        t -> t.admin("DELETE", "/api/2.0/token-management/tokens/" + t.onboarded.tokenDetails().orElseThrow().id(), "")),
    TOKEN_EXPIRING(Steps.OBO_TOKEN, HealthStatus.EXPIRING, "rotate before it expires", t -> t.fake.clock().advance(Duration.ofDays(25))),
    PRIVILEGE_REVOKED(Steps.CATALOG_GRANT_PREFIX + CATALOG, HealthStatus.DRIFT, "adds [SELECT]",
        t -> t.admin("PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + CATALOG,
            "{\"changes\":[{\"principal\":\"" + t.appId() + "\",\"remove\":[\"SELECT\"]}]}")),
    WAREHOUSE_CAN_USE_REMOVED(Steps.WAREHOUSE_ACCESS, HealthStatus.DRIFT, "grants CAN_USE",
        t -> t.fake.workspace().revokeWarehousePermission(t.warehouseId, PrincipalType.SERVICE_PRINCIPAL, t.appId())),
    WAREHOUSE_DELETED(Steps.WAREHOUSE_ACCESS, HealthStatus.MISSING, "new HTTP path", t -> t.fake.workspace().setWarehouseState(t.warehouseId, "DELETED")),
    ADDRESS_REMOVED(Steps.IP_ACCESS_LIST, HealthStatus.DRIFT, "adds the missing addresses",
        t -> t.admin("PATCH", "/api/2.0/ip-access-lists/" + t.ourList().listId(), "{\"ip_addresses\":[\"203.0.113.10\"]}")),
    ADDRESS_BLOCKED(Steps.IP_ACCESS_LIST, HealthStatus.DRIFT, "BLOCK list", t -> t.fake.workspace().addIpAccessList("bad-actors", "BLOCK", "203.0.113.0/28"));

    final String check;
    final HealthStatus status;
    final String fix;
    final Consumer<HealthCheckEndToEndTest> make;

    Drift(String check, HealthStatus status, String fix, Consumer<HealthCheckEndToEndTest> make) {
      this.check = check;
      this.status = status;
      this.fix = fix;
      this.make = make;
    }
  }

  String appId() {
    return onboarded.applicationId();
  }

  IpAccessList ourList() {
    return fake.workspace().ipAccessLists().stream().filter(l -> l.label().equals(LABEL)).findFirst().orElseThrow();
  }

  void admin(String method, String path, String body) {
    FakeResponse response = fake.handle(new FakeRequest(method, path, null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"), body, "127.0.0.1",
        (path.startsWith("/api/2.0/accounts/") ? fake.accountHost() : fake.workspaceHost()).toString()));
    assertThat(response.status()).as("%s %s", method, path).isBetween(200, 299);
  }

  @Test
  void aHealthyConnectionIsOkOnEveryItemAndTheCheckOnlyReads() {
    // given
    long mark = fake.journal().mark();

    // when
    HealthReport report = onboarding.verify();

    // then
    assertThat(report.items()).extracting(HealthItem::check).containsExactly(
        Steps.SERVICE_PRINCIPAL, Steps.WORKSPACE_MEMBERSHIP, Steps.TOKEN_USAGE, Steps.OBO_TOKEN, Steps.CATALOG_GRANT_PREFIX + CATALOG,
        Steps.WAREHOUSE_ACCESS, "sql-entitlement", Steps.IP_ACCESS_LIST);
    assertThat(report.items()).allSatisfy(i -> assertThat(i.status()).as(i.toString()).isEqualTo(HealthStatus.OK));
    assertThat(report.isHealthy()).isTrue();
    assertThat(report.needsAttention()).isFalse();
    assertThat(report.item(Steps.OBO_TOKEN).orElseThrow().detail()).contains("(30 days left)");
    assertThat(fake.journal().since(mark)).noneMatch(JournalEntry::write);
    assertThat(report.requestCount()).isPositive().isEqualTo(fake.journal().since(mark).size());
    assertThat(report.toJson()).contains("\"healthy\":true");
  }

  @ParameterizedTest
  @EnumSource(Drift.class)
  void eachKindOfDriftIsFlaggedOnItsItemWithTheFix(Drift drift) {
    // given
    drift.make.accept(this);

    // when
    HealthReport report = onboarding.verify();

    // then
    HealthItem item = report.item(drift.check).orElseThrow();
    assertThat(item.status()).as(report.toString()).isEqualTo(drift.status);
    assertThat(item.fix()).contains(drift.fix);
    assertThat(report.isHealthy()).isEqualTo(drift.status == HealthStatus.EXPIRING);
    assertThat(report.needsAttention()).isTrue();
    assertThat(report.toString()).contains(drift.status + " ").contains(drift.check + ": ");
    assertThat(report.toJson()).contains("\"status\":\"" + drift.status + "\"");
  }

  @Test
  void theDeepModeRunsTheStatementAsTheServicePrincipal() {
    // given
    long mark = fake.journal().mark();

    // when
    HealthReport report = onboarding.verify(token);

    // then
    HealthItem query = report.item("query").orElseThrow();
    assertThat(query.status()).as(report.toString()).isEqualTo(HealthStatus.OK);
    assertThat(query.detail()).contains("ran `SHOW SCHEMAS IN `" + CATALOG + "`` as the service principal").contains("1 row(s) [default]");
    assertThat(fake.journal().since(mark).stream().filter(JournalEntry::write))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.method() + " " + e.path()).isEqualTo("POST /api/2.0/sql/statements");
          assertThat(e.principal()).isEqualTo(appId());
        });
    assertThat(token.occursIn(report.toString() + report.toJson())).isFalse();
  }

  @Test
  void theDeepModeReportsAMissingGrantsPermissionErrorVerbatim() {
    // given
    admin("PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + CATALOG, "{\"changes\":[{\"principal\":\"" + appId() + "\",\"remove\":[\"USE_CATALOG\",\"BROWSE\"]}]}");

    // when
    HealthReport report = onboarding.verify(token);

    // then
    HealthItem query = report.item("query").orElseThrow();
    assertThat(query.status()).isEqualTo(HealthStatus.DRIFT);
    assertThat(query.detail()).endsWith(
        "FAILED: [INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have USE CATALOG on Catalog '" + CATALOG + "'. SQLSTATE: 42501");
    assertThat(query.fix()).contains("grant the missing privilege");
    assertThat(report.isHealthy()).isFalse();
  }

  @Test
  void theDeepModeReportsAWarehouseRefusalVerbatim() {
    // given
    fake.workspace().revokeWarehousePermission(warehouseId, PrincipalType.SERVICE_PRINCIPAL, appId());

    // when
    HealthReport report = onboarding.verify(token);

    // then
    HealthItem query = report.item("query").orElseThrow();
    assertThat(query.status()).isEqualTo(HealthStatus.DRIFT);
    assertThat(query.detail()).contains("User does not have permission to use warehouse " + warehouseId + ".");
    assertThat(query.fix()).contains("CAN_USE");
  }

  @Test
  void aRevokedCredentialIsMissingInTheDeepMode() {
    // given
    admin("DELETE", "/api/2.0/token-management/tokens/" + onboarded.tokenDetails().orElseThrow().id(), "");

    // when
    HealthReport report = onboarding.verify(token);

    // then
    assertThat(report.item(Steps.OBO_TOKEN).orElseThrow().status()).isEqualTo(HealthStatus.MISSING);
    assertThat(report.item(Steps.OBO_TOKEN).orElseThrow().detail()).contains("refused");
    assertThat(token.occursIn(report.toString() + report.toJson())).isFalse();
  }
}
