package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How requests are retried: a bounded number of attempts, exponential backoff with jitter and a
 * cap, a total deadline, {@code Retry-After} honoured, and how long to wait for a just-created
 * principal to become visible.
 *
 * <p>Defaults ({@link #defaults()}): 5 attempts, 1 s base delay doubling per retry, 30 s cap,
 * ±20 % jitter, a 2 minute total deadline and a 60 s propagation wait. {@code Retry-After} (integer
 * seconds or an HTTP date) replaces the computed delay when the server sends it.
 *
 * <p>Which failures are retried depends on what the request does, not on this policy: reads and
 * set-like writes retry on 429, 500, 502, 503, 504 and connection failures; creates retry only
 * when the server cannot have acted (429, 501, 503, a failure to connect), and otherwise the step
 * reconciles by reading before it decides again. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder()
 *     .maxAttempts(8)
 *     .totalDeadline(Duration.ofMinutes(5))
 *     .propagationWait(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = new Builder().build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration totalDeadline;
  private final Duration propagationWait;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.baseDelay = builder.baseDelay;
    this.maxDelay = builder.maxDelay;
    this.jitter = builder.jitter;
    this.totalDeadline = builder.totalDeadline;
    this.propagationWait = builder.propagationWait;
  }

  /**
   * Returns the default policy described in the class documentation.
   *
   * @return the shared default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a policy that never retries and never waits for propagation: every request is sent
   * once. Useful in tests that assert exact request counts.
   *
   * @return a policy of one attempt and no propagation wait
   */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).propagationWait(Duration.ZERO).build();
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this policy's values.
   *
   * @return a new builder, independent of this policy
   */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .baseDelay(baseDelay)
        .maxDelay(maxDelay)
        .jitter(jitter)
        .totalDeadline(totalDeadline)
        .propagationWait(propagationWait);
  }

  /**
   * Returns the maximum number of attempts per request, the first one included (at least 1).
   *
   * @return the attempts per request
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the delay before the first retry; each further retry doubles it up to {@link #maxDelay()}.
   *
   * @return the first retry's delay
   */
  public Duration baseDelay() {
    return baseDelay;
  }

  /**
   * Returns the cap on a computed backoff delay (jitter included).
   *
   * @return the longest delay between two attempts
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * Returns the jitter as a fraction in [0, 1]: a delay {@code d} becomes a value in {@code d × (1 ± jitter)}.
   *
   * @return the jitter fraction
   */
  public double jitter() {
    return jitter;
  }

  /**
   * Returns the time budget for one request including all its retries and waits.
   *
   * @return the budget of one request
   */
  public Duration totalDeadline() {
    return totalDeadline;
  }

  /**
   * Returns how long steps keep retrying "principal not yet visible" errors (a service principal
   * that was just created or assigned is often reported missing for a few seconds).
   *
   * @return the longest wait for a new principal to become visible
   */
  public Duration propagationWait() {
    return propagationWait;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy that = (RetryPolicy) other;
    return maxAttempts == that.maxAttempts
        && Double.compare(jitter, that.jitter) == 0
        && baseDelay.equals(that.baseDelay)
        && maxDelay.equals(that.maxDelay)
        && totalDeadline.equals(that.totalDeadline)
        && propagationWait.equals(that.propagationWait);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay, jitter, totalDeadline, propagationWait);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts
        + ", baseDelay=" + Durations.describe(baseDelay)
        + ", maxDelay=" + Durations.describe(maxDelay)
        + ", jitter=" + jitter
        + ", totalDeadline=" + Durations.describe(totalDeadline)
        + ", propagationWait=" + Durations.describe(propagationWait) + "]";
  }

  /**
   * Builds a {@link RetryPolicy}. Each method checks its argument immediately and throws
   * {@link NullPointerException} or {@link IllegalArgumentException} naming it; {@link #build()}
   * checks the rules that involve two values. Not thread-safe.
   */
  public static final class Builder {

    private int maxAttempts = 5;
    private Duration baseDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(30);
    private double jitter = 0.2;
    private Duration totalDeadline = Duration.ofMinutes(2);
    private Duration propagationWait = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Sets the maximum number of attempts per request, the first included.
     *
     * @param maxAttempts attempts per request, the first included
     * @return this builder
     * @throws IllegalArgumentException unless 1 ≤ {@code maxAttempts} ≤ 100
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 100, was " + maxAttempts + "; allowed: 1 to 100");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the delay before the first retry.
     *
     * @param baseDelay the first retry's delay, doubled for each further retry
     * @return this builder
     * @throws NullPointerException if {@code baseDelay} is null
     * @throws IllegalArgumentException if {@code baseDelay} is negative
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = nonNegative(baseDelay, "baseDelay");
      return this;
    }

    /**
     * Sets the cap on a computed backoff delay.
     *
     * @param maxDelay the longest delay between two attempts
     * @return this builder
     * @throws NullPointerException if {@code maxDelay} is null
     * @throws IllegalArgumentException if {@code maxDelay} is negative
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = nonNegative(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Sets the jitter fraction: each computed delay {@code d} is drawn uniformly from
     * {@code d × (1 - jitter) .. d × (1 + jitter)}, then capped at {@link #maxDelay(Duration)}.
     *
     * @param jitter the fraction by which a delay may vary either way
     * @return this builder
     * @throws IllegalArgumentException unless 0 ≤ {@code jitter} ≤ 1
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new IllegalArgumentException("jitter must be between 0.0 and 1.0, was " + jitter + "; allowed: 0.0 to 1.0");
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the time budget for one request including its retries.
     *
     * @param totalDeadline the budget of one request, retries and waits included
     * @return this builder
     * @throws NullPointerException if {@code totalDeadline} is null
     * @throws IllegalArgumentException if {@code totalDeadline} is zero or negative
     */
    public Builder totalDeadline(Duration totalDeadline) {
      Objects.requireNonNull(totalDeadline, "totalDeadline is null; allowed: a positive Duration such as Duration.ofMinutes(5)");
      if (totalDeadline.isZero() || totalDeadline.isNegative()) {
        throw new IllegalArgumentException("totalDeadline must be positive, was " + Durations.describe(totalDeadline) + "; allowed: a positive Duration such as Duration.ofMinutes(5)");
      }
      this.totalDeadline = totalDeadline;
      return this;
    }

    /**
     * Sets how long steps retry "principal not yet visible" errors; zero disables those retries.
     *
     * @param propagationWait how long to retry a principal that is not visible yet
     * @return this builder
     * @throws NullPointerException if {@code propagationWait} is null
     * @throws IllegalArgumentException if {@code propagationWait} is negative
     */
    public Builder propagationWait(Duration propagationWait) {
      this.propagationWait = nonNegative(propagationWait, "propagationWait");
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return a new, immutable policy
     * @throws IllegalStateException if {@code baseDelay} exceeds {@code maxDelay}
     */
    public RetryPolicy build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalStateException(
            "baseDelay (" + Durations.describe(baseDelay) + ") must not exceed maxDelay (" + Durations.describe(maxDelay) + "); allowed: baseDelay <= maxDelay");
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, () -> name + " is null; allowed: a Duration of zero or more");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + Durations.describe(value) + "; allowed: zero or more");
      }
      return value;
    }
  }
}
