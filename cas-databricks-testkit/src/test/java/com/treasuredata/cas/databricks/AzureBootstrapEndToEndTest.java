package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End to end on a fake workspace seeded as Azure Databricks (no on-behalf-of tokens): the first
 * token is bootstrapped through an OAuth secret, a client-credentials exchange and the tokens API
 * as the service principal, with the workspace admin only.
 */
class AzureBootstrapEndToEndTest {

  private static final String OBO = "/api/2.0/token-management/on-behalf-of/tokens";

  private final FakeDatabricks fake = FakeDatabricks.create();

  private CasOnboardingBuilder onboarding(URI host) {
    return CasOnboarding.builder()
        .workspace(DatabricksTarget.pat(host.toString(), fake.adminToken()))
        .servicePrincipal("TD-CAS-Service")
        .token(Duration.ofDays(30))
        .withoutGrants()
        .clock(fake.clock().asClock())
        .sleeper(d -> fake.clock().advance(d))
        .transport(fake.transport());
  }

  private String whoAmI(URI host, Secret token) {
    return FakeOnboarding.userName(fake.handle(new FakeRequest("GET", "/api/2.0/preview/scim/v2/Me", null,
        Map.of("Authorization", "Bearer " + token.reveal()), "", "127.0.0.1", host.toString())));
  }

  @Test
  void onAnAzureHostTheFirstTokenIsBootstrappedWithoutOnBehalfOfAndTheSecretIsDeleted() {
    // given
    URI azure = fake.workspace().seedAzure();

    // when
    OnboardingResult result = onboarding(azure).build().apply();

    // then
    assertThat(result.steps()).extracting(StepResult::step).contains(Steps.SP_TOKEN).doesNotContain(Steps.OBO_TOKEN);
    assertThat(whoAmI(azure, result.token().orElseThrow())).isEqualTo(result.applicationId());
    assertThat(fake.journal().requests("POST", OBO)).isEmpty();
    assertThat(fake.journal().entries()).filteredOn(e -> e.path().equals("/api/2.0/token/create")).singleElement()
        .satisfies(e -> assertThat(e.principal()).isEqualTo(result.applicationId()));
    assertThat(fake.journal().requests("POST", "/oidc/v1/token")).isNotEmpty();
    assertThat(fake.journal().entries()).filteredOn(JournalEntry::write).extracting(JournalEntry::method)
        .contains("DELETE");
    assertThat(fake.account().secrets(Long.parseLong(result.servicePrincipalId()))).as("bootstrap secret deleted").isEmpty();
    assertThat(result.oauthSecret()).isEmpty();
  }

  @Test
  void keepBootstrapSecretReturnsItAsTheOAuthCredential() {
    // given
    URI azure = fake.workspace().seedAzure();

    // when
    OnboardingResult result = onboarding(azure).keepBootstrapSecret().oauthSecret(Duration.ofDays(90)).build().apply();

    // then
    assertThat(result.oauthSecret()).isPresent();
    assertThat(result.token()).isPresent();
    assertThat(fake.account().secrets(Long.parseLong(result.servicePrincipalId()))).singleElement()
        .satisfies(s -> assertThat(s.expireTime()).isEqualTo(fake.clock().now().plus(Duration.ofDays(90))));
  }

  @Test
  void theOnBehalfOfNotEnabledErrorOnAnyHostFallsBackToTheBootstrap() {
    // given: the workspace refuses OBO, but is addressed by its non-Azure host
    fake.workspace().seedAzure();

    // when
    OnboardingResult result = onboarding(fake.workspaceHost()).build().apply();

    // then
    assertThat(fake.journal().requests("POST", OBO)).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(403));
    assertThat(whoAmI(fake.workspaceHost(), result.token().orElseThrow())).isEqualTo(result.applicationId());
    assertThat(result.step(Steps.OBO_TOKEN)).get()
        .isInstanceOfSatisfying(StepResult.Completed.class, c -> assertThat(c.detail()).contains("without on-behalf-of"));
  }
}
