package com.treasuredata.cas.databricks.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.RetryPolicy;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleFromTheBaseWithoutJitter() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0).build();

    // when / then
    assertThat(Backoff.delay(policy, 1, new Random(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Backoff.delay(policy, 2, new Random(1))).isEqualTo(Duration.ofSeconds(2));
    assertThat(Backoff.delay(policy, 3, new Random(1))).isEqualTo(Duration.ofSeconds(4));
    assertThat(Backoff.delay(policy, 4, new Random(1))).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void delaysStopGrowingAtTheCapEvenForHugeRetryNumbers() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0).maxDelay(Duration.ofSeconds(30)).build();

    // when / then
    assertThat(Backoff.delay(policy, 6, new Random(1))).isEqualTo(Duration.ofSeconds(30));
    assertThat(Backoff.delay(policy, 90, new Random(1))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterStaysWithinItsBoundsAndNeverPassesTheCap() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0.25).maxDelay(Duration.ofSeconds(30)).build();
    Random seeded = new Random(42);

    // when
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 2_000; i++) {
      long millis = Backoff.delay(policy, 3, seeded).toMillis(); // 4 s nominal
      min = Math.min(min, millis);
      max = Math.max(max, millis);
      assertThat(Backoff.delay(policy, 10, seeded)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    // then
    assertThat(min).isGreaterThanOrEqualTo(3_000).isLessThan(3_100);
    assertThat(max).isLessThanOrEqualTo(5_000).isGreaterThan(4_900);
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    // given
    RetryPolicy policy = RetryPolicy.defaults();

    // when
    Duration first = Backoff.delay(policy, 2, new Random(7));
    Duration second = Backoff.delay(policy, 2, new Random(7));

    // then
    assertThat(first).isEqualTo(second);
  }
}
