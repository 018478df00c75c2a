package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.Durations;
import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.internal.engine.OnboardingSettings;
import com.treasuredata.cas.databricks.internal.engine.Renewal;
import com.treasuredata.cas.databricks.internal.engine.RunResult;
import com.treasuredata.cas.databricks.internal.engine.Runs;
import com.treasuredata.cas.databricks.steps.Steps;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service principal renews its own personal access token, with no admin at all: with its
 * current PAT it mints a new token ({@code POST /api/2.0/token/create}), proves it (SCIM Me answers
 * as the service principal), and only then revokes its older tokens of ours
 * ({@code POST /api/2.0/token/delete}, sent with the new token). Every request authenticates as the
 * service principal. This is the manual page's "the service principal creates further tokens
 * itself" step.
 *
 * <pre>{@code
 * try (TokenRenewal renewal = TokenRenewal.builder()
 *     .workspace("https://dbc-1234.cloud.databricks.com", vault.secret("cas/databricks"))
 *     .lifetime(Duration.ofDays(90))
 *     .build()) {
 *   RenewalResult result = renewal.renewIfExpiringWithin(Duration.ofDays(30));   // daily job
 *   result.token().ifPresent(t -> vault.store("cas/databricks", t.reveal()));
 * }
 * }</pre>
 *
 * <p><b>Rules</b> (shared with the admin-side {@code rotateToken()}): never tokenless, since the old
 * token is revoked only after the new one verified; never two valid tokens of ours after success;
 * a create whose answer was lost is reconciled by its tag ({@code cas-databricks <applicationId>
 * <run id>}) and the orphan revoked before it is sent again. <b>Resumable</b>: when a renewal
 * fails, {@link OnboardingFailedException#partialResult()} carries the new token if one was minted;
 * run the renewal again with whichever token you then hold, and it ends with exactly one valid
 * token of ours. Tokens the service principal holds without our tag are never touched.
 *
 * <p>A renewal refuses before any write, with what to do, when the token has lost the right to
 * renew (scopes without {@code authentication}). Instances are immutable and thread-safe.
 */
public final class TokenRenewal implements AutoCloseable {

  private final URI host;
  private final Secret token;
  private final Duration lifetime;
  private final TokenScopes scopes;
  private final OnboardingSettings base;

  private TokenRenewal(Builder b) {
    this.host = b.host;
    this.token = b.token;
    this.lifetime = b.lifetime;
    this.scopes = b.scopes;
    this.base = b.s.copy();
    this.base.workspace = DatabricksTarget.pat(host.toString(), token);
  }

  /**
   * Returns a new builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Mints a new token, verifies it and revokes the older tokens of ours.
   *
   * @return the result, with the new token's value
   * @throws OnboardingException when the plan is refused (e.g. no right to renew); nothing was written
   * @throws OnboardingFailedException when a step failed; its partial result carries the new token if one was minted
   */
  public RenewalResult renew() {
    return run(Optional.empty());
  }

  /**
   * Renews only when our newest token expires within {@code threshold}, or when an earlier renewal
   * left more than one valid token of ours; otherwise sends GET requests only. For scheduled jobs.
   *
   * @param threshold how long the token must still be valid not to be renewed
   * @return the result; {@link RenewalResult#renewed()} says whether a new token was minted
   * @throws IllegalArgumentException if {@code threshold} is negative
   */
  public RenewalResult renewIfExpiringWithin(Duration threshold) {
    Objects.requireNonNull(threshold, "threshold");
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("renewal threshold " + Durations.describe(threshold) + " is negative; allowed: 0 or more");
    }
    return run(Optional.of(threshold));
  }

  private RenewalResult run(Optional<Duration> threshold) {
    List<String> notices = new CopyOnWriteArrayList<>();
    List<OnboardingStep<?>> steps = Steps.renewal(lifetime, scopes, threshold, notices::add);
    try (Runs runs = new Runs(base, steps, this)) {
      RunResult result = runs.engine().apply(Optional.empty());
      return new Renewal(result, notices);
    }
  }

  /** Nothing to release: each renewal owns its threads and HTTP client only while it runs. */
  @Override
  public void close() {
    // each run closes what it made
  }

  @Override
  public String toString() {
    return "TokenRenewal[workspace=" + host + ", lifetime " + Durations.describe(lifetime) + ", " + scopes + ", token " + token + "]";
  }

  /** Configures a {@link TokenRenewal}; each method validates its argument at once. Not thread-safe. */
  public static final class Builder extends RunOptions<Builder> {

    private URI host;
    private Secret token;
    private Duration lifetime = Duration.ofDays(90);
    private TokenScopes scopes = TokenScopes.allApisNoAutoScoping();
    // The run plumbing (transport, retries, clock, sleeper, executor, listener) comes from RunOptions.
    private Builder() {
      super(new OnboardingSettings());
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the workspace and the service principal's current token. Required.
     *
     * @param host the workspace URL, e.g. {@code https://dbc-1234.cloud.databricks.com}
     * @param currentToken the service principal's current personal access token
     * @return this builder
     * @throws IllegalArgumentException if {@code host} is not an https workspace URL (or http on loopback)
     */
    public Builder workspace(String host, Secret currentToken) {
      this.host = Hosts.validate(Objects.requireNonNull(host, "host"));
      this.token = Objects.requireNonNull(currentToken, "currentToken");
      return this;
    }

    /**
     * Sets the new token's lifetime (default 90 days).
     *
     * @param lifetime between 1 second and 730 days, and at most the workspace's {@code maxTokenLifetimeDays}
     * @return this builder
     * @throws IllegalArgumentException if {@code lifetime} is out of range
     */
    public Builder lifetime(Duration lifetime) {
      this.lifetime = TokenPolicy.reuseOrMint(Objects.requireNonNull(lifetime, "lifetime")).lifetime();
      return this;
    }

    /**
     * Sets what the new token asks for (default {@link TokenScopes#allApisNoAutoScoping()}).
     *
     * @param scopes scopes and the auto-scoping choice
     * @return this builder
     */
    public Builder scopes(TokenScopes scopes) {
      this.scopes = Objects.requireNonNull(scopes, "scopes");
      return this;
    }

    /**
     * Builds the renewal.
     *
     * @return the renewal
     * @throws IllegalArgumentException when {@link #workspace(String, Secret)} was not called
     */
    public TokenRenewal build() {
      if (host == null) {
        throw new IllegalArgumentException(
            "workspace(host, currentToken) is required: the workspace URL and the service principal's current token");
      }
      return new TokenRenewal(this);
    }
  }
}
