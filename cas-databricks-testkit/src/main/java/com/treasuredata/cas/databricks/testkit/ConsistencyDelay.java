package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a newly created service principal stays invisible to the workspace-side APIs that
 * resolve principals: account and workspace permission assignment, the token ACL, OBO token
 * creation and Unity Catalog grants. While invisible they answer exactly as for an unknown
 * principal. The account SCIM API sees the principal at once.
 *
 * <p>Either a number of lookups (each request that tries to resolve the principal spends one) or
 * a span of virtual time from its creation. Applies to principals created through the API after
 * it is set; seeded principals ({@code fake.account().addServicePrincipal(..)}) are visible at once.
 *
 * @param reads lookups answered "unknown" before the principal appears (0 for none)
 * @param duration virtual time after creation during which it is invisible ({@link Duration#ZERO} for none)
 */
public record ConsistencyDelay(int reads, Duration duration) {

  /**
   * Checks the components.
   *
   * @param duration the duration
   * @param reads the reads
   */
  public ConsistencyDelay {
    Objects.requireNonNull(duration, "duration");
    if (reads < 0) {
      throw new IllegalArgumentException("reads must be >= 0, was " + reads);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + Durations.describe(duration) + "; allowed: zero or more");
    }
  }

  /**
   * Returns "visible at once" (the default).
   *
   * @return "visible at once" (the default)
   */
  public static ConsistencyDelay none() {
    return new ConsistencyDelay(0, Duration.ZERO);
  }

  /**
   * Returns "invisible for the first {@code reads} lookups".
   *
   * @param reads the reads
   * @return "invisible for the first {@code reads} lookups"
   */
  public static ConsistencyDelay reads(int reads) {
    return new ConsistencyDelay(reads, Duration.ZERO);
  }

  /**
   * Returns "invisible for {@code duration} of virtual time after creation".
   *
   * @param duration the duration
   * @return "invisible for {@code duration} of virtual time after creation"
   */
  public static ConsistencyDelay duration(Duration duration) {
    return new ConsistencyDelay(0, duration);
  }

  /**
   * Returns true when principals are visible at once.
   *
   * @return true when principals are visible at once
   */
  public boolean isNone() {
    return reads == 0 && duration.isZero();
  }
}
