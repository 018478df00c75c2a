package com.treasuredata.cas.databricks.internal.retry;

/**
 * The attempt number of the request in flight on this thread, so that the logging interceptor can
 * print it without a header on the wire. Not API.
 */
public final class Attempt {

  private static final ThreadLocal<Integer> CURRENT = new ThreadLocal<>();

  private Attempt() {}

  /** Returns the current attempt (1 for the first), or 1 outside a retry loop. */
  public static int current() {
    Integer value = CURRENT.get();
    return value == null ? 1 : value;
  }

  /** Marks {@code attempt} as current until the returned scope is closed. */
  public static Scope enter(int attempt) {
    Integer previous = CURRENT.get();
    CURRENT.set(attempt);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Restores the previous attempt number when closed. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
