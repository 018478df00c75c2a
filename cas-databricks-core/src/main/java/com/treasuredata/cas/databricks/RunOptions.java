package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.engine.OnboardingSettings;
import com.treasuredata.cas.databricks.transport.Transport;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How runs are carried out, whatever they do: transport, retries, time, threads, progress and the
 * user agent. Shared by the builders of this library (e.g. {@link CasOnboardingBuilder}); each
 * method returns the builder it was called on. Not thread-safe.
 *
 * <pre>{@code
 * CasOnboarding.builder()
 *     .workspace(DatabricksTarget.profile("admin"))
 *     .executor(myExecutor)                      // a RunOptions setting
 *     .listener(myListener)
 *     ...
 * }</pre>
 *
 * @param <B> the builder type
 */
public abstract class RunOptions<B extends RunOptions<B>> {

  final OnboardingSettings s;

  RunOptions(OnboardingSettings settings) {
    this.s = Objects.requireNonNull(settings, "settings");
  }

  abstract B self();

  /**
   * Sets the transport (default: an OkHttp transport the onboarding owns). Auth, user agent and logging are added around it.
   *
   * @param transport the HTTP transport
   * @return this builder
   */
  public B transport(Transport transport) {
    Objects.requireNonNull(transport, "transport(transport) is null; allowed: a Transport; omit the call for the default OkHttp transport");
    if (s.sharedConnections) {
      throw transportAndConnections();
    }
    s.transport = transport;
    return self();
  }

  /**
   * Shares {@code connections} with other onboardings built with them: their HTTP connection pool
   * and, per target, one resolved SDK configuration (one OAuth token). Replaces {@link
   * #transport(Transport)}; {@link SharedConnections#over(Transport)} shares a transport of yours.
   *
   * @param connections the connections to share
   * @return this builder
   * @throws IllegalArgumentException if a transport was set
   */
  public B sharedConnections(SharedConnections connections) {
    Objects.requireNonNull(connections, "sharedConnections(connections) is null; allowed: SharedConnections.create() or SharedConnections.over(transport)");
    if (s.transport != null && !s.sharedConnections) {
      throw transportAndConnections();
    }
    s.transport = connections.transport();
    s.sharedClients = connections.clients();
    s.sharedConnections = true;
    return self();
  }

  private static IllegalArgumentException transportAndConnections() {
    return new IllegalArgumentException(
        "transport(..) and sharedConnections(..) exclude each other; allowed: one of them (SharedConnections.over(transport) shares a transport of yours)");
  }

  /**
   * Sets how requests and identity propagation are retried (default {@link RetryPolicy#defaults()}).
   *
   * @param retryPolicy the retry policy
   * @return this builder
   */
  public B retryPolicy(RetryPolicy retryPolicy) {
    s.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy(retryPolicy) is null; allowed: a RetryPolicy such as RetryPolicy.defaults()");
    return self();
  }

  /**
   * Sets the clock (default UTC system clock); tests pair a fake clock with a fake sleeper.
   *
   * @param clock the clock
   * @return this builder
   */
  public B clock(Clock clock) {
    s.clock = Objects.requireNonNull(clock, "clock(clock) is null; allowed: a Clock such as Clock.systemUTC()");
    return self();
  }

  /**
   * Sets how to wait between retries (default: really sleep).
   *
   * @param sleeper how to wait
   * @return this builder
   */
  public B sleeper(Sleeper sleeper) {
    s.sleeper = Objects.requireNonNull(sleeper, "sleeper(sleeper) is null; allowed: a Sleeper; omit the call to really sleep");
    return self();
  }

  /**
   * Sets the executor that runs independent steps (and async runs). Default: a small pool of
   * daemon threads the onboarding owns, made on first use, released by {@link CasOnboarding#close()}
   * and ending by themselves after 30 s idle. The library never uses the common pool.
   * {@code Runnable::run} runs every step on the caller's thread.
   *
   * @param executor the executor
   * @return this builder
   */
  public B executor(Executor executor) {
    s.executor = Objects.requireNonNull(executor, "executor(executor) is null; allowed: an Executor such as Runnable::run; omit the call for the default pool");
    return self();
  }

  /**
   * Sets the progress listener (default: none).
   *
   * @param listener the listener
   * @return this builder
   */
  public B listener(OnboardingListener listener) {
    s.listener = Objects.requireNonNull(listener, "listener(listener) is null; allowed: an OnboardingListener, or OnboardingListener.NONE");
    return self();
  }

  /**
   * Appends {@code suffix} to the {@code cas-databricks/<version>} user agent.
   *
   * @param suffix printable text appended to the user agent
   * @return this builder
   * @throws IllegalArgumentException if it has control characters
   */
  public B userAgentSuffix(String suffix) {
    Objects.requireNonNull(suffix, "userAgentSuffix(suffix) is null; allowed: printable text such as \"my-service/1.0\"");
    if (suffix.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("user agent suffix has a control character; allowed: printable text");
    }
    s.userAgentSuffix = suffix;
    return self();
  }
}
