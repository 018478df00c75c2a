package com.treasuredata.cas.databricks.internal.retry;

import com.treasuredata.cas.databricks.RetryPolicy;
import java.time.Duration;
import java.util.Random;

/** Computes backoff delays: exponential from the base delay, jittered, capped. Not API. */
public final class Backoff {

  private Backoff() {}

  /**
   * Returns the delay before retry number {@code retry} (1 for the first retry):
   * {@code min(maxDelay, base × 2^(retry-1))}, multiplied by a uniform factor in
   * {@code [1 - jitter, 1 + jitter]}, then capped at {@code maxDelay} again.
   */
  public static Duration delay(RetryPolicy policy, int retry, Random random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1, was " + retry);
    }
    long base = policy.baseDelay().toMillis();
    long cap = policy.maxDelay().toMillis();
    int shift = Math.min(retry - 1, 30);
    long exponential = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    double factor = 1.0 + policy.jitter() * (2.0 * random.nextDouble() - 1.0);
    long jittered = Math.round(exponential * factor);
    return Duration.ofMillis(Math.max(0, Math.min(cap, jittered)));
  }
}
