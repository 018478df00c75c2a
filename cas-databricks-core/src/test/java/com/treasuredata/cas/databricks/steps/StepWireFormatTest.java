package com.treasuredata.cas.databricks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.Privilege;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport.Call;
import com.treasuredata.cas.databricks.testing.Onboardings;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Account-side wire format and the add-only rules of membership, token usage and grants. */
class StepWireFormatTest {

  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();

  @Test
  void accountLookupAndCreateUseAccountScimWithCamelCaseFields() {
    // when
    Onboardings.full(fake).build().apply();

    // then
    String base = "/api/2.0/accounts/" + FakeWorkspaceTransport.ACCOUNT_ID + "/scim/v2/ServicePrincipals";
    List<Call> lookups = fake.journal().stream().filter(c -> c.method().equals("GET") && c.path().equals(base)).toList();
    assertThat(lookups).hasSize(1).allSatisfy(lookup -> {
      assertThat(lookup.host()).isEqualTo(FakeWorkspaceTransport.ACCOUNT_HOST.getHost());
      assertThat(lookup.query()).containsExactlyEntriesOf(java.util.Map.of("filter", "displayName eq \"TD-CAS-Service\""));
    });
    assertThat(only("POST", base).body().toString())
        .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal\"],\"displayName\":\"TD-CAS-Service\",\"active\":true}");
  }

  @Test
  void guardedAgainstOtherProcessesACreateIsFollowedByOneMoreLookupOfTheSameName() {
    // when
    Onboardings.full(fake).guardAgainstOtherProcesses().build().apply();

    // then: the same lookup before and after the create
    String base = "/api/2.0/accounts/" + FakeWorkspaceTransport.ACCOUNT_ID + "/scim/v2/ServicePrincipals";
    List<String> scim = fake.journal().stream().filter(c -> c.path().equals(base)).map(Call::method).toList();
    assertThat(scim).containsExactly("GET", "POST", "GET");
    assertThat(fake.journal().stream().filter(c -> c.method().equals("GET") && c.path().equals(base)).map(Call::query).distinct())
        .containsExactly(java.util.Map.of("filter", "displayName eq \"TD-CAS-Service\""));
  }

  @Test
  void accountAssignmentPutsUserForTheScimIdOnTheWorkspaceIdReportedByTheWorkspace() {
    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    Call put = only("PUT", "/api/2.0/accounts/" + FakeWorkspaceTransport.ACCOUNT_ID + "/workspaces/" + FakeWorkspaceTransport.WORKSPACE_ID
        + "/permissionassignments/principals/" + result.servicePrincipalId());
    assertThat(put.body().toString()).isEqualTo("{\"permissions\":[\"USER\"]}");
  }

  @Test
  void explicitWorkspaceIdIsUsedWithoutNeedingTheHeader() {
    // given
    fake.withoutOrgIdHeader();

    // when
    Onboardings.full(fake).workspaceId(FakeWorkspaceTransport.WORKSPACE_ID).build().apply();

    // then
    assertThat(fake.writes()).anySatisfy(c -> assertThat(c.line()).startsWith("PUT /api/2.0/accounts/"));
  }

  @Test
  void withoutAWorkspaceIdTheWorkspaceAssignmentApiIsUsedByApplicationId() {
    // given
    fake.withoutOrgIdHeader();

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    Call post = only("POST", "/api/2.0/preview/permissionassignments");
    assertThat(post.body().toString())
        .isEqualTo("{\"permission_assignments\":[{\"service_principal_name\":\"" + result.applicationId() + "\",\"permissions\":[\"USER\"]}]}");
    assertThat(fake.assignment(result.servicePrincipalId())).contains("USER");
  }

  @Test
  void anAssignmentItemCarryingAnErrorIsAFailureDespiteThe2xx() {
    // given
    fake.fault("PUT /api/2.0/accounts/", "item_error");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          assertThat(e.partialResult().step(Steps.WORKSPACE_MEMBERSHIP)).get().isInstanceOf(StepResult.Failed.class);
          assertThat(e.partialResult().step(Steps.OBO_TOKEN)).get().isInstanceOf(StepResult.Skipped.class);
          assertThat(e.getMessage()).contains("answered 2xx but the assignment carries an error", "Principal is not allowed in this workspace");
        });
  }

  @Test
  void aWorkspaceAssignmentItemCarryingAnErrorIsAFailureToo() {
    // given
    fake.withoutOrgIdHeader().fault("POST /api/2.0/preview/permissionassignments", "item_error");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .hasMessageContaining("answered 2xx but the assignment carries an error");
  }

  @Test
  void existingUserOrAdminMembershipIsLeftAlone() {
    // given
    fake.addServicePrincipal(Onboardings.SP_NAME, true);

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.step(Steps.WORKSPACE_MEMBERSHIP)).get().satisfies(s -> assertThat(s.isChange()).isFalse());
    assertThat(fake.writes()).noneSatisfy(c -> assertThat(c.path()).contains("permissionassignments"));
  }

  @Test
  void tokenUsageIsAPatchThatKeepsEveryOtherEntry() {
    // given
    fake.canUse("group_name", "data-engineers").canUse("user_name", "alice@example.com");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(fake.journal()).noneSatisfy(c -> assertThat(c.line()).isEqualTo("PUT /api/2.0/permissions/authorization/tokens"));
    assertThat(fake.tokenAcl()).extracting(e -> e.path("group_name").asText() + e.path("user_name").asText() + e.path("service_principal_name").asText())
        .containsExactly("admins", "data-engineers", "alice@example.com", result.applicationId());
  }

  @Test
  void tokenUsageAlreadyHeldDirectlyNeedsNoWrite() {
    // given
    FakeWorkspaceTransport.Sp sp = fake.addServicePrincipal(Onboardings.SP_NAME, true);
    fake.canUse("service_principal_name", sp.applicationId());

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.step(Steps.TOKEN_USAGE)).get().satisfies(s -> assertThat(s.isChange()).isFalse());
    assertThat(fake.writes()).noneSatisfy(c -> assertThat(c.path()).isEqualTo("/api/2.0/permissions/authorization/tokens"));
  }

  @Test
  void grantsAddOnlyTheMissingPrivilegesAndNeverTouchOtherPrincipals() {
    // given
    FakeWorkspaceTransport.Sp sp = fake.addServicePrincipal(Onboardings.SP_NAME, true);
    fake.grant(Onboardings.CATALOG, sp.applicationId(), "USE_CATALOG", "SELECT", "READ_VOLUME");
    fake.grant(Onboardings.CATALOG, "analysts", "USE_CATALOG", "SELECT");

    // when
    Onboardings.full(fake).build().apply();

    // then
    Call patch = only("PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + Onboardings.CATALOG);
    assertThat(patch.body().toString())
        .isEqualTo("{\"changes\":[{\"principal\":\"" + sp.applicationId() + "\",\"add\":[\"BROWSE\",\"EXECUTE\",\"USE_SCHEMA\"]}]}");
    assertThat(fake.privileges(Onboardings.CATALOG, sp.applicationId()))
        .containsExactlyInAnyOrder("USE_CATALOG", "SELECT", "READ_VOLUME", "BROWSE", "EXECUTE", "USE_SCHEMA");
    assertThat(fake.privileges(Onboardings.CATALOG, "analysts")).containsExactlyInAnyOrder("USE_CATALOG", "SELECT");
  }

  @Test
  void grantsAlreadyHeldNeedNoWriteAndTheirReadFiltersByApplicationId() {
    // given
    FakeWorkspaceTransport.Sp sp = fake.addServicePrincipal(Onboardings.SP_NAME, true);
    fake.grant(Onboardings.CATALOG, sp.applicationId(), "USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(only("GET", "/api/2.1/unity-catalog/permissions/catalog/" + Onboardings.CATALOG).query())
        .containsEntry("principal", sp.applicationId());
    assertThat(result.step(Steps.CATALOG_GRANT_PREFIX + Onboardings.CATALOG)).get().satisfies(s -> assertThat(s.isChange()).isFalse());
  }

  @Test
  void customPrivilegeSetsAreSentAsIs() {
    // given
    FakeWorkspaceTransport withOther = Onboardings.fakeWorkspace().catalog("other");

    // when
    Onboardings.full(withOther).grant(CatalogGrant.of("other", Set.of(Privilege.USE_CATALOG, Privilege.READ_VOLUME))).build().apply();

    // then
    assertThat(withOther.journal()).filteredOn(c -> c.line().equals("PATCH /api/2.1/unity-catalog/permissions/catalog/other"))
        .singleElement().satisfies(c -> assertThat(c.body().path("changes").get(0).path("add").toString()).isEqualTo("[\"READ_VOLUME\",\"USE_CATALOG\"]"));
  }

  @Test
  void canUseInheritedThroughAGroupStillGetsADirectEntry() {
    // given
    FakeWorkspaceTransport.Sp sp = fake.addServicePrincipal(Onboardings.SP_NAME, true);
    fake.canUse("group_name", "users");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.applicationId()).isEqualTo(sp.applicationId());
    assertThat(result.step(Steps.TOKEN_USAGE)).get().satisfies(s -> assertThat(s.isChange()).isTrue());
    assertThat(fake.tokenAcl()).anySatisfy(e -> assertThat(e.path("group_name").asText()).isEqualTo("users"));
  }

  @Test
  void missingCatalogInASecondGrantAlsoStopsEverythingBeforeAnyWrite() {
    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).grant(CatalogGrant.dataReader("nope")).build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          assertThat(e.partialResult().step(Steps.CATALOG_GRANT_PREFIX + "nope")).get().isInstanceOf(StepResult.Failed.class);
          assertThat(e.partialResult().writeCount()).isZero();
        });
    assertThat(fake.writes()).isEmpty();
  }

  private Call only(String method, String path) {
    List<Call> calls = fake.journal().stream().filter(c -> c.method().equals(method) && c.path().equals(path)).toList();
    assertThat(calls).as(method + " " + path).hasSize(1);
    return calls.get(0);
  }
}
