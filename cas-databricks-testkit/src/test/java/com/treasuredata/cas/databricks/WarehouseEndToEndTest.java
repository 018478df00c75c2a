package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.WarehousePermission;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End to end: the warehouse step against the testkit's fake, in-process. */
class WarehouseEndToEndTest {

  private static final String NAME = "TD-CAS-Service";
  private static final String CATALOG = "cas_demo_east1";

  private FakeDatabricks fake;
  private String warehouseId;
  private ServicePrincipal bi;

  @BeforeEach
  void newFake() {
    fake = FakeDatabricks.create();
    warehouseId = fake.workspace().addWarehouse("cas-warehouse", "PRO", true, "STOPPED");
    bi = fake.account().addServicePrincipal("bi-tool");
    fake.workspace().assign(bi.applicationId(), "USER");
    fake.workspace().grantWarehousePermission(warehouseId, WarehousePermission.servicePrincipal(bi.applicationId(), "CAN_MONITOR"));
  }

  private CasOnboardingBuilder onboarding() {
    return FakeOnboarding.against(fake).servicePrincipal(NAME).token(Duration.ofDays(1)).grant(CatalogGrant.dataReader(CATALOG));
  }

  private List<JournalEntry> writesSince(long mark) {
    return fake.journal().since(mark).stream().filter(JournalEntry::write).collect(Collectors.toList());
  }

  @Test
  void freshOnboardingGrantsCanUseAddOnlyAndTheReRunWritesNothing() {
    // when
    OnboardingResult result = onboarding().warehouse(warehouseId).build().apply();

    // then
    String appId = result.applicationId();
    assertThat(fake.workspace().warehouse(warehouseId).levelOf(appId)).isEqualTo("CAN_USE");
    assertThat(fake.workspace().warehouse(warehouseId).levelOf(bi.applicationId())).as("another principal's entry").isEqualTo("CAN_MONITOR");
    assertThat(fake.workspace().warehouse(warehouseId).levelOf(fake.adminUserName())).as("the owner").isEqualTo("IS_OWNER");
    assertThat(fake.journal().since(0).stream().filter(e -> e.path().startsWith("/api/2.0/permissions/warehouses")))
        .as("warehouse ACL requests").noneMatch(e -> e.method().equals("PUT"));
    assertThat(result.step(Steps.WAREHOUSE_ACCESS).orElseThrow().toString()).contains("CAN_USE");

    // when: run again
    long mark = fake.journal().mark();
    OnboardingResult again = onboarding().warehouse(warehouseId).build().apply();

    // then
    assertThat(writesSince(mark)).as("writes of the re-run").isEmpty();
    assertThat(again.writeCount()).isZero();
  }

  @Test
  void thePlanSaysTheWarehouseTypeAndState() {
    // when
    OnboardingPlan plan = onboarding().warehouseNamed("cas-warehouse").build().plan();

    // then
    PlannedStep step = plan.steps().stream().filter(s -> s.step().equals(Steps.WAREHOUSE_ACCESS)).findFirst().orElseThrow();
    assertThat(step.reason()).contains("'cas-warehouse' (" + warehouseId + ", PRO serverless, STOPPED)").contains("grant CAN_USE");
    assertThat(step.action()).isEqualTo(PlannedAction.UPDATE);
  }

  @Test
  void anAmbiguousNameIsRefusedBeforeAnyWrite() {
    // given
    String twin = fake.workspace().addWarehouse("cas-warehouse");
    long mark = fake.journal().mark();

    // when / then
    assertThatThrownBy(() -> onboarding().warehouseNamed("cas-warehouse").build().apply())
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("2 SQL warehouses are named 'cas-warehouse'")
        .hasMessageContaining(twin)
        .hasMessageContaining("warehouse(\"<id>\")");
    assertThat(writesSince(mark)).isEmpty();
  }

  @Test
  void aMissingWarehouseIsRefusedBeforeAnyWrite() {
    // given
    long mark = fake.journal().mark();

    // when / then
    assertThatThrownBy(() -> onboarding().warehouse("0123456789abcdef").build().apply())
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("warehouse 0123456789abcdef does not exist")
        .hasMessageContaining("cas-warehouse (" + warehouseId + ")");
    assertThat(writesSince(mark)).isEmpty();
  }

