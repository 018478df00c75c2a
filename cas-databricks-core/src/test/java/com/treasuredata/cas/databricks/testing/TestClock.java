package com.treasuredata.cas.databricks.testing;

import com.treasuredata.cas.databricks.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told, with a {@link Sleeper} that records each wait and advances
 * the clock by it instead of sleeping. Thread-safe.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * settings = settings.withClock(clock).withSleeper(clock.sleeper());
 * ...
 * assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
 * }</pre>
 */
public final class TestClock extends Clock {

  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  private TestClock(Instant now) {
    this.now = now;
  }

  /** Returns a clock standing at {@code now}. */
  public static TestClock at(Instant now) {
    return new TestClock(now);
  }

  /** Returns a clock standing at 2026-01-01T00:00:00Z. */
  public static TestClock create() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Returns a sleeper that records the wait and advances this clock by it. */
  public Sleeper sleeper() {
    return duration -> {
      synchronized (this) {
        sleeps.add(duration);
        now = now.plus(duration);
      }
    };
  }

  /** Moves the clock forward. */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Returns every wait the sleeper was asked for, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
