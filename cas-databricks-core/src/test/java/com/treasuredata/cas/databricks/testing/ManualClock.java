package com.treasuredata.cas.databricks.testing;

import com.treasuredata.cas.databricks.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when its {@link #sleeper()} sleeps, so tests never wait. */
public final class ManualClock extends Clock {

  private volatile Instant now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public ManualClock(Instant start) {
    this.now = start;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Returns a sleeper that advances this clock instead of sleeping. */
  public Sleeper sleeper() {
    return d -> {
      sleeps.add(d);
      now = now.plus(d);
    };
  }

  /** Returns every sleep requested so far. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
