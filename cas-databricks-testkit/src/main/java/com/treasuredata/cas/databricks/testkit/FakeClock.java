package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The fake's virtual clock: it stands still until a test {@linkplain #advance(Duration) advances}
 * it. It drives token expiry, eventual-consistency windows and rate-limit windows.
 *
 * <p>A new clock starts at the current wall-clock time (to the second), so that tokens the fake
 * mints look valid to code under test that reads the system clock; it then stands still until
 * advanced. Tests that need fixed times use {@link #startingAt(Instant)}, e.g. at
 * {@link #DEFAULT_START}. Thread-safe.
 *
 * <pre>{@code
 * fake.clock().advance(Duration.ofDays(2));   // a 1-day token is now expired
 * Clock clock = fake.clock().asClock();       // hand the same time to the code under test
 * }</pre>
 */
public final class FakeClock {

  /** A fixed instant for reproducible tests: 2026-01-01T00:00:00Z ({@code FakeClock.startingAt(DEFAULT_START)}). */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private volatile Instant now;
  private final Instant start;

  private FakeClock(Instant start) {
    this.start = start;
    this.now = start;
  }

  /**
   * Creates a clock standing at the current wall-clock time, truncated to the second.
   *
   * @return this fake clock
   */
  public static FakeClock create() {
    return new FakeClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /**
   * Creates a clock at {@code start}.
   *
   * @param start the start
   * @return this fake clock
   */
  public static FakeClock startingAt(Instant start) {
    return new FakeClock(Objects.requireNonNull(start, "start"));
  }

  /**
   * Returns the current virtual instant.
   *
   * @return the current virtual instant
   */
  public Instant now() {
    return now;
  }

  /**
   * Returns the current virtual time in epoch milliseconds.
   *
   * @return the current virtual time in epoch milliseconds
   */
  public long millis() {
    return now.toEpochMilli();
  }

  /**
   * Returns the instant this clock started at (and returns to on {@link FakeDatabricks#reset()}).
   *
   * @return the instant this clock started at (and returns to on {@link FakeDatabricks#reset()})
   */
  public Instant start() {
    return start;
  }

  /**
   * Moves the clock forward.
   *
   * @param duration the duration
   * @return this fake clock
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public synchronized FakeClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; duration was " + Durations.describe(duration) + "; allowed: zero or more");
    }
    now = now.plus(duration);
    return this;
  }

  /**
   * Sets the clock to {@code instant} (backwards too: useful to restore a scenario).
   *
   * @param instant the instant
   * @return this fake clock
   */
  public synchronized FakeClock set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
    return this;
  }

  /**
   * Returns a {@link Clock} view in UTC that always reads this fake clock.
   *
   * @return a {@link Clock} view in UTC that always reads this fake clock
   */
  public Clock asClock() {
    return new View(ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return "FakeClock[" + now + ']';
  }

  private final class View extends Clock {
    private final ZoneId zone;

    View(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new View(zone);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof View && ((View) o).outer() == FakeClock.this && ((View) o).zone.equals(zone);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(FakeClock.this) ^ zone.hashCode();
    }

    private FakeClock outer() {
      return FakeClock.this;
    }
  }
}
