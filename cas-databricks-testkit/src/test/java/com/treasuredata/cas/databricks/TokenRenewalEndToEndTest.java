package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end: the service principal renews its own token ({@link TokenRenewal}) against the fake,
 * in-process and in virtual time, with no admin target at all.
 */
class TokenRenewalEndToEndTest {

  private static final String NAME = "TD-CAS-Service";

  private FakeDatabricks fake = FakeDatabricks.create();

  /** Onboards with an admin, as a one-time setup, and returns the service principal's token. */
  private OnboardingResult onboard() {
    return FakeOnboarding.against(fake).servicePrincipal(NAME).token(Duration.ofDays(30)).withoutGrants().build().apply();
  }

  private TokenRenewal renewal(Secret current) {
    return TokenRenewal.builder()
        .workspace(fake.workspaceHost().toString(), current)
        .lifetime(Duration.ofDays(90))
        .transport(fake.transport())
        .clock(fake.clock().asClock())
        .sleeper(d -> fake.clock().advance(d))
        .build();
  }

  private List<IssuedToken> validTokensOfOurs(String applicationId) {
    return fake.workspace().tokens().stream()
        .filter(t -> t.comment().startsWith("cas-databricks " + applicationId + " "))
        .filter(t -> !t.isExpiredAt(fake.clock().now()))
        .toList();
  }

  @Test
  void theServicePrincipalRenewsItsOwnTokenWithOnlyItsCurrentTokenAndNoAdmin() {
    // given
    OnboardingResult onboarded = onboard();
    Secret old = onboarded.token().orElseThrow();
    String applicationId = onboarded.applicationId();
    long mark = fake.journal().mark();

    // when
    RenewalResult renewed = renewal(old).renew();

    // then
    List<JournalEntry> calls = fake.journal().since(mark);
    Secret current = renewed.token().orElseThrow();
    assertThat(renewed.renewed()).isTrue();
    assertThat(renewed.applicationId()).isEqualTo(applicationId);
    assertThat(FakeOnboarding.userName(FakeOnboarding.me(fake, current))).isEqualTo(applicationId);
    FakeResponse oldAnswer = FakeOnboarding.me(fake, old);
    assertThat(oldAnswer.status()).isEqualTo(403);
    assertThat(validTokensOfOurs(applicationId)).extracting(IssuedToken::tokenId).containsExactly(renewed.tokenDetails().orElseThrow().id());
    assertThat(renewed.expiresAt()).contains(fake.clock().now().plus(Duration.ofDays(90)));
    assertThat(calls).isNotEmpty().allSatisfy(e -> assertThat(e.principal()).as(e.requestLine()).isEqualTo(applicationId));
    assertThat(calls.stream().filter(JournalEntry::write).map(JournalEntry::path))
        .containsExactly("/api/2.0/token/create", "/api/2.0/token/delete");
    assertThat(renewed.toString() + renewed.toJson()).doesNotContain(current.reveal()).doesNotContain(old.reveal());
  }

  @Test
  void aScheduledRenewalWritesNothingUntilTheTokenExpiresWithinTheThreshold() {
    // given
    Secret token = onboard().token().orElseThrow();
    long mark = fake.journal().mark();

    // when
    RenewalResult early = renewal(token).renewIfExpiringWithin(Duration.ofDays(7));
    fake.clock().advance(Duration.ofDays(24));
    RenewalResult due = renewal(token).renewIfExpiringWithin(Duration.ofDays(7));

    // then
    assertThat(early.renewed()).isFalse();
    assertThat(early.token()).isEmpty();
    assertThat(due.renewed()).isTrue();
    assertThat(due.notices()).anySatisfy(n -> assertThat(n).contains("expires at").contains("renew it"));
    assertThat(fake.journal().since(mark).stream().filter(JournalEntry::write).map(JournalEntry::path))
        .containsExactly("/api/2.0/token/create", "/api/2.0/token/delete");
  }

  @Test
  void aRenewalIsRefusedBeforeAnyWriteWhenTheTokenLostTheRightToRenew() {
    // given: token scopes on; auto-scoping narrowed our token to what CAS uses it for
    fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withTokenScopes(true)).build();
    OnboardingResult onboarded = onboard();
    fake.workspace().narrowTokenScopes(onboarded.tokenDetails().orElseThrow().id(), "sql");
    long mark = fake.journal().mark();

    // when / then
    assertThatThrownBy(() -> renewal(onboarded.token().orElseThrow()).renew())
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("renewal refused")
        .hasMessageContaining("without 'authentication'")
        .hasMessageContaining("What to do: a workspace admin mints a new token");
    assertThat(fake.journal().since(mark)).noneMatch(JournalEntry::write);
  }

  @Test
  void renewedTokensAskForEveryApiWithAutoScopingOffSoTheyStayRenewable() {
    // given: a workspace that auto-scopes tokens of 30 days or more
    fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withTokenAutoscope(true)).build();
    Secret first = onboard().token().orElseThrow();

    // when: a month passes, then the service principal renews twice
    RenewalResult renewed = renewal(first).renew();
    fake.clock().advance(Duration.ofDays(40));
    RenewalResult again = renewal(renewed.token().orElseThrow()).renew();

    // then
    assertThat(again.renewed()).isTrue();
    assertThat(fake.journal().requests("POST", "/api/2.0/token/create")).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
    assertThat(again.steps()).extracting(StepResult::step).containsExactly(Steps.RENEW_TOKEN, Steps.VERIFY_TOKEN, Steps.REVOKE_PREVIOUS_TOKENS);
  }
}
