package com.treasuredata.cas.databricks.testkit.assertions;

import static com.treasuredata.cas.databricks.testkit.assertions.FakeDatabricksAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A passing and a failing example for every assertion. */
class FakeDatabricksAssertionsTest {

  private final FakeDatabricks fake = FakeDatabricks.create();

  @AfterEach
  void close() {
    fake.close();
  }

  private FakeResponse send(String method, String path, String body) {
    return fake.handle(new FakeRequest(method, path, null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"), body,
        "127.0.0.1", fake.workspaceHost().toString()));
  }

  private String onboardedPrincipal() {
    String applicationId = fake.account().addServicePrincipal("TreasureData CAS").applicationId();
    fake.workspace().assign(applicationId, "USER");
    fake.workspace().grantTokenPermission(TokenPermission.servicePrincipal(applicationId, "CAN_USE"));
    return applicationId;
  }

  @Test
  void hasServicePrincipalNamedPassesForOneAndFailsForNone() {
    // given
    onboardedPrincipal();

    // when / then
    assertThatCode(() -> assertThat(fake).hasServicePrincipalNamed("TreasureData CAS").isActive())
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).hasServicePrincipalNamed("Someone Else"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the account to have a service principal named \"Someone Else\" but its "
            + "service principals were named [TreasureData CAS]");
  }

  @Test
  void hasServicePrincipalNamedFailsForADuplicate() {
    // given
    fake.account().addServicePrincipal("TreasureData CAS");
    fake.account().addServicePrincipal("TreasureData CAS");

    // when / then
    assertThatThrownBy(() -> assertThat(fake).hasServicePrincipalNamed("TreasureData CAS"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the account to have one service principal named \"TreasureData CAS\" but "
            + "was 2 of them");
  }

  @Test
  void hasNoServicePrincipalNamedPassesForNoneAndFailsForOne() {
    // given
    String applicationId = onboardedPrincipal();

    // when / then
    assertThatCode(() -> assertThat(fake).hasNoServicePrincipalNamed("Other")).doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).hasNoServicePrincipalNamed("TreasureData CAS"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but was 1, with applicationIds [" + applicationId + "]");
  }

  @Test
  void withTokenUsagePassesWithCanUseAndFailsWithout() {
    // given
    onboardedPrincipal();
    fake.account().addServicePrincipal("No Tokens");

    // when / then
    assertThatCode(() -> assertThat(fake).hasServicePrincipalNamed("TreasureData CAS").withTokenUsage())
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).hasServicePrincipalNamed("No Tokens").withTokenUsage())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting service principal \"No Tokens\"")
        .hasMessageContaining("to hold CAN_USE on tokens in workspace " + fake.workspaceId() + " but the token ACL was [admins CAN_MANAGE");
  }

  @Test
  void withoutTokenUsagePassesWithoutAndFailsWithCanUse() {
    // given
    onboardedPrincipal();
    fake.account().addServicePrincipal("No Tokens");

    // when / then
    assertThatCode(() -> assertThat(fake).hasServicePrincipalNamed("No Tokens").withoutTokenUsage())
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).hasServicePrincipalNamed("TreasureData CAS").withoutTokenUsage())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to hold no token permission");
  }

  @Test
  void isAssignedToWorkspacePassesWhenAssignedAndFailsWhenNot() {
    // given
    onboardedPrincipal();
    fake.account().addServicePrincipal("Unassigned");

    // when / then
    assertThatCode(() -> assertThat(fake).hasServicePrincipalNamed("TreasureData CAS").isAssignedToWorkspace())
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).hasServicePrincipalNamed("Unassigned").isAssignedToWorkspace())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting service principal \"Unassigned\"")
        .hasMessageContaining("to be assigned to workspace " + fake.workspaceId() + " but the assigned principals were "
            + "[TreasureData CAS [USER]]");
  }

  @Test
  void hasUnexpiredTokenFollowsTheFakeClock() {
    // given
    String applicationId = onboardedPrincipal();
    String token = fake.workspace().issueToken(applicationId, Duration.ofDays(1)).reveal();

    // when / then
    assertThatCode(() -> assertThat(fake).hasServicePrincipalNamed("TreasureData CAS").hasUnexpiredToken())
        .doesNotThrowAnyException();
    fake.clock().advance(Duration.ofDays(2));
    assertThatThrownBy(() -> assertThat(fake).hasServicePrincipalNamed("TreasureData CAS").hasUnexpiredToken())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to own an unexpired token")
        .hasMessageContaining("but was 1 token(s)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).doesNotContain(fake.adminToken().reveal()));
  }

  @Test
  void catalogGrantsExactlyPassesForTheSameSetAndFailsForMore() {
    // given
    String applicationId = onboardedPrincipal();
    FakeResponse patched = send("PATCH", "/api/2.1/unity-catalog/permissions/catalog/cas_demo_east1",
        "{\"changes\":[{\"principal\":\"" + applicationId + "\",\"add\":[\"USE_CATALOG\",\"USE_SCHEMA\",\"SELECT\"]}]}");

    // when / then
    assertThat(patched.status()).isEqualTo(200);
    assertThatCode(() -> assertThat(fake).catalog("cas_demo_east1")
        .grantsExactly(applicationId, "SELECT", "USE_CATALOG", "USE_SCHEMA")
        .grants(applicationId, "SELECT"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).catalog("cas_demo_east1").grantsExactly(applicationId, "USE_CATALOG"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting catalog cas_demo_east1 to grant " + applicationId
            + " exactly [USE_CATALOG] but was [SELECT, USE_CATALOG, USE_SCHEMA]");
  }

  @Test
  void catalogGrantsFailsNamingTheMissingPrivilege() {
    // given
    String applicationId = onboardedPrincipal();

    // when / then
    assertThatThrownBy(() -> assertThat(fake).catalog("cas_demo_east1").grants(applicationId, "SELECT"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but was nothing (missing [SELECT])");
  }

  @Test
  void catalogGrantsNothingToPassesForAStrangerAndFailsForAGrantee() {
    // given
    String applicationId = onboardedPrincipal();
    send("PATCH", "/api/2.1/unity-catalog/permissions/catalog/cas_demo_east1",
        "{\"changes\":[{\"principal\":\"" + applicationId + "\",\"add\":[\"USE_CATALOG\"]}]}");

    // when / then
    assertThatCode(() -> assertThat(fake).catalog("cas_demo_east1").grantsNothingTo("account users"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).catalog("cas_demo_east1").grantsNothingTo(applicationId))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to grant " + applicationId + " nothing but was [USE_CATALOG]");
  }

  @Test
  void catalogFailsForAMissingCatalog() {
    assertThatThrownBy(() -> assertThat(fake).catalog("nope"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting workspace " + fake.workspaceId() + " to have catalog \"nope\" but its catalogs "
            + "were [cas_demo_east1]");
  }

  @Test
  void hasAllowListContainingPassesForASubsetAndFailsForAMissingAddress() {
    // given
    fake.workspace().addIpAccessList("TreasureData", "ALLOW", "203.0.113.10", "203.0.113.11", "203.0.113.12");

    // when / then
    assertThatCode(() -> assertThat(fake).hasAllowListContaining("TreasureData", "203.0.113.10", "203.0.113.11"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).hasAllowListContaining("TreasureData", "198.51.100.1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting ALLOW list \"TreasureData\" of workspace " + fake.workspaceId()
            + " to contain [198.51.100.1] but was [203.0.113.10, 203.0.113.11, 203.0.113.12] (missing [198.51.100.1])");
  }

  @Test
  void hasAllowListContainingFailsWithoutSuchAList() {
    // given
    fake.workspace().addIpAccessList("Office", "BLOCK", "198.51.100.0/24");

    // when / then
    assertThatThrownBy(() -> assertThat(fake).hasAllowListContaining("TreasureData", "203.0.113.10"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have an ALLOW list labelled \"TreasureData\" but its lists were [BLOCK \"Office\" "
            + "[198.51.100.0/24]]");
  }

  @Test
  void hasConfPassesForTheValueAndFailsForUnset() {
    // given
    fake.workspace().setConf("enableTokensConfig", "true");

    // when / then
    assertThatCode(() -> assertThat(fake).hasConf("enableTokensConfig", "true")).doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).hasConf("maxTokenLifetimeDays", "90"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting workspace-conf maxTokenLifetimeDays of workspace " + fake.workspaceId()
            + " to be \"90\" but was unset");
  }

  @Test
  void inWorkspaceFailsForAnUnknownWorkspace() {
    assertThatThrownBy(() -> assertThat(fake).inWorkspace(42))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the fake to have workspace 42 but its workspaces were [" + fake.workspaceId() + "]");
  }

  @Test
  void inWorkspaceLooksAtTheOtherWorkspace() {
    // given
    fake.addWorkspace(42, "second", "sales");

    // when / then
    assertThatCode(() -> assertThat(fake).inWorkspace(42).catalog("sales")).doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).catalog("sales")).isInstanceOf(AssertionError.class);
  }

  @Test
  void madeNoWritesPassesForReadsAndFailsForAWrite() {
    // given
    send("GET", "/api/2.0/preview/scim/v2/Me", "");

    // when / then
    assertThatCode(() -> assertThat(fake).journal().madeNoWrites()).doesNotThrowAnyException();
    send("POST", "/api/2.0/preview/scim/v2/ServicePrincipals", "{\"displayName\":\"x\"}");
    assertThatThrownBy(() -> assertThat(fake).journal().madeNoWrites())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting no writes but was 1:")
        .hasMessageContaining("POST /api/2.0/preview/scim/v2/ServicePrincipals -> 201 (admin)");
  }

  @Test
  void madeRequestsPassesForTheCountAndFailsOtherwise() {
    // given
    send("GET", "/api/2.0/preview/scim/v2/Me", "");
    send("GET", "/api/2.0/preview/scim/v2/Me", "");

    // when / then
    assertThatCode(() -> assertThat(fake.journal()).madeRequests(2)).doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).journal().madeRequests(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting 3 requests but was 2:");
  }

  @Test
  void madeRequestPassesForASentRequestAndFailsOtherwise() {
    // given
    send("GET", "/api/2.0/preview/scim/v2/Me", "");

    // when / then
    assertThatCode(() -> assertThat(fake).journal().madeRequest("GET", "/api/2.0/preview/scim/v2/Me"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(fake).journal().madeRequest("POST", "/api/2.0/token/create"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting a request POST /api/2.0/token/create but was");
  }

  @Test
  void hitNoUnknownRoutePassesForKnownRoutesAndFailsOtherwise() {
    // given
    send("GET", "/api/2.0/preview/scim/v2/Me", "");

    // when / then
    assertThatCode(() -> assertThat(fake).journal().hitNoUnknownRoute()).doesNotThrowAnyException();
    send("GET", "/api/2.0/not-a-route", "");
    assertThatThrownBy(() -> assertThat(fake).journal().hitNoUnknownRoute())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting only known routes but was 1 unknown:")
        .hasMessageContaining("GET /api/2.0/not-a-route -> 404");
  }

  @Test
  void noFailureMessagePrintsTheAdminToken() {
    // given
    send("GET", "/api/2.0/preview/scim/v2/Me", "");

    // when / then
    assertThatThrownBy(() -> assertThat(fake).journal().madeRequests(5))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(fake.adminToken().reveal()));
    assertThatThrownBy(() -> assertThat(fake).hasServicePrincipalNamed("x"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(fake.adminToken().reveal()));
  }
}
