package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsAreFiveAttemptsOneSecondDoublingToThirtyWithinTwoMinutes() {
    // given / when
    RetryPolicy policy = RetryPolicy.defaults();

    // then
    assertThat(policy.maxAttempts()).isEqualTo(5);
    assertThat(policy.baseDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.jitter()).isEqualTo(0.2);
    assertThat(policy.totalDeadline()).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.propagationWait()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void noneSendsOnceAndNeverWaitsForPropagation() {
    // given / when
    RetryPolicy none = RetryPolicy.none();

    // then
    assertThat(none.maxAttempts()).isEqualTo(1);
    assertThat(none.propagationWait()).isZero();
  }

  @Test
  void toBuilderRoundTripsEveryValue() {
    // given
    RetryPolicy custom = RetryPolicy.builder()
        .maxAttempts(8).baseDelay(Duration.ofMillis(200)).maxDelay(Duration.ofSeconds(5)).jitter(0.5)
        .totalDeadline(Duration.ofMinutes(7)).propagationWait(Duration.ofSeconds(90)).build();

    // when
    RetryPolicy copy = custom.toBuilder().build();

    // then
    assertThat(copy).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(copy.toString()).contains("maxAttempts=8", "200 ms", "90 seconds", "7 minutes").doesNotContain("PT");
  }

  @Test
  void builderRejectsEachBadArgumentImmediatelyNamingIt() {
    // given
    RetryPolicy.Builder builder = RetryPolicy.builder();

    // when / then
    assertThatThrownBy(() -> builder.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts").hasMessageContaining("0");
    assertThatThrownBy(() -> builder.maxAttempts(101)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> builder.baseDelay(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("baseDelay");
    assertThatThrownBy(() -> builder.baseDelay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseDelay");
    assertThatThrownBy(() -> builder.maxDelay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
    assertThatThrownBy(() -> builder.jitter(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    assertThatThrownBy(() -> builder.jitter(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    assertThatThrownBy(() -> builder.totalDeadline(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalDeadline");
    assertThatThrownBy(() -> builder.totalDeadline(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("totalDeadline");
    assertThatThrownBy(() -> builder.propagationWait(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("propagationWait");
  }

  @Test
  void buildRejectsABaseDelayAboveTheCap() {
    // given
    RetryPolicy.Builder builder = RetryPolicy.builder().baseDelay(Duration.ofSeconds(40)).maxDelay(Duration.ofSeconds(30));

    // when / then
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseDelay (40 seconds)")
        .hasMessageContaining("maxDelay (30 seconds)");
  }
}
