package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How onboarding provides the service principal's personal access token (minted on behalf of the
 * service principal by a workspace admin): a lifetime and a {@link TokenMode}.
 *
 * <p>{@link TokenMode#REUSE_OR_MINT} (the default, {@link #reuseOrMint(Duration)}) mints only when
 * no fitting token of ours exists: one owned by the service principal whose comment carries our tag
 * and the service principal's applicationId, that has at least {@link #minRemaining()} left
 * (default: half the lifetime) and expires no later than the lifetime and the workspace's current
 * {@code maxTokenLifetimeDays} from now (a legacy token without expiry never fits). A reused token's
 * secret cannot be read back, so the result then has no secret. {@link TokenMode#ALWAYS_MINT}
 * always mints one. {@link TokenMode#ROTATE} mints one and, once it has verified, revokes the older
 * tokens of ours for the service principal: the way to recover when nobody holds the secret of the
 * token a re-run would reuse. Immutable.
 *
 * <pre>{@code
 * CasOnboarding.builder()...token(TokenPolicy.rotate(Duration.ofDays(90))).build().apply();
 * }</pre>
 */
public final class TokenPolicy {

  /** The platform maximum token lifetime. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(730);

  private final Duration lifetime;
  private final TokenMode mode;
  private final Duration minRemaining;
  private final TokenScopes scopes;

  private TokenPolicy(Duration lifetime, TokenMode mode, Duration minRemaining) {
    this(lifetime, mode, minRemaining, TokenScopes.allApisNoAutoScoping());
  }

  private TokenPolicy(Duration lifetime, TokenMode mode, Duration minRemaining, TokenScopes scopes) {
    Objects.requireNonNull(lifetime, "token lifetime is null; allowed: 1 second to 730 days, e.g. Duration.ofDays(90)");
    Objects.requireNonNull(mode, "token mode is null; allowed: a TokenMode such as TokenMode.REUSE_OR_MINT");
    Objects.requireNonNull(minRemaining, "minimum remaining lifetime is null; allowed: 0 to the token lifetime, e.g. Duration.ofDays(7)");
    if (lifetime.isNegative() || lifetime.getSeconds() < 1) {
      throw new IllegalArgumentException(
          "token lifetime " + Durations.describe(lifetime) + " is invalid; allowed: 1 second to 730 days");
    }
    if (lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "token lifetime " + Durations.describe(lifetime) + " is above the Databricks maximum; allowed: at most 730 days");
    }
    if (minRemaining.isNegative() || minRemaining.compareTo(lifetime) > 0) {
      throw new IllegalArgumentException(
          "minimum remaining lifetime " + Durations.describe(minRemaining) + " is invalid; allowed: 0 to the token lifetime "
              + Durations.describe(lifetime));
    }
    this.lifetime = lifetime;
    this.mode = mode;
    this.minRemaining = minRemaining;
    this.scopes = Objects.requireNonNull(scopes, "scopes");
  }

  /**
   * Returns the default policy: reuse a valid token of ours with at least half of {@code lifetime}
   * left, else mint one valid for {@code lifetime}.
   *
   * @param lifetime how long the token stays valid: 1 second to 730 days
   * @return the default policy: reuse a valid token of ours with at least half of {@code lifetime} left, else mint one valid for {@code lifetime}
   * @throws IllegalArgumentException if {@code lifetime} is not between 1 second and 730 days
   */
  public static TokenPolicy reuseOrMint(Duration lifetime) {
    Objects.requireNonNull(lifetime, "token lifetime is null; allowed: 1 second to 730 days, e.g. Duration.ofDays(90)");
    return new TokenPolicy(lifetime, TokenMode.REUSE_OR_MINT, lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(2));
  }

  /**
   * Returns a policy that always mints a token valid for {@code lifetime}.
   *
   * @param lifetime how long the token stays valid: 1 second to 730 days
   * @return a policy that always mints a token valid for {@code lifetime}
   */
  public static TokenPolicy alwaysMint(Duration lifetime) {
    return reuseOrMint(lifetime).withMode(TokenMode.ALWAYS_MINT);
  }

  /**
   * Returns the rotation policy: always mint a token valid for {@code lifetime}, verify it, then
   * revoke every older valid token of ours for the service principal (never other principals'
   * tokens, never tokens without our tag).
   *
   * @param lifetime how long the token stays valid: 1 second to 730 days
   * @return the rotation policy: always mint a token valid for {@code lifetime}, verify it, then revoke every older valid token of ours for the service principal (never other principals' tokens, never tokens without our tag)
   */
  public static TokenPolicy rotate(Duration lifetime) {
    return reuseOrMint(lifetime).withMode(TokenMode.ROTATE);
  }

  /**
   * Returns a copy with {@code mode}.
   *
   * @param mode the mode
   * @return a copy with {@code mode}
   */
  public TokenPolicy withMode(TokenMode mode) {
    return new TokenPolicy(lifetime, mode, minRemaining, scopes);
  }

  /**
   * Returns a copy whose minted tokens ask for {@code scopes} (default
   * {@link TokenScopes#allApisNoAutoScoping()}: every API, auto-scoping off, so they stay renewable).
   *
   * @param scopes the scopes and auto-scoping choice
   * @return the copy
   */
  public TokenPolicy withScopes(TokenScopes scopes) {
    return new TokenPolicy(lifetime, mode, minRemaining, Objects.requireNonNull(scopes, "scopes"));
  }

  /**
   * Returns what minted tokens ask for: scopes and the auto-scoping flag.
   *
   * @return what minted tokens ask for: scopes and the auto-scoping flag
   */
  public TokenScopes scopes() {
    return scopes;
  }

  /**
   * Returns a copy that reuses tokens with at least {@code remaining} left.
   *
   * @param remaining the remaining
   * @return a copy that reuses tokens with at least {@code remaining} left
   * @throws IllegalArgumentException if {@code remaining} is negative or longer than the lifetime
   */
  public TokenPolicy withMinRemaining(Duration remaining) {
    return new TokenPolicy(lifetime, mode, remaining, scopes);
  }

  /**
   * Returns the lifetime of a minted token: at most 730 days and at most the workspace's {@code maxTokenLifetimeDays}.
   *
   * @return the lifetime of a minted token: at most 730 days and at most the workspace's {@code maxTokenLifetimeDays}
   */
  public Duration lifetime() {
    return lifetime;
  }

  /**
   * Returns the mode.
   *
   * @return the mode
   */
  public TokenMode mode() {
    return mode;
  }

  /**
   * Returns how much lifetime an existing token must have left to be reused.
   *
   * @return how much lifetime an existing token must have left to be reused
   */
  public Duration minRemaining() {
    return minRemaining;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenPolicy
        && lifetime.equals(((TokenPolicy) other).lifetime)
        && mode == ((TokenPolicy) other).mode
        && minRemaining.equals(((TokenPolicy) other).minRemaining)
        && scopes.equals(((TokenPolicy) other).scopes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lifetime, mode, minRemaining, scopes);
  }

  @Override
  public String toString() {
    return "TokenPolicy[" + mode + ", lifetime " + Durations.describe(lifetime) + ", reuse with at least " + Durations.describe(minRemaining) + " left, " + scopes + "]";
  }
}
