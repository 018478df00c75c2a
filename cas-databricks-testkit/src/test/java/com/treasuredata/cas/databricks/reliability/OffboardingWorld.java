package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.Snapshot;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.testkit.state.WarehousePermission;
import java.time.Duration;
import java.util.Map;

/**
 * A customer workspace before CAS is onboarded: IP access lists on with a corporate ALLOW list,
 * a SQL warehouse, and another integration's service principal with token usage, a token, a
 * warehouse entry and grants. {@link #beforeOnboarding} is its state before anything of ours.
 */
final class OffboardingWorld {

  static final String NAME = "TD-CAS-Service";
  static final String CATALOG = "cas_demo_east1";
  static final String LABEL = "TreasureData";

  final FakeDatabricks fake;
  final String warehouseId;
  final ServicePrincipal other;
  final Snapshot beforeOnboarding;

  OffboardingWorld(long seed) {
    fake = FakeDatabricks.builder().seed(seed).build();
    fake.workspace().setConf("enableIpAccessLists", "true");
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8", "10.20.0.0/16");
    warehouseId = fake.workspace().addWarehouse("cas-warehouse");
    other = fake.account().addServicePrincipal("other-integration");
    fake.workspace().assign(other.applicationId(), "USER");
    fake.workspace().grantTokenPermission(TokenPermission.servicePrincipal(other.applicationId(), "CAN_USE"));
    fake.workspace().issueToken(other.applicationId(), Duration.ofDays(30));
    fake.workspace().grantWarehousePermission(warehouseId, WarehousePermission.servicePrincipal(other.applicationId(), "CAN_USE"));
    admin("PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + CATALOG,
        "{\"changes\":[{\"principal\":\"" + other.applicationId() + "\",\"add\":[\"SELECT\",\"USE_CATALOG\"]}]}");
    beforeOnboarding = fake.snapshot();
  }

  /** The onboarding: account and workspace admin, token, grant, addresses and warehouse; in the fake's virtual time. */
  CasOnboardingBuilder onboarding() {
    Secret admin = fake.adminToken();
    return CasOnboarding.builder()
        .account(DatabricksTarget.pat(fake.accountHost().toString(), admin).withAccountId(fake.accountId()))
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), admin))
        .workspaceId(fake.workspaceId())
        .servicePrincipal(NAME)
        .token(Duration.ofDays(1))
        .grant(CatalogGrant.dataReader(CATALOG))
        .allowIps(LABEL, "203.0.113.10", "198.51.100.0/24")
        .warehouse(warehouseId)
        .retryPolicy(SeededWorkspace.retryPolicy())
        .clock(fake.clock().asClock())
        .sleeper(duration -> fake.clock().advance(duration))
        .transport(fake.transport());
  }

  /** The same onboarding with a workspace admin only (workspace SCIM; the account keeps identities it cannot delete). */
  CasOnboardingBuilder onboardingWithoutAccount() {
    Secret admin = fake.adminToken();
    return CasOnboarding.builder()
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), admin))
        .servicePrincipal(NAME)
        .token(Duration.ofDays(1))
        .grant(CatalogGrant.dataReader(CATALOG))
        .allowIps(LABEL, "203.0.113.10", "198.51.100.0/24")
        .warehouse(warehouseId)
        .retryPolicy(SeededWorkspace.retryPolicy())
        .clock(fake.clock().asClock())
        .sleeper(duration -> fake.clock().advance(duration))
        .transport(fake.transport());
  }

  /** Sends an admin request straight to the fake and expects a 2xx. */
  void admin(String method, String path, String body) {
    FakeResponse response = fake.handle(new FakeRequest(method, path, null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"), body, "127.0.0.1",
        (path.startsWith("/api/2.0/accounts/") ? fake.accountHost() : fake.workspaceHost()).toString()));
    assertThat(response.status()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
  }
}
