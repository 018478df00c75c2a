package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: token rotation ({@link CasOnboardingBuilder#rotateToken()}) against the testkit's
 * fake Databricks, in-process. Checks which tokens authenticate afterwards, not the wire format
 * (the core's {@code RevokePreviousTokensStepTest} does that).
 */
class TokenRotationEndToEndTest {

  private static final String NAME = "TD-CAS-Service";
  private static final String OBO = "/api/2.0/token-management/on-behalf-of/tokens";
  private static final String TOKENS = "/api/2.0/token-management/tokens";

  private FakeDatabricks fake;

  @BeforeEach
  void newFake() {
    fake = FakeDatabricks.create();
  }

  private CasOnboardingBuilder onboarding() {
    return FakeOnboarding.against(fake).servicePrincipal(NAME).token(Duration.ofDays(1)).withoutGrants();
  }

  private FakeResponse me(Secret token) {
    return FakeOnboarding.me(fake, token);
  }

  private String whoAmI(Secret token) {
    FakeResponse response = me(token);
    assertThat(response.status()).as("GET /Me with the token").isEqualTo(200);
    return FakeOnboarding.userName(response);
  }

  /** The valid tokens carrying our tag for {@code applicationId}. */
  private List<IssuedToken> validTokensOfOurs(String applicationId) {
    return fake.workspace().tokens().stream()
        .filter(t -> t.comment().startsWith("cas-databricks " + applicationId + " "))
        .filter(t -> !t.isExpiredAt(fake.clock().now()))
        .toList();
  }

  @Test
  void rotationReturnsAWorkingSecretRevokesThePreviousTokenAndKeepsOtherPrincipalsTokens() {
    // given
    ServicePrincipal other = fake.account().addServicePrincipal("other-integration");
    fake.workspace().assign(other.applicationId(), "USER");
    fake.workspace().grantTokenPermission(new TokenPermission(PrincipalType.SERVICE_PRINCIPAL, other.applicationId(), "CAN_USE"));
    Secret othersToken = fake.workspace().issueToken(other.applicationId(), Duration.ofDays(30));
    OnboardingResult first = onboarding().build().apply();
    Secret previous = first.token().orElseThrow();
    String previousId = first.tokenDetails().orElseThrow().id();

    // when
    OnboardingResult rotated = onboarding().rotateToken().build().apply();

    // then
    Secret current = rotated.token().orElseThrow();
    assertThat(whoAmI(current)).isEqualTo(rotated.applicationId());
    FakeResponse old = me(previous);
    assertThat(old.status()).isEqualTo(403);
    assertThat(old.body()).contains("Invalid access token");
    assertThat(whoAmI(othersToken)).isEqualTo(other.applicationId());
    assertThat(validTokensOfOurs(rotated.applicationId())).extracting(IssuedToken::tokenId)
        .containsExactly(rotated.tokenDetails().orElseThrow().id());
    assertThat(rotated.step(Steps.REVOKE_PREVIOUS_TOKENS)).get()
        .isInstanceOfSatisfying(StepResult.Completed.class, c -> assertThat(c.detail()).contains(previousId).doesNotContain(current.reveal()));
  }

  @Test
  void afterAProcessDiedWithAMintedTokenARotationLeavesOneValidTokenOfOursHeldByTheCaller() {
    // given: the mint is applied but its answer is lost, and the run dies before it can clean up
    fake.faults().add(FaultRule.on("POST", OBO, Fault.afterHandler(504)));
    fake.faults().add(FaultRule.on("GET", TOKENS, Fault.status(503)).always());
    assertThatThrownBy(() -> onboarding().retryPolicy(RetryPolicy.builder().maxAttempts(1).build()).build().apply())
        .isInstanceOf(OnboardingFailedException.class);
    fake.faults().clear();
    String applicationId = fake.account().servicePrincipalsNamed(NAME).get(0).applicationId();
    List<IssuedToken> orphans = validTokensOfOurs(applicationId);
    assertThat(orphans).hasSize(1);
    OnboardingResult rerun = onboarding().build().apply();
    assertThat(rerun.isSecretUnavailable()).as("a plain re-run reuses the orphan and cannot return its secret").isTrue();

    // when
    OnboardingResult rotated = onboarding().rotateToken().build().apply();

    // then
    Secret held = rotated.token().orElseThrow();
    assertThat(whoAmI(held)).isEqualTo(applicationId);
    assertThat(validTokensOfOurs(applicationId)).extracting(IssuedToken::tokenId)
        .containsExactly(rotated.tokenDetails().orElseThrow().id())
        .doesNotContain(orphans.get(0).tokenId());
  }
}
