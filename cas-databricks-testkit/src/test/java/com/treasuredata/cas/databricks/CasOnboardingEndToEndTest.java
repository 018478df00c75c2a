package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: {@link CasOnboarding} against the testkit's fake Databricks, in-process. These tests
 * check the fake's resulting state, not the wire format (the core's step tests do that).
 */
class CasOnboardingEndToEndTest {

  private static final String NAME = "TD-CAS-Service";
  private static final String CATALOG = "cas_demo_east1";
  private static final Set<String> DATA_READER = Set.of("USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT");

  private FakeDatabricks fake;

  @BeforeEach
  void newFake() {
    fake = FakeDatabricks.create();
  }

  private CasOnboardingBuilder onboarding() {
    return FakeOnboarding.against(fake).servicePrincipal(NAME).token(Duration.ofDays(1)).grant(CatalogGrant.dataReader(CATALOG));
  }

  private List<JournalEntry> writesSince(long mark) {
    return fake.journal().since(mark).stream().filter(JournalEntry::write).collect(Collectors.toList());
  }

  private String whoAmI(Secret token) {
    FakeResponse response = FakeOnboarding.me(fake, token);
    assertThat(response.status()).as("GET /Me with the token").isEqualTo(200);
    return FakeOnboarding.userName(response);
  }

  @Test
  void freshApplyCreatesAssignsAuthorisesMintsVerifiesAndGrants() {
    // when
    OnboardingResult result = onboarding().build().apply();

    // then
    // without an IP list: no IP list read or create
    assertThat(result.requestCount()).isEqualTo((int) fake.journal().count()).isLessThanOrEqualTo(9);
    List<ServicePrincipal> sps = fake.account().servicePrincipalsNamed(NAME);
    assertThat(sps).hasSize(1);
    ServicePrincipal sp = sps.get(0);
    assertThat(result.applicationId()).isEqualTo(sp.applicationId());
    assertThat(result.servicePrincipalId()).isEqualTo(String.valueOf(sp.id()));
    assertThat(fake.workspace().assignments())
        .anySatisfy(a -> {
          assertThat(a.principalId()).isEqualTo(sp.id());
          assertThat(a.permissions()).containsExactly("USER");
        });
    assertThat(fake.workspace().tokenAcl())
        .contains(new TokenPermission(PrincipalType.SERVICE_PRINCIPAL, sp.applicationId(), "CAN_USE"))
        .anySatisfy(p -> assertThat(p.principal()).isEqualTo("admins"));
    Secret token = result.token().orElseThrow();
    assertThat(whoAmI(token)).isEqualTo(sp.applicationId());
    assertThat(fake.workspace().tokens())
        .filteredOn(t -> t.owner().equals(sp.applicationId()))
        .singleElement()
        .satisfies(t -> assertThat(t.tokenId()).isEqualTo(result.tokenDetails().orElseThrow().id()));
    assertThat(fake.workspace().privileges(CATALOG, sp.applicationId())).isEqualTo(DATA_READER);
  }

  @Test
  void runsOfOneOnboardingWithAnOAuthAccountAdminShareOneOAuthToken() {
    // given
    FakeOnboarding.OAuthAdmin admin = FakeOnboarding.oauthAccountAdmin(fake);
    CasOnboarding onboarding = onboarding().account(admin.account()).build();

    // when
    OnboardingResult first = onboarding.apply();
    OnboardingResult second = onboarding.apply();
    OnboardingPlan plan = onboarding.plan();

    // then
    assertThat(first.isSuccess()).isTrue();
    assertThat(second.writeCount()).isZero();
    assertThat(plan.steps()).isNotEmpty();
    assertThat(fake.journal().requests("POST", "/oidc/accounts/" + fake.accountId() + "/v1/token")).hasSize(1);
  }

