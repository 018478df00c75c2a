package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.OAuthSecret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end: OAuth M2M secrets for the service principal (create, verify, rotate, the limit of 5) against the fake. */
class OAuthSecretEndToEndTest {

  private static final String NAME = "TD-CAS-Service";

  private final FakeDatabricks fake = FakeDatabricks.create();

  private CasOnboardingBuilder onboarding() {
    return FakeOnboarding.against(fake).servicePrincipal(NAME).withoutToken().withoutGrants()
        .sleeper(d -> fake.clock().advance(d)).oauthSecret(Duration.ofDays(365));
  }

  private List<OAuthSecret> secrets(OnboardingResult result) {
    return fake.account().secrets(Long.parseLong(result.servicePrincipalId()));
  }

  @Test
  void anOAuthSecretIsCreatedAndVerifiedByAClientCredentialsExchange() {
    // when
    OnboardingResult result = onboarding().build().apply();

    // then
    Secret secret = result.oauthSecret().orElseThrow();
    assertThat(secrets(result)).hasSize(1);
    assertThat(secrets(result).get(0).expireTime()).isEqualTo(fake.clock().now().plus(Duration.ofDays(365)));
    assertThat(fake.journal().requests("POST", "/oidc/v1/token")).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(200));
    assertThat(fake.journal().entries()).anySatisfy(e -> {
      assertThat(e.path()).isEqualTo("/api/2.0/preview/scim/v2/Me");
      assertThat(e.principal()).isEqualTo(result.applicationId());
    });
    assertThat(result.toString() + result.toJson()).doesNotContain(secret.reveal());
    assertThat(CredentialExport.json(result, true)).contains(secret.reveal()).contains(result.applicationId());
  }

  @Test
  void rotationCreatesAndVerifiesANewSecretThenDeletesTheOlderOnes() {
    // given
    OnboardingResult first = onboarding().build().apply();
    String firstId = secrets(first).get(0).id();

    // when
    OnboardingResult rotated = onboarding().rotateOAuthSecret().build().apply();

    // then
    assertThat(secrets(rotated)).singleElement().satisfies(s -> assertThat(s.id()).isNotEqualTo(firstId));
    assertThat(rotated.oauthSecret()).isPresent().isNotEqualTo(first.oauthSecret());
    assertThat(rotated.step(Steps.OAUTH_SECRET)).get()
        .isInstanceOfSatisfying(StepResult.Completed.class, c -> assertThat(c.detail()).contains("deleted older secret(s) [" + firstId + "]"));
  }

  @Test
  void atTheLimitOfFiveANewSecretIsRefusedBeforeAnyWriteButARotationMakesRoomFirst() {
    // given
    OnboardingResult first = onboarding().build().apply();
    for (int i = 0; i < 4; i++) {
      fake.account().addSecret(first.applicationId(), Duration.ofDays(30));
    }
    long mark = fake.journal().mark();

    // when / then
    assertThatThrownBy(() -> onboarding().build().apply())
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("already has 5 OAuth secrets, the maximum of 5")
        .hasMessageContaining("rotateOAuthSecret()");
    assertThat(fake.journal().since(mark)).noneMatch(JournalEntry::write);
    OnboardingResult rotated = onboarding().rotateOAuthSecret().build().apply();
    assertThat(secrets(rotated)).hasSize(1);
  }
}
