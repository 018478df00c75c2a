package com.treasuredata.cas.databricks.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final TestClock clock = TestClock.at(Instant.parse("2026-03-01T12:00:00Z"));

  @Test
  void integerSecondsAreReadAsADelay() {
    // given / when
    Optional<Duration> wait = RetryAfter.parse(Optional.of(" 7 "), clock);

    // then
    assertThat(wait).contains(Duration.ofSeconds(7));
  }

  @Test
  void anHttpDateIsMeasuredFromTheInjectedClock() {
    // given / when
    Optional<Duration> wait = RetryAfter.parse(Optional.of("Sun, 01 Mar 2026 12:00:42 GMT"), clock);

    // then
    assertThat(wait).contains(Duration.ofSeconds(42));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    // given / when
    Optional<Duration> wait = RetryAfter.parse(Optional.of("Sun, 01 Mar 2026 11:00:00 GMT"), clock);

    // then
    assertThat(wait).contains(Duration.ZERO);
  }

  @Test
  void absentOrUnreadableValuesFallBackToBackoff() {
    // given / when / then
    assertThat(RetryAfter.parse(Optional.empty(), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("soon"), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("-3"), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("99999999999999999999999"), clock)).isEmpty();
  }
}
