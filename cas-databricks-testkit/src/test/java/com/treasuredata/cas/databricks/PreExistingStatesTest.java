package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.FakeWorkspace;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workspaces in the states real customers have: each state is built in the fake, and the run either
 * handles it or stops before its first write (the journal shows no write) with what to do.
 */
class PreExistingStatesTest {

  private static final String NAME = "TD-CAS-Service";
  private static final String CATALOG = "cas_demo_east1";
  private static final String LABEL = "TreasureData";
  private static final String OURS = "203.0.113.10";

  private FakeDatabricks fake;
  private FakeWorkspace ws;

  @BeforeEach
  void seed() {
    fake = FakeDatabricks.create();
    ws = fake.workspace();
  }

  private CasOnboardingBuilder onboarding() {
    return FakeOnboarding.against(fake)
        .servicePrincipal(NAME)
        .token(Duration.ofDays(30))
        .grant(CatalogGrant.dataReader(CATALOG))
        .sleeper(d -> fake.clock().advance(d));
  }

  /** Applies and asserts that the run stopped before its first write, with a message holding {@code fragments}. */
  private void refusedWithoutWrites(CasOnboardingBuilder builder, String... fragments) {
    long mark = fake.journal().mark();
    assertThatThrownBy(() -> builder.build().apply())
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContainingAll(fragments);
    assertThat(fake.journal().since(mark)).as("requests of the refused run").noneMatch(e -> e.write());
  }

  private FakeResponse admin(String method, String path, String body) {
    return fake.handle(new FakeRequest(method, path, null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"),
        body, "127.0.0.1", fake.workspaceHost().toString()));
  }

  private ServicePrincipal existingMember() {
    ServicePrincipal sp = fake.account().addServicePrincipal(NAME);
    ws.assign(sp.applicationId(), "USER");
    return sp;
  }

  private void ipListsOnWithCorporateList() {
    ws.addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8");
    ws.setConf("enableIpAccessLists", "true");
  }

  private IpAccessList list(String label) {
    return ws.ipAccessLists().stream().filter(l -> l.label().equals(label)).findFirst().orElseThrow();
  }

  // 2. workspace id

  @Test
  void aWorkspaceIdThatIsNotTheWorkspacesOwnIsRefusedBeforeAnyWrite() {
    refusedWithoutWrites(onboarding().workspaceId(fake.workspaceId() + 1),
        "workspaceId(" + (fake.workspaceId() + 1) + ") does not match", "reports id " + fake.workspaceId(), "X-Databricks-Org-Id");
  }