  @Test
  void separatelyBuiltOnboardingsWithSharedConnectionsShareOneOAuthTokenAndOthersFetchTheirOwn() {
    // given
    FakeOnboarding.OAuthAdmin admin = FakeOnboarding.oauthAccountAdmin(fake);
    SharedConnections connections = SharedConnections.over(fake.transport());
    String tokenPath = "/oidc/accounts/" + fake.accountId() + "/v1/token";

    // when two onboardings are built, one after the other, with the same connections
    for (String name : List.of("TD-CAS-one", "TD-CAS-two")) {
      CasOnboarding.builder().sharedConnections(connections).account(admin.account())
          .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken())).workspaceId(fake.workspaceId())
          .clock(fake.clock().asClock()).servicePrincipal(name).token(Duration.ofDays(1)).grant(CatalogGrant.dataReader(CATALOG))
          .build().apply();
    }
    int shared = fake.journal().requests("POST", tokenPath).size();
    onboarding().account(admin.account()).servicePrincipal("TD-CAS-three").build().apply();

    // then
    assertThat(shared).isEqualTo(1);
    assertThat(fake.journal().requests("POST", tokenPath)).hasSize(2);
    assertThat(fake.account().servicePrincipalsNamed("TD-CAS-one")).hasSize(1);
    assertThat(fake.account().servicePrincipalsNamed("TD-CAS-two")).hasSize(1);
  }

  @Test
  void secondApplyOnAnOnboardedWorkspaceSendsOnlyReads() {
    // given
    CasOnboarding onboarding = onboarding().build();
    onboarding.apply();
    long mark = fake.journal().mark();

    // when
    OnboardingResult again = onboarding.apply();

    // then
    assertThat(writesSince(mark)).isEmpty();
    assertThat(again.writeCount()).isZero();
    assertThat(again.requestCount()).isLessThanOrEqualTo(8).isEqualTo(fake.journal().since(mark).size());
    assertThat(again.steps()).allSatisfy(step -> assertThat(step.isChange()).as(step.toString()).isFalse());
    assertThat(again.token()).isEmpty();
    assertThat(again.isSecretUnavailable()).isTrue();
    assertThat(fake.account().servicePrincipalsNamed(NAME)).hasSize(1);
    assertThat(fake.workspace().tokens()).hasSize(1 + tokensOfAdmin());
  }

  private int tokensOfAdmin() {
    return (int) fake.workspace().tokens().stream().filter(t -> t.owner().equals(fake.adminUserName())).count();
  }

  @Test
  void planSendsOnlyGetsAndChangesNothing() {
    // when
    OnboardingPlan plan = onboarding().build().plan();

    // then
    assertThat(fake.journal().writes()).isEmpty();
    assertThat(fake.journal().entries()).allSatisfy(e -> assertThat(e.method()).isEqualTo("GET"));
    assertThat(fake.account().servicePrincipalsNamed(NAME)).isEmpty();
    assertThat(plan.hasChanges()).isTrue();
    assertThat(plan.step("service-principal").orElseThrow().action()).isEqualTo(PlannedAction.CREATE);
  }

  @Test
  void twoServicePrincipalsWithTheNameStopTheRunBeforeAnyWriteAndListBothIds() {
    // given
    ServicePrincipal first = fake.account().addServicePrincipal(NAME);
    ServicePrincipal second = fake.account().addServicePrincipal(NAME);

    // when / then
    assertThatThrownBy(() -> onboarding().build().apply())
        .isInstanceOf(OnboardingException.class)
        .hasMessageContaining(first.applicationId())
        .hasMessageContaining(second.applicationId());
    assertThat(fake.journal().writes()).isEmpty();
  }

  @Test
  void anExistingServicePrincipalIsReusedNotDuplicated() {
    // given
    ServicePrincipal existing = fake.account().addServicePrincipal(NAME);

    // when
    OnboardingResult result = onboarding().build().apply();

    // then
    assertThat(result.applicationId()).isEqualTo(existing.applicationId());
    assertThat(fake.account().servicePrincipalsNamed(NAME)).hasSize(1);
    assertThat(fake.journal().requests("POST", "/api/2.0/accounts/" + fake.accountId() + "/scim/v2/ServicePrincipals")).isEmpty();
  }

  @Test
  void tokenUsageIsAddedByPatchAndOtherPrincipalsKeepTheirAccessAndTokens() {
    // given: another service principal already uses tokens
    ServicePrincipal other = fake.account().addServicePrincipal("other-integration");
    fake.workspace().assign(other.applicationId(), "USER");
    fake.workspace().grantTokenPermission(new TokenPermission(PrincipalType.SERVICE_PRINCIPAL, other.applicationId(), "CAN_USE"));
    Secret othersToken = fake.workspace().issueToken(other.applicationId(), Duration.ofDays(30));

    // when
    onboarding().build().apply();

    // then
    assertThat(fake.journal().requests("PUT", "/api/2.0/permissions/authorization/tokens")).isEmpty();
    assertThat(fake.journal().requests("PATCH", "/api/2.0/permissions/authorization/tokens")).hasSize(1);
    assertThat(fake.workspace().tokenAcl())
        .contains(new TokenPermission(PrincipalType.SERVICE_PRINCIPAL, other.applicationId(), "CAN_USE"));
    assertThat(whoAmI(othersToken)).isEqualTo(other.applicationId());
  }

  @Test
  void otherPrincipalsGrantsOnTheCatalogAreKept() {
    // given
    ServicePrincipal other = fake.account().addServicePrincipal("analytics");
    fake.workspace().assign(other.applicationId(), "USER");
    // grant through the API as an admin would
    FakeResponse granted =
        fake.handle(
            new FakeRequest(
                "PATCH",
                "/api/2.1/unity-catalog/permissions/catalog/" + CATALOG,
                null,
                Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"),
                "{\"changes\":[{\"principal\":\"" + other.applicationId() + "\",\"add\":[\"SELECT\",\"MODIFY\"]}]}",
                "127.0.0.1",
                fake.workspaceHost().toString()));
    assertThat(granted.status()).isEqualTo(200);

    // when
    OnboardingResult result = onboarding().build().apply();

    // then
    assertThat(fake.workspace().privileges(CATALOG, other.applicationId())).containsExactlyInAnyOrder("SELECT", "MODIFY");
    assertThat(fake.workspace().privileges(CATALOG, result.applicationId())).isEqualTo(DATA_READER);
  }

  @Test
  void aMissingCatalogStopsTheRunBeforeAnyWrite() {
    // when / then
    assertThatThrownBy(() -> onboarding().grant(CatalogGrant.dataReader("no_such_catalog")).build().apply())
        .isInstanceOf(OnboardingException.class)
        .hasMessageContaining("no_such_catalog");
    assertThat(fake.journal().writes()).isEmpty();
    assertThat(fake.account().servicePrincipalsNamed(NAME)).isEmpty();
  }

  @Test
  void aLifetimeAboveTheWorkspaceMaximumStopsTheRunBeforeAnyWrite() {
    // given
    fake.workspace().setConf("maxTokenLifetimeDays", "1");

    // when / then
    assertThatThrownBy(() -> onboarding().token(Duration.ofDays(2)).build().apply())
        .isInstanceOf(OnboardingException.class)
        .hasMessageContaining("maxTokenLifetimeDays");
    assertThat(fake.journal().writes()).isEmpty();
  }

  @Test
  void ipStepIsSkippedWithAReasonWhenTheWorkspaceDoesNotUseIpAccessLists() {
    // when
    OnboardingResult result = onboarding().allowIps("TreasureData", "203.0.113.10").build().apply();

    // then
    assertThat(result.step("ip-access-list").orElseThrow()).isInstanceOf(StepResult.Skipped.class);
    assertThat(((StepResult.Skipped) result.step("ip-access-list").orElseThrow()).reason()).contains("enableIpAccessLists");
    assertThat(fake.workspace().ipAccessLists()).isEmpty();
    assertThat(fake.workspace().conf().get("enableIpAccessLists")).isNotEqualTo("true");
  }

  @Test
  void theFirstAllowListOfAWorkspaceIsRefusedUnlessExplicitlyAllowed() {
    // given
    fake.workspace().setConf("enableIpAccessLists", "true");

    // when / then
    assertThatThrownBy(() -> onboarding().allowIps("TreasureData", "203.0.113.10").build().apply())
        .isInstanceOf(OnboardingException.class)
        .hasMessageContaining("first ALLOW list");
    assertThat(fake.journal().writes()).isEmpty();
  }

  @Test
  void anExistingAllowListGainsOnlyTheMissingAddressesAndKeepsEveryoneElses() {
    // given
    fake.workspace().setConf("enableIpAccessLists", "true");
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8");
    fake.workspace().addIpAccessList("TreasureData", "ALLOW", "192.0.2.7", "203.0.113.10");

    // when
    OnboardingResult result = onboarding().allowIps("TreasureData", "203.0.113.10", "198.51.100.0/24").build().apply();

    // then
    IpAccessList td =
        fake.workspace().ipAccessLists().stream().filter(l -> l.label().equals("TreasureData")).findFirst().orElseThrow();
    assertThat(td.ipAddresses()).containsExactlyInAnyOrder("192.0.2.7", "203.0.113.10", "198.51.100.0/24");
    assertThat(result.ipAccessListId()).contains(td.listId());
    assertThat(fake.workspace().ipAccessLists()).anySatisfy(l -> assertThat(l.label()).isEqualTo("corp-office"));
  }

  @Test
  void anAllowListThatWouldLockTheCallerOutIsRefusedWithAClearError() {
    // given: the caller is outside every allowed range once our list is the only one
    fake.workspace().setConf("enableIpAccessLists", "true");
    fake.callerAddress("10.1.2.3");
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "10.0.0.0/8");
    fake.workspace().addIpAccessList("corp-block", "BLOCK", "10.1.2.0/24");

    // when / then: the fake refuses any request from a blocked caller, the library reports it
    assertThatThrownBy(() -> onboarding().allowIps("TreasureData", "203.0.113.10").build().apply())
        .isInstanceOf(OnboardingException.class);
    assertThat(fake.workspace().ipAccessLists()).noneSatisfy(l -> assertThat(l.label()).isEqualTo("TreasureData"));
  }

  @Test
  void aReRunReusesAValidTokenOfOursAndAlwaysNewTokenMintsAnother() {
    // given
    OnboardingResult first = onboarding().build().apply();

    // when
    OnboardingResult reused = onboarding().build().apply();
    OnboardingResult forced = onboarding().alwaysNewToken().build().apply();

    // then
    assertThat(reused.tokenDetails().orElseThrow().id()).isEqualTo(first.tokenDetails().orElseThrow().id());
    assertThat(reused.token()).isEmpty();
    assertThat(forced.token()).isPresent();
    assertThat(forced.tokenDetails().orElseThrow().id()).isNotEqualTo(first.tokenDetails().orElseThrow().id());
    assertThat(whoAmI(forced.token().orElseThrow())).isEqualTo(first.applicationId());
  }

  @Test
  void anExpiredTokenIsReplacedOnTheNextRun() {
    // given
    OnboardingResult first = onboarding().build().apply();
    fake.clock().advance(Duration.ofDays(2));

    // when
    OnboardingResult next = onboarding().build().apply();

    // then
    assertThat(next.token()).isPresent();
    assertThat(next.tokenDetails().orElseThrow().id()).isNotEqualTo(first.tokenDetails().orElseThrow().id());
    assertThat(whoAmI(next.token().orElseThrow())).isEqualTo(first.applicationId());
  }

  @Test
  void withOnlyAWorkspaceAdminTheServicePrincipalIsCreatedThroughWorkspaceScim() {
    // given
    Secret admin = fake.adminToken();
    CasOnboarding workspaceOnly =
        CasOnboarding.builder()
            .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), admin))
            .servicePrincipal(NAME)
            .token(Duration.ofDays(1))
            .grant(CatalogGrant.dataReader(CATALOG))
            .clock(fake.clock().asClock())
            .transport(fake.transport())
            .build();

    // when
    OnboardingResult result = workspaceOnly.apply();

    // then
    assertThat(fake.journal().entries()).noneSatisfy(e -> assertThat(e.path()).startsWith("/api/2.0/accounts/"));
    assertThat(whoAmI(result.token().orElseThrow())).isEqualTo(result.applicationId());
    assertThat(fake.workspace().privileges(CATALOG, result.applicationId())).isEqualTo(DATA_READER);
  }

  @Test
  void theTokenValueAppearsInNoLogLineResultTextOrJson() {
    // given
    assertThat(CapturedLogs.isActive()).as("capturing SLF4J provider is the binding").isTrue();
    CapturedLogs.clear();
    fake.workspace().setConf("enableIpAccessLists", "true");
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8");

    // when
    OnboardingResult result = onboarding().allowIps("TreasureData", "203.0.113.10").build().apply();
    OnboardingResult rotated = onboarding().alwaysNewToken().build().apply();

    // then
    String logs = CapturedLogs.text();
    assertThat(logs).as("something was logged at DEBUG").isNotBlank();
    for (Secret token : List.of(result.token().orElseThrow(), rotated.token().orElseThrow(), fake.adminToken())) {
      assertThat(token.occursIn(logs)).as("token in logs").isFalse();
      assertThat(token.occursIn(result.toString() + rotated.toString())).as("token in toString").isFalse();
      assertThat(token.occursIn(result.toJson() + rotated.toJson())).as("token in JSON").isFalse();
    }
  }
}