  @Test
  void theSqlEntitlementIsAddedOnlyWhenTheUsersGroupLacksIt() {
    // given
    fake.workspace().setUsersEntitlement("databricks-sql-access", false);

    // when
    OnboardingResult result = onboarding().warehouse(warehouseId).build().apply();

    // then
    assertThat(fake.account().entitlements(result.applicationId())).containsExactly("databricks-sql-access");
    long mark = fake.journal().mark();
    onboarding().warehouse(warehouseId).build().apply();
    assertThat(writesSince(mark)).isEmpty();
  }

  @Test
  void anExistingHigherLevelIsNeverLowered() {
    // given
    OnboardingResult first = onboarding().warehouse(warehouseId).build().apply();
    fake.workspace().grantWarehousePermission(warehouseId, WarehousePermission.servicePrincipal(first.applicationId(), "CAN_MANAGE"));
    long mark = fake.journal().mark();

    // when
    onboarding().warehouse(warehouseId).build().apply();

    // then
    assertThat(fake.workspace().warehouse(warehouseId).levelOf(first.applicationId())).isEqualTo("CAN_MANAGE");
    assertThat(writesSince(mark).stream().map(JournalEntry::path)).noneMatch(p -> p.contains("warehouses"));
  }

  @Test
  void bothWaysOfChoosingExcludeEachOther() {
    assertThatThrownBy(() -> onboarding().warehouse(warehouseId).warehouseNamed("cas-warehouse").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> onboarding().warehouse("not an id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warehouse id 'not an id' is invalid");
  }

  @Test
  void aFreshOnboardingReturnsTheConnectionDetailsCasNeedsWithoutPrintingTheToken() {
    // when
    OnboardingResult result = onboarding().warehouse(warehouseId).build().apply();

    // then
    ConnectionDetails c = result.connectionDetails().orElseThrow();
    Secret token = result.token().orElseThrow();
    assertThat(c.serverHostname()).isEqualTo(fake.workspaceHost().getHost());
    assertThat(c.httpPath()).isEqualTo("/sql/1.0/warehouses/" + warehouseId);
    assertThat(c.port()).isEqualTo(443);
    assertThat(c.catalog()).contains(CATALOG);
    assertThat(c.applicationId()).isEqualTo(result.applicationId());
    assertThat(c.credential()).contains(token);
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:databricks://" + c.serverHostname() + ":443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=/sql/1.0/warehouses/"
        + warehouseId + ";UID=token;PWD=<personal-access-token>");
    assertThat(c.jdbcUrlWithCredential().orElseThrow().reveal()).endsWith("PWD=" + token.reveal());
    assertThat(c.jdbcUrlOAuthM2M()).contains("AuthMech=11;Auth_Flow=1;").contains("OAuth2ClientId=" + result.applicationId());
    assertThat(token.occursIn(c.toString())).as("the printed details").isFalse();
    assertThat(token.occursIn(c.toJson())).as("the JSON").isFalse();
    assertThat(token.occursIn(result.toString() + result.toJson())).as("the result").isFalse();
    assertThat(c.toString()).contains("Server hostname: ").contains("HTTP path:       /sql/1.0/warehouses/" + warehouseId);
    assertThat(c.toJson(true)).contains("\"credential\":\"" + token.reveal() + "\"");
    assertThat(result.toJson()).contains("\"httpPath\":\"/sql/1.0/warehouses/" + warehouseId + "\"");
  }

  @Test
  void aReRunReportsTheDetailsWithoutACredentialItCannotReadBack() {
    // given
    onboarding().warehouse(warehouseId).build().apply();

    // when
    OnboardingResult again = onboarding().warehouse(warehouseId).build().apply();

    // then
    ConnectionDetails c = again.connectionDetails().orElseThrow();
    assertThat(c.credential()).isEmpty();
    assertThat(c.jdbcUrlWithCredential()).isEmpty();
    assertThat(c.toString()).contains("Credential:      unavailable");
    assertThat(onboarding().build().apply().connectionDetails()).as("without a warehouse").isEmpty();
  }
}
