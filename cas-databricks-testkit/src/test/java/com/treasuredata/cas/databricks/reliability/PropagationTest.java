package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.OnboardingTimeoutException;
import com.treasuredata.cas.databricks.reliability.SeededWorkspace.Scenario;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testkit.ConsistencyDelay;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identity propagation: a service principal created seconds ago is "not in workspace" or "does not
 * exist" for the workspace-side APIs for a while. The onboarding retries those errors with a
 * bounded backoff, and only for a principal it created or assigned itself; a real "no such thing"
 * is reported at once.
 */
class PropagationTest {

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  @ParameterizedTest(name = "invisible for {0} reads")
  @ValueSource(ints = {1, 3, 8})
  void aNewServicePrincipalInvisibleForSomeReadsIsOnboardedThroughBoundedRetries(int reads) {
    // given
    SeededWorkspace world = SeededWorkspace.create(Scenario.ACCOUNT_EXISTING_LIST);
    world.fake.consistency(ConsistencyDelay.reads(reads));
    Instant start = world.fake.clock().now();

    // when
    OnboardingResult result = world.apply(world.onboarding().build());

    // then
    world.assertConverged();
    assertThat(result.isSuccess()).isTrue();
    List<JournalEntry> refused = world.fake.journal().matching(e -> e.status() >= 400);
    assertThat(refused).as("answers 'unknown principal' while it propagated").hasSizeGreaterThanOrEqualTo(1);
    assertThat(Duration.between(start, world.fake.clock().now()))
        .as("virtual time spent waiting")
        .isLessThanOrEqualTo(SeededWorkspace.retryPolicy().propagationWait().multipliedBy(4));
  }

  @Test
  void aNewServicePrincipalInvisibleForTwentySecondsIsOnboarded() {
    // given
    SeededWorkspace world = SeededWorkspace.create(Scenario.WORKSPACE_NEW_LIST);
    world.fake.consistency(ConsistencyDelay.duration(Duration.ofSeconds(20)));

    // when
    OnboardingResult result = world.apply(world.onboarding().build());

    // then
    world.assertConverged();
    assertThat(result.isSuccess()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void aServicePrincipalThatNeverBecomesVisibleFailsAfterTheBoundedWaitWithAClearError(Scenario scenario) {
    // given
    SeededWorkspace world = SeededWorkspace.create(scenario);
    world.fake.consistency(ConsistencyDelay.reads(1_000_000));
    Instant start = world.fake.clock().now();

    // when / then
    assertThatThrownBy(() -> world.apply(world.onboarding().build()))
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("still not visible")
        .hasMessageContaining("Applied: ")
        .hasMessageContaining("Not run: ")
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(OnboardingTimeoutException.class));
    Duration waited = Duration.between(start, world.fake.clock().now());
    assertThat(waited).as("virtual time spent waiting").isLessThanOrEqualTo(SeededWorkspace.retryPolicy().propagationWait().multipliedBy(3));
    assertThat(world.requestsSinceSeeding()).as("requests, bounded").hasSizeLessThan(200);
    world.assertNoSecretLeaked();
  }

  @Test
  void aMissingCatalogIsReportedAtOnceWithoutRetriesOrWrites() {
    // given
    SeededWorkspace world = SeededWorkspace.create(Scenario.ACCOUNT_EXISTING_LIST);

    // when / then
    assertThatThrownBy(() -> world.apply(world.onboarding().grant(CatalogGrant.dataReader("no_such_catalog")).build()))
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("no_such_catalog")
        .hasMessageContaining("does not exist");
    assertThat(world.fake.journal().requests("GET", "/api/2.1/unity-catalog/catalogs/no_such_catalog")).hasSize(1);
    assertThat(world.writesSinceSeeding()).as("writes").isEmpty();
  }

  @Test
  void anUnknownPrincipalIsNotRetriedWhenThisRunDidNotCreateOrAssignIt() {
    // given: the service principal exists, is a member and may use tokens; the grant API does not know it
    SeededWorkspace world = SeededWorkspace.create(Scenario.ACCOUNT_EXISTING_LIST);
    ServicePrincipal existing = world.fake.account().addServicePrincipal(SeededWorkspace.NAME);
    world.fake.workspace().assign(existing.applicationId(), "USER");
    world.fake.workspace().grantTokenPermission(TokenPermission.servicePrincipal(existing.applicationId(), "CAN_USE"));
    String path = "/api/2.1/unity-catalog/permissions/catalog/" + SeededWorkspace.CATALOG;
    world.fake.faults().add(
        FaultRule.on("PATCH", path,
                Fault.status(404, "{\"error_code\":\"PRINCIPAL_DOES_NOT_EXIST\",\"message\":\"Could not find principal with name " + existing.applicationId() + "\"}"))
            .always());

    // when / then
    assertThatThrownBy(() -> world.apply(world.onboarding().build()))
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("PRINCIPAL_DOES_NOT_EXIST");
    assertThat(world.requestsSinceSeeding()).filteredOn(e -> e.method().equals("PATCH") && e.path().equals(path)).as("grant attempts").hasSize(1);
  }
}
