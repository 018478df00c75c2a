package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import static com.treasuredata.cas.databricks.testing.Onboardings.SP_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.PlannedStep;
import com.treasuredata.cas.databricks.TokenMode;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport.Call;
import com.treasuredata.cas.databricks.testing.Onboardings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token rotation on the wire: mint, verify with SCIM Me, and only then revoke our older tokens. */
class RevokePreviousTokensStepTest {

  private static final String TOKENS = "/api/2.0/token-management/tokens";
  private static final String ME = "/api/2.0/preview/scim/v2/Me";

  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();
  private final FakeWorkspaceTransport.Sp sp = fake.addServicePrincipal(SP_NAME, true);
  private final FakeWorkspaceTransport.Sp other = fake.addServicePrincipal("someone-else", true);

  private String ourTag(String runId) {
    return "cas-databricks " + sp.applicationId() + " " + runId;
  }

  private CasOnboardingBuilder rotation() {
    fake.canUse("service_principal_name", sp.applicationId());
    return Onboardings.full(fake).rotateToken();
  }

  private static List<String> lines(List<Call> calls) {
    return calls.stream().map(Call::line).toList();
  }

  private List<String> tokenIds() {
    return fake.tokens().stream().map(t -> t.path("token_id").asText()).toList();
  }

  @Test
  void rotationRevokesOurOtherValidTokensOnlyAfterTheNewTokenVerified() {
    // given
    String older = fake.token(sp.applicationId(), ourTag("0000beef"), -1);
    String old = fake.token(sp.applicationId(), ourTag("0000cafe"), fake.now() + Duration.ofDays(1).toMillis());
    String expired = fake.token(sp.applicationId(), ourTag("0000dead"), fake.now() - 1);
    String othersTagged = fake.token(other.applicationId(), "cas-databricks " + other.applicationId() + " 0000beef", -1);
    String untagged = fake.token(sp.applicationId(), "made by hand", -1);

    // when
    OnboardingResult result = rotation().build().apply();

    // then
    List<String> lines = lines(fake.journal());
    int me = lines.indexOf("GET " + ME);
    assertThat(me).isGreaterThan(lines.indexOf("POST /api/2.0/token-management/on-behalf-of/tokens"));
    List<Call> deletes = fake.journal().stream().filter(c -> c.method().equals("DELETE")).toList();
    assertThat(deletes).extracting(Call::path).containsExactly(TOKENS + "/" + older, TOKENS + "/" + old);
    assertThat(deletes).allSatisfy(d -> assertThat(lines.indexOf(d.line())).isGreaterThan(me));
    String minted = result.tokenDetails().orElseThrow().id();
    assertThat(tokenIds()).containsExactlyInAnyOrder(expired, othersTagged, untagged, minted);
    assertThat(result.token()).isPresent();
    assertThat(result.step(Steps.REVOKE_PREVIOUS_TOKENS)).get()
        .isInstanceOfSatisfying(StepResult.Completed.class, c -> {
          assertThat(c.change()).isEqualTo(StepResult.Change.DELETED);
          assertThat(c.detail()).contains(older, old, "kept " + minted).doesNotContain(result.token().get().reveal());
        });
  }

  @Test
  void planOfARotationListsTheTokensItWouldRevokeAndSendsNoWrite() {
    // given
    String old = fake.token(sp.applicationId(), ourTag("0000cafe"), -1);
    String othersTagged = fake.token(other.applicationId(), "cas-databricks " + other.applicationId() + " 0000beef", -1);

    // when
    OnboardingPlan plan = rotation().build().plan();

    // then
    assertThat(fake.writes()).isEmpty();
    PlannedStep revoke = plan.steps().stream().filter(s -> s.step().equals(Steps.REVOKE_PREVIOUS_TOKENS)).findFirst().orElseThrow();
    assertThat(revoke.action()).isEqualTo(PlannedAction.DELETE);
    assertThat(revoke.reason()).contains("revoke 1 older token(s) of ours", old).doesNotContain(othersTagged);
    assertThat(tokenIds()).containsExactly(old, othersTagged);
  }

  @Test
  void aVerificationFailureRevokesNothingOld() {
    // given
    String old = fake.token(sp.applicationId(), ourTag("0000cafe"), -1);
    fake.meAnswers("someone@example.com");

    // when / then
    assertThatThrownBy(() -> rotation().build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          assertThat(e.partialResult().step(Steps.VERIFY_TOKEN)).get().isInstanceOf(StepResult.Failed.class);
          assertThat(e.partialResult().step(Steps.REVOKE_PREVIOUS_TOKENS)).get().isInstanceOf(StepResult.Skipped.class);
        });
    assertThat(fake.journal()).noneSatisfy(c -> assertThat(c.method()).isEqualTo("DELETE"));
    assertThat(tokenIds()).contains(old);
  }

  @Test
  void aRevokeAnsweredWithNotFoundCountsTheTokenAsAlreadyGone() {
    // given
    String old = fake.token(sp.applicationId(), ourTag("0000cafe"), -1);
    fake.fault("DELETE " + TOKENS + "/", "lost"); // deleted, but the answer never arrives; the retry gets 404

    // when
    OnboardingResult result = rotation().retryPolicy(RetryPolicy.builder().maxAttempts(2).build()).build().apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(lines(fake.journal())).containsSubsequence("DELETE " + TOKENS + "/" + old, "DELETE " + TOKENS + "/" + old);
    assertThat(result.step(Steps.REVOKE_PREVIOUS_TOKENS)).get()
        .isInstanceOfSatisfying(StepResult.Completed.class, c -> assertThat(c.detail()).contains("already gone: [" + old + "]"));
    assertThat(tokenIds()).containsExactly(result.tokenDetails().orElseThrow().id());
  }

  @Test
  void theDefaultTokenPathHasNoRevokeStepAndSendsNoDelete() {
    // given
    fake.canUse("service_principal_name", sp.applicationId());
    String old = fake.token(sp.applicationId(), ourTag("0000cafe"), -1);

    // when
    OnboardingResult result = Onboardings.full(fake).alwaysNewToken().build().apply();

    // then
    assertThat(result.step(Steps.REVOKE_PREVIOUS_TOKENS)).isEmpty();
    assertThat(fake.journal()).noneSatisfy(c -> assertThat(c.method()).isEqualTo("DELETE"));
    assertThat(tokenIds()).contains(old).hasSize(2);
  }

  @Test
  void rotationIsOneTokenModeNotTwoFlags() {
    // given
    Duration day = Duration.ofDays(1);

    // when
    TokenPolicy rotate = TokenPolicy.rotate(day);

    // then
    assertThat(rotate.mode()).isEqualTo(TokenMode.ROTATE);
    assertThat(TokenPolicy.reuseOrMint(day).mode()).isEqualTo(TokenMode.REUSE_OR_MINT);
    assertThat(TokenPolicy.alwaysMint(day).mode()).isEqualTo(TokenMode.ALWAYS_MINT);
    assertThat(rotate.minRemaining()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void rotateTokenWithoutATokenLifetimeIsRejected() {
    // given
    CasOnboardingBuilder builder = Onboardings.full(fake).token(TokenPolicy.reuseOrMint(Duration.ofDays(1)));
    CasOnboardingBuilder withoutToken = CasOnboarding.builder().workspace(Onboardings.workspace()).servicePrincipal(SP_NAME).rotateToken();

    // when / then
    assertThatThrownBy(withoutToken::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rotateToken() needs token(lifetime)");
    assertThat(builder.rotateToken().build().plan().steps()).extracting(PlannedStep::step).contains(Steps.REVOKE_PREVIOUS_TOKENS);
  }
}
