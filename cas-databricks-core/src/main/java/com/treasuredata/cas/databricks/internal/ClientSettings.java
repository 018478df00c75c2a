package com.treasuredata.cas.databricks.internal;

import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.transport.Transport;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;

/**
 * What every connection shares: the transport, the retry policy, time and sleeping (injected so
 * that tests never sleep), the user agent suffix and the jitter source. Not API.
 *
 * @param transport the bare transport; the connector adds user agent, logging and auth around it
 * @param retryPolicy how requests are retried
 * @param clock the time source for deadlines and {@code Retry-After} dates
 * @param sleeper how to wait between attempts
 * @param userAgentSuffix appended to {@code cas-databricks/<version>}; empty for none
 * @param random the jitter source (seed it in tests)
 */
public record ClientSettings(
    Transport transport, RetryPolicy retryPolicy, Clock clock, Sleeper sleeper, String userAgentSuffix, Random random) {

  public ClientSettings {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(userAgentSuffix, "userAgentSuffix");
    Objects.requireNonNull(random, "random");
  }

  /** Returns {@code transport} with {@link RetryPolicy#defaults()}, the system clock, real sleeping and no suffix. */
  public static ClientSettings of(Transport transport) {
    return new ClientSettings(transport, RetryPolicy.defaults(), Clock.systemUTC(), Sleeper.SYSTEM, "", new Random());
  }

  /** Returns a copy with {@code transport} replaced. */
  public ClientSettings withTransport(Transport transport) {
    return new ClientSettings(transport, retryPolicy, clock, sleeper, userAgentSuffix, random);
  }

  /** Returns a copy with {@code retryPolicy} replaced. */
  public ClientSettings withRetryPolicy(RetryPolicy retryPolicy) {
    return new ClientSettings(transport, retryPolicy, clock, sleeper, userAgentSuffix, random);
  }

  /** Returns a copy with {@code clock} replaced. */
  public ClientSettings withClock(Clock clock) {
    return new ClientSettings(transport, retryPolicy, clock, sleeper, userAgentSuffix, random);
  }

  /** Returns a copy with {@code sleeper} replaced. */
  public ClientSettings withSleeper(Sleeper sleeper) {
    return new ClientSettings(transport, retryPolicy, clock, sleeper, userAgentSuffix, random);
  }

  /** Returns a copy with {@code userAgentSuffix} replaced. */
  public ClientSettings withUserAgentSuffix(String userAgentSuffix) {
    return new ClientSettings(transport, retryPolicy, clock, sleeper, userAgentSuffix, random);
  }

  /** Returns a copy with {@code random} replaced. */
  public ClientSettings withRandom(Random random) {
    return new ClientSettings(transport, retryPolicy, clock, sleeper, userAgentSuffix, random);
  }
}
