package com.treasuredata.cas.databricks;

import java.time.Duration;
import java.util.Objects;

/**
 * How onboarding provides the service principal's personal access token (minted on behalf of the
 * service principal by a workspace admin).
 *
 * <p>By default ({@link #reuseOrMint(Duration)}) a token is minted only when no valid token of
 * ours exists: a token whose comment carries our tag and the service principal's applicationId and
 * that never expires or has at least {@link #minRemaining()} left (default: half the lifetime). A
 * reused token's secret cannot be read back, so the result then has no secret.
 * {@link #alwaysNew()} always mints one. {@link #rotate(Duration)} mints one and, once it has
 * verified, revokes the older tokens of ours for the service principal ({@link #revokePrevious()}):
 * the way to recover when nobody holds the secret of the token a re-run would reuse. Immutable.
 *
 * <pre>{@code
 * CasOnboarding.builder()...token(TokenPolicy.rotate(Duration.ofDays(90))).build().apply();
 * }</pre>
 *
 * @param lifetime the lifetime of a minted token: more than zero, at most 730 days, and at most the
 *     workspace's {@code maxTokenLifetimeDays}
 * @param alwaysNew whether to mint even when a valid token of ours exists
 * @param minRemaining how much lifetime an existing token must have left to be reused
 * @param revokePrevious whether, after the new token verified, the older valid tokens of ours for
 *     the service principal are revoked (requires {@code alwaysNew})
 */
public record TokenPolicy(Duration lifetime, boolean alwaysNew, Duration minRemaining, boolean revokePrevious) {

  /** The platform maximum token lifetime. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(730);

  /**
   * Validates the durations.
   *
   * @throws IllegalArgumentException if the lifetime is not in (0, 730 days] or shorter than one
   *     second, {@code minRemaining} is negative or longer than the lifetime, or
   *     {@code revokePrevious} is set without {@code alwaysNew}
   */
  public TokenPolicy {
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(minRemaining, "minRemaining");
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.getSeconds() < 1) {
      throw new IllegalArgumentException("token lifetime " + lifetime + " is invalid; allowed: 1 second to 730 days (PT17520H)");
    }
    if (lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "token lifetime " + lifetime + " (" + lifetime.toDays() + " days) is above the Databricks maximum; allowed: at most 730 days");
    }
    if (minRemaining.isNegative() || minRemaining.compareTo(lifetime) > 0) {
      throw new IllegalArgumentException(
          "minimum remaining lifetime " + minRemaining + " is invalid; allowed: 0 to the token lifetime " + lifetime);
    }
    if (revokePrevious && !alwaysNew) {
      throw new IllegalArgumentException(
          "revokePrevious=true with alwaysNew=false would revoke the token it reuses; allowed: revokePrevious only with alwaysNew (use withRevokePrevious())");
    }
  }

  /** Creates a policy that does not revoke previous tokens (the shape before rotation existed). */
  public TokenPolicy(Duration lifetime, boolean alwaysNew, Duration minRemaining) {
    this(lifetime, alwaysNew, minRemaining, false);
  }

  /** Returns the default policy: reuse a valid token of ours with at least half of {@code lifetime} left, else mint one. */
  public static TokenPolicy reuseOrMint(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    return new TokenPolicy(lifetime, false, lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(2));
  }

  /**
   * Returns the rotation policy: always mint a token valid for {@code lifetime}, verify it, then
   * revoke every older valid token of ours for the service principal.
   */
  public static TokenPolicy rotate(Duration lifetime) {
    return reuseOrMint(lifetime).withRevokePrevious();
  }

  /** Returns a copy that always mints a new token. */
  public TokenPolicy withAlwaysNew() {
    return new TokenPolicy(lifetime, true, minRemaining, revokePrevious);
  }

  /**
   * Returns a copy that rotates: always mints a new token and, only after it verified, revokes the
   * older valid tokens of ours for the service principal (never other principals' tokens, never
   * tokens without our tag).
   */
  public TokenPolicy withRevokePrevious() {
    return new TokenPolicy(lifetime, true, minRemaining, true);
  }

  /** Returns a copy that reuses tokens with at least {@code remaining} left. */
  public TokenPolicy withMinRemaining(Duration remaining) {
    return new TokenPolicy(lifetime, alwaysNew, remaining, revokePrevious);
  }
}
