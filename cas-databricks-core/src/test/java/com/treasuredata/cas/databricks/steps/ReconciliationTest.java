package com.treasuredata.cas.databricks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.OnboardingTimeoutException;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.ManualClock;
import com.treasuredata.cas.databricks.testing.Onboardings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();

  @Test
  void lostServicePrincipalCreateIsFoundByNameInsteadOfCreatingASecond() {
    // given
    fake.fault("POST /api/2.0/accounts/", "lost");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(fake.servicePrincipals()).hasSize(1);
    assertThat(result.applicationId()).isEqualTo(fake.servicePrincipals().get(0).applicationId());
    assertThat(fake.journal()).filteredOn(c -> c.line().startsWith("POST /api/2.0/accounts/")).hasSize(1);
    assertThat(result.step(Steps.SERVICE_PRINCIPAL)).get()
        .isInstanceOfSatisfying(StepResult.Completed.class, s -> assertThat(s.detail()).contains("response was lost"));
  }

  @Test
  void servicePrincipalCreateRefusedWith500BeforeHandlingIsSentAgainAfterAReadShowsNothing() {
    // given
    fake.fault("POST /api/2.0/accounts/", "500");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(fake.servicePrincipals()).hasSize(1);
    assertThat(fake.journal()).filteredOn(c -> c.line().startsWith("POST /api/2.0/accounts/")).hasSize(2);
    assertThat(result.isSuccess()).isTrue();
  }

  @Test
  void tokenWhoseMintResponseWasLostIsRevokedAndANewOneMinted() {
    // given
    fake.fault("POST /api/2.0/token-management/on-behalf-of/tokens", "lost");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(fake.journal()).filteredOn(c -> c.method().equals("DELETE") && c.path().startsWith("/api/2.0/token-management/tokens/")).hasSize(1);
    assertThat(fake.tokens()).singleElement().satisfies(t -> assertThat(t.path("token_id").asText()).isEqualTo(result.tokenDetails().orElseThrow().id()));
    assertThat(result.token()).isPresent();
    assertThat(result.step(Steps.VERIFY_TOKEN)).get().isInstanceOf(StepResult.Completed.class);
  }

  @Test
  void propagationErrorsRightAfterCreatingTheServicePrincipalAreRetriedWithBackoff() {
    // given
    fake.fault("PUT /api/2.0/accounts/", "propagation").fault("PUT /api/2.0/accounts/", "propagation");
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(fake.now()));

    // when
    OnboardingResult result = Onboardings.full(fake).clock(clock).sleeper(clock.sleeper()).build().apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(fake.journal()).filteredOn(c -> c.line().startsWith("PUT /api/2.0/accounts/")).hasSize(3);
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void propagationRetriesStopAtThePolicysWaitWithATimeout() {
    // given
    for (int i = 0; i < 40; i++) {
      fake.fault("PATCH /api/2.1/unity-catalog/permissions/catalog/", "propagation");
    }
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(fake.now()));

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake)
            .clock(clock).sleeper(clock.sleeper())
            .retryPolicy(RetryPolicy.builder().maxAttempts(1).propagationWait(Duration.ofSeconds(10)).build())
            .build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e ->
            assertThat(e.partialResult().step(Steps.CATALOG_GRANT_PREFIX + Onboardings.CATALOG)).get()
                .isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.exception())
                    .isInstanceOf(OnboardingTimeoutException.class)
                    .hasMessageContaining("still not visible after 10 s")));
    assertThat(clock.instant()).isBefore(Instant.ofEpochMilli(fake.now()).plusSeconds(11));
  }

  @Test
  void propagationLikeErrorsOnAnExistingServicePrincipalAreNotRetried() {
    // given
    fake.addServicePrincipal(Onboardings.SP_NAME, false);
    fake.fault("PUT /api/2.0/accounts/", "propagation");
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(fake.now()));

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).clock(clock).sleeper(clock.sleeper()).build().apply())
        .hasMessageContaining("not in workspace");
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void tokenPermissionLagRightAfterGrantingCanUseIsRetried() {
    // given
    fake.fault("POST /api/2.0/token-management/on-behalf-of/tokens", "token_lag");
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(fake.now()));

    // when
    OnboardingResult result = Onboardings.full(fake).clock(clock).sleeper(clock.sleeper()).build().apply();

    // then
    assertThat(result.token()).isPresent();
    assertThat(fake.journal()).filteredOn(c -> c.line().equals("POST /api/2.0/token-management/on-behalf-of/tokens")).hasSize(2);
    assertThat(fake.tokens()).hasSize(1);
    assertThat(clock.sleeps()).hasSize(1);
  }

  @Test
  void aFreshTokenRejectedAsInvalidAtFirstIsVerifiedAgain() {
    // given
    fake.fault("GET /api/2.0/token/list", "invalid_token");
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(fake.now()));

    // when
    OnboardingResult result = Onboardings.full(fake).clock(clock).sleeper(clock.sleeper()).build().apply();

    // then
    assertThat(result.step(Steps.VERIFY_TOKEN)).get().isInstanceOf(StepResult.Completed.class);
    assertThat(fake.journal()).filteredOn(c -> c.line().equals("GET /api/2.0/token/list")).hasSize(2);
  }
}
