package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.Offboarding;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.Snapshot;
import com.treasuredata.cas.databricks.testkit.state.WarehousePermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offboarding after onboarding: back to the state before, field by field, except what others changed meanwhile. */
class OffboardingTest {

  private OffboardingWorld world;
  private CasOnboarding onboarding;

  @BeforeEach
  void onboarded() {
    world = new OffboardingWorld(7);
    onboarding = world.onboarding().build();
    OnboardingResult result = onboarding.apply();
    assertThat(result.connectionDetails()).isPresent();
  }

  private long writesSince(long mark) {
    return world.fake.journal().since(mark).stream().filter(JournalEntry::write).count();
  }

  @Test
  void afterOffboardingTheStateEqualsTheStateBeforeOnboardingExceptOthersChanges() {
    // given: other admins change things between onboarding and offboarding
    Snapshot beforeOthers = world.fake.snapshot();
    world.fake.workspace().grantWarehousePermission(world.warehouseId, WarehousePermission.servicePrincipal(world.other.applicationId(), "CAN_MANAGE"));
    world.fake.workspace().issueToken(world.other.applicationId(), Duration.ofDays(7));
    String corp = world.fake.workspace().ipAccessLists().stream().filter(l -> l.label().equals("corp-office")).findFirst().orElseThrow().listId();
    world.admin("PATCH", "/api/2.0/ip-access-lists/" + corp, "{\"ip_addresses\":[\"127.0.0.0/8\",\"10.20.0.0/16\",\"10.30.0.0/16\"]}");
    world.admin("PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + OffboardingWorld.CATALOG,
        "{\"changes\":[{\"principal\":\"" + world.other.applicationId() + "\",\"add\":[\"USE_SCHEMA\"]}]}");
    List<String> othersChanges = world.fake.snapshot().differencesFrom(beforeOthers);
    assertThat(othersChanges).as("the others' changes").hasSizeGreaterThanOrEqualTo(4);

    // when
    Offboarding offboarding = onboarding.offboard();
    OnboardingPlan plan = offboarding.plan();
    OnboardingResult removed = offboarding.apply(plan);

    // then
    assertThat(removed.isSuccess()).isTrue();
    assertThat(plan.steps()).extracting(s -> s.step()).contains(Steps.REVOKE_TOKENS, Steps.REVOKE_GRANT_PREFIX + OffboardingWorld.CATALOG,
        Steps.REMOVE_WAREHOUSE_ACCESS, Steps.REMOVE_TOKEN_USAGE, Steps.REMOVE_IP_ADDRESSES, Steps.REMOVE_WORKSPACE_MEMBERSHIP, Steps.REMOVE_SERVICE_PRINCIPAL);
    assertThat(plan.steps()).filteredOn(s -> !s.step().equals(Steps.SERVICE_PRINCIPAL)).allSatisfy(s -> assertThat(s.action()).isEqualTo(PlannedAction.DELETE));
    assertThat(removed.steps()).filteredOn(s -> !s.step().equals(Steps.SERVICE_PRINCIPAL))
        .allSatisfy(s -> assertThat(((StepResult.Completed) s).change()).as(s.toString()).isEqualTo(StepResult.Change.DELETED));
    assertThat(world.fake.snapshot().differencesFrom(world.beforeOnboarding)).as("differences from the state before onboarding")
        .containsExactlyInAnyOrderElementsOf(othersChanges);
  }

  @Test
  void thePlanOnlyReadsAndASecondOffboardingWritesNothing() {
    // given
    long mark = world.fake.journal().mark();
    onboarding.offboard().plan();
    assertThat(writesSince(mark)).as("writes of the plan").isZero();
    onboarding.offboard().apply();

    // when
    mark = world.fake.journal().mark();
    OnboardingPlan again = onboarding.offboard().plan();
    OnboardingResult result = onboarding.offboard().apply();

    // then
    assertThat(again.hasChanges()).isFalse();
    assertThat(writesSince(mark)).isZero();
    assertThat(result.writeCount()).isZero();
    assertThat(world.fake.snapshot().differencesFrom(world.beforeOnboarding)).isEmpty();
  }

  @Test
  void theServicePrincipalStaysInTheAccountWhileAnotherWorkspaceUsesIt() {
    // given
    world.fake.addWorkspace(2_000_000_000_000_002L, "analytics");
    String appId = world.fake.account().servicePrincipalsNamed(OffboardingWorld.NAME).get(0).applicationId();
    world.fake.workspace(2_000_000_000_000_002L).assign(appId, "USER");

    // when
    OnboardingResult result = onboarding.offboard().apply();

    // then
    assertThat(result.step(Steps.REMOVE_SERVICE_PRINCIPAL).orElseThrow().toString()).contains("still use it");
    assertThat(world.fake.account().servicePrincipal(appId)).isPresent();
    assertThat(world.fake.workspace().assignments()).noneMatch(a -> a.principalName().equals(appId));
    assertThat(world.fake.workspace(2_000_000_000_000_002L).assignments()).anyMatch(a -> a.principalName().equals(appId));
  }

  @Test
  void aWorkspaceAdminRemovesItFromTheWorkspaceAndSaysTheAccountKeepsIt() {
    // given
    OffboardingWorld fresh = new OffboardingWorld(8);
    CasOnboarding workspaceOnly = fresh.onboardingWithoutAccount().build();
    String appId = workspaceOnly.apply().applicationId();

    // when
    OnboardingResult result = workspaceOnly.offboard().apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.step(Steps.REMOVE_SERVICE_PRINCIPAL).orElseThrow().toString()).contains("only an account admin");
    assertThat(fresh.fake.workspace().assignments()).noneMatch(a -> a.principalName().equals(appId));
    assertThat(fresh.fake.workspace().tokens()).noneMatch(t -> t.owner().equals(appId));
    assertThat(fresh.fake.workspace().warehouse(fresh.warehouseId).levelOf(appId)).isNull();
    assertThat(fresh.fake.workspace().warehouse(fresh.warehouseId).levelOf(fresh.other.applicationId())).isEqualTo("CAN_USE");
    assertThat(fresh.fake.workspace().privileges(OffboardingWorld.CATALOG, appId)).isEmpty();
  }
}
