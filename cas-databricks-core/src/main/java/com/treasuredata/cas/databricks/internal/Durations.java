package com.treasuredata.cas.databricks.internal;

import java.time.Duration;

/** Durations for people: {@code 90 days}, {@code 36 hours}, {@code 90 seconds}, never {@code PT2160H}. Not API. */
public final class Durations {

  private Durations() {}

  /** Returns {@code d} in the largest whole unit of days, hours, minutes or seconds. */
  public static String describe(Duration d) {
    long seconds = d.getSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    if (d.getNano() == 0) {
      return plural(seconds, "second");
    }
    return d.toMillis() + " ms";
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (Math.abs(n) == 1 ? "" : "s");
  }
}