  @Test
  void withoutAnExplicitWorkspaceIdTheReportedOneIsUsed() {
    // given
    CasOnboardingBuilder builder = CasOnboarding.builder()
        .account(DatabricksTarget.pat(fake.accountHost().toString(), fake.adminToken()).withAccountId(fake.accountId()))
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken()))
        .servicePrincipal(NAME).token(Duration.ofDays(1)).grant(CatalogGrant.dataReader(CATALOG))
        .clock(fake.clock().asClock()).sleeper(d -> fake.clock().advance(d)).transport(fake.transport());

    // when
    OnboardingResult result = builder.build().apply();

    // then
    assertThat(ws.assignments()).anySatisfy(a -> assertThat(a.principalName()).isEqualTo(result.applicationId()));
    assertThat(fake.journal().writes()).anySatisfy(e -> assertThat(e.path()).contains("/workspaces/" + fake.workspaceId() + "/"));
  }

  // 3. write privileges already held

  @Test
  void writePrivilegesAlreadyHeldAreRefusedByDefaultAndAcceptedWithTheOptIn() {
    // given
    ServicePrincipal sp = existingMember();
    String body = "{\"changes\":[{\"principal\":\"" + sp.applicationId() + "\",\"add\":[\"USE_CATALOG\",\"MODIFY\"]}]}";
    assertThat(admin("PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + CATALOG, body).status()).isEqualTo(200);

    // when / then
    refusedWithoutWrites(onboarding(), "already holds write privileges [MODIFY]", "CAS only reads", "allowWritePrivileges()");
    OnboardingResult optedIn =
        FakeOnboarding.against(fake).servicePrincipal(NAME).withoutToken().grant(CatalogGrant.dataReader(CATALOG).allowWritePrivileges()).build().apply();
    assertThat(optedIn.isSuccess()).isTrue();
    assertThat(ws.privileges(CATALOG, sp.applicationId())).contains("MODIFY", "SELECT");
  }

  @Test
  void allPrivilegesHeldCountsAsWrite() {
    // given
    ServicePrincipal sp = existingMember();
    String body = "{\"changes\":[{\"principal\":\"" + sp.applicationId() + "\",\"add\":[\"ALL_PRIVILEGES\"]}]}";
    assertThat(admin("PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + CATALOG, body).status()).isEqualTo(200);

    // when / then
    refusedWithoutWrites(onboarding(), "already holds write privileges [ALL_PRIVILEGES]");
  }

  // 4. lists that do not let Treasure Data in

  @Test
  void aDisabledAllowListWithOurLabelIsEnabledWhenAnotherAllowListKeepsEveryoneIn() {
    // given
    ipListsOnWithCorporateList();
    IpAccessList disabled = ws.addIpAccessList(LABEL, "ALLOW", "192.0.2.1");
    ws.setIpAccessListEnabled(disabled.listId(), false);

    // when
    OnboardingResult result = onboarding().allowIps(LABEL, OURS).build().apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(list(LABEL).enabled()).isTrue();
    assertThat(list(LABEL).ipAddresses()).contains("192.0.2.1", OURS);
  }

  @Test
  void aDisabledAllowListWithOurLabelIsNotEnabledWhenItWouldBeTheFirst() {
    // given
    IpAccessList disabled = ws.addIpAccessList(LABEL, "ALLOW", "192.0.2.1");
    ws.setIpAccessListEnabled(disabled.listId(), false);
    ws.setConf("enableIpAccessLists", "true");

    // when / then
    refusedWithoutWrites(onboarding().allowIps(LABEL, OURS), "refusing to enable the disabled ALLOW list 'TreasureData'", "allowFirstAllowList()");
  }

  @Test
  void aBlockListHoldingARequestedAddressStopsTheRunNamingTheList() {
    // given
    ipListsOnWithCorporateList();
    ws.addIpAccessList("bad-actors", "BLOCK", "203.0.113.0/24");

    // when / then
    refusedWithoutWrites(onboarding().allowIps(LABEL, OURS, "198.51.100.0/24"),
        "BLOCK list 'bad-actors'", "203.0.113.10 (in 203.0.113.0/24)", "BLOCK lists win over ALLOW lists");
  }

  // 5. deactivated service principal

  @Test
  void aDeactivatedServicePrincipalStopsTheRunAndTheOptInReactivatesIt() {
    // given
    ServicePrincipal sp = existingMember();
    fake.account().setActive(sp.applicationId(), false);

    // when / then
    refusedWithoutWrites(onboarding(), "is deactivated (active=false)", "reactivateServicePrincipal()", "adoptServicePrincipal(applicationId)");
    OnboardingResult result = onboarding().reactivateServicePrincipal().build().apply();
    assertThat(result.isSuccess()).isTrue();
    assertThat(fake.account().servicePrincipal(sp.applicationId()).orElseThrow().active()).isTrue();
    assertThat(result.token()).isPresent();
  }

  // 6. tokens disabled

  @Test
  void tokensDisabledInTheWorkspaceStopTheRunBeforeAnyWrite() {
    // given
    ws.setConf("enableTokensConfig", "false");

    // when / then
    refusedWithoutWrites(onboarding(), "personal access tokens are disabled", "enableTokensConfig=false", "withoutToken()");
    assertThat(fake.account().servicePrincipalsNamed(NAME)).isEmpty();
  }

  // 7. whose token is it

  @Test
  void aTokenWithACopiedCommentIsNeverReusedNorRevoked() {
    // given: our token expired; someone's token carries a copy of its comment
    OnboardingResult first = onboarding().build().apply();
    String comment = tokenById(first.tokenDetails().orElseThrow().id()).comment();
    fake.clock().advance(Duration.ofDays(31));
    ws.issueToken("admin", Duration.ofDays(20), comment);
    IssuedToken foreign = ws.tokens().stream().filter(t -> t.comment().equals(comment) && t.owner().equals(fake.adminUserName())).findFirst().orElseThrow();

    // when
    OnboardingResult reuse = onboarding().build().apply();
    OnboardingResult rotate = onboarding().rotateToken().build().apply();

    // then
    assertThat(reuse.token()).as("minted, not the foreign token reused").isPresent();
    assertThat(reuse.tokenDetails().orElseThrow().id()).isNotEqualTo(foreign.tokenId());
    assertThat(rotate.token()).isPresent();
    assertThat(ws.tokens()).extracting(IssuedToken::tokenId).contains(foreign.tokenId()).doesNotContain(reuse.tokenDetails().orElseThrow().id());
  }

  private IssuedToken tokenById(String id) {
    return ws.tokens().stream().filter(t -> t.tokenId().equals(id)).findFirst().orElseThrow();
  }

  // 8. token lifetime

  @Test
  void aTokenOfOursLastingLongerThanAskedOrThanTheWorkspaceNowAllowsIsReplaced() {
    // given: a token of ours with 700 days left
    OnboardingResult first = onboarding().token(Duration.ofDays(700)).build().apply();
    String old = first.tokenDetails().orElseThrow().id();

    // when: the workspace maximum dropped to 30 days, and 30 days are asked
    ws.setConf("maxTokenLifetimeDays", "30");
    OnboardingResult second = onboarding().build().apply();
    OnboardingResult third = onboarding().build().apply();

    // then
    assertThat(second.token()).isPresent();
    assertThat(second.tokenDetails().orElseThrow().id()).isNotEqualTo(old);
    assertThat(second.tokenDetails().orElseThrow().expiresAt()).get().isEqualTo(fake.clock().now().plus(Duration.ofDays(30)));
    assertThat(third.tokenDetails().orElseThrow().id()).as("a fitting token of ours is reused").isEqualTo(second.tokenDetails().orElseThrow().id());
  }

  @Test
  void aTokenOfOursWithLessThanHalfTheLifetimeLeftIsReplaced() {
    // given
    OnboardingResult first = onboarding().build().apply();
    fake.clock().advance(Duration.ofDays(16));

    // when
    OnboardingResult second = onboarding().build().apply();

    // then
    assertThat(second.tokenDetails().orElseThrow().id()).isNotEqualTo(first.tokenDetails().orElseThrow().id());
  }

  // 9. workspace-admin-only mode

  @Test
  void withOnlyAWorkspaceAdminThePlanSaysAccountServicePrincipalsCannotBeSeenAndAdoptingOneAddsIt() {
    // given: the account has the SP, but it is not in this workspace
    ServicePrincipal sp = fake.account().addServicePrincipal(NAME);
    CasOnboardingBuilder workspaceOnly = CasOnboarding.builder()
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken()))
        .token(Duration.ofDays(1)).grant(CatalogGrant.dataReader(CATALOG))
        .clock(fake.clock().asClock()).sleeper(d -> fake.clock().advance(d)).transport(fake.transport());

    // when
    OnboardingPlan plan = workspaceOnly.servicePrincipal(NAME).build().plan();
    OnboardingResult adopted = CasOnboarding.builder()
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken()))
        .token(Duration.ofDays(1)).grant(CatalogGrant.dataReader(CATALOG))
        .clock(fake.clock().asClock()).sleeper(d -> fake.clock().advance(d)).transport(fake.transport())
        .adoptServicePrincipal(sp.applicationId()).build().apply();

    // then
    assertThat(plan.toString()).contains("cannot be seen").contains("adoptServicePrincipal(applicationId)");
    assertThat(adopted.applicationId()).isEqualTo(sp.applicationId());
    assertThat(fake.account().servicePrincipalsNamed(NAME)).hasSize(1);
    assertThat(ws.assignments()).anySatisfy(a -> assertThat(a.principalName()).isEqualTo(sp.applicationId()));
    assertThat(adopted.token()).isPresent();
  }

  // 1. IP list changed by someone else between our plan and our write: see reliability.IpListRaceTest

}
