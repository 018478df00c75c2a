package com.treasuredata.cas.databricks.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.event.Level;

/**
 * Every SLF4J event logged in this JVM since the last {@link #clear()}, at every level (DEBUG and
 * TRACE included), as recorded by {@link CapturingSlf4jProvider}. Thread-safe.
 *
 * <p>The provider is found through {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} of
 * the core test-jar. When another binding (slf4j-simple) is on the test classpath too, select this
 * one with the system property {@code slf4j.provider=com.treasuredata.cas.databricks.testing.CapturingSlf4jProvider}.
 *
 * <pre>{@code
 * CapturedLogs.clear();
 * runOnboarding();
 * assertThat(CapturedLogs.text()).doesNotContain(token.reveal());
 * }</pre>
 */
public final class CapturedLogs {

  private static final List<Event> EVENTS = new ArrayList<>();

  private CapturedLogs() {}

  /**
   * One logged event.
   *
   * @param level the level
   * @param logger the logger name
   * @param message the formatted message (placeholders filled in)
   * @param throwable the throwable's full text (class, message, stack trace, causes), if any
   * @param thread the logging thread's name
   * @param mdc the SLF4J MDC of the logging thread when the event was logged
   */
  public record Event(Level level, String logger, String message, Optional<String> throwable, String thread, java.util.Map<String, String> mdc) {

    /** Returns the event as one text block: level, logger, message and throwable text. */
    public String text() {
      return level + " " + logger + " - " + message + throwable.map(t -> "\n" + t).orElse("");
    }
  }

  /** Returns true when the capturing provider is the active SLF4J binding. */
  public static boolean isActive() {
    return org.slf4j.LoggerFactory.getILoggerFactory() instanceof CapturingSlf4jProvider.Factory;
  }

  /**
   * Returns a snapshot of all events, oldest first.
   *
   * @throws IllegalStateException when another SLF4J binding is active, so that a leak scan can
   *     never pass vacuously over logs that were not captured
   */
  public static List<Event> all() {
    requireActive();
    synchronized (EVENTS) {
      return List.copyOf(EVENTS);
    }
  }

  /** Returns the events at {@code level}. */
  public static List<Event> at(Level level) {
    return all().stream().filter(e -> e.level() == level).collect(Collectors.toList());
  }

  /** Returns all events' {@link Event#text()}, one per line, for leak scans. */
  public static String text() {
    return all().stream().map(Event::text).collect(Collectors.joining("\n"));
  }

  /**
   * Fails unless the capturing provider is the active SLF4J binding.
   *
   * @throws IllegalStateException naming the active binding and the fix
   */
  public static void requireActive() {
    if (!isActive()) {
      throw new IllegalStateException(
          "CapturingSlf4jProvider is not the active SLF4J binding (active: "
              + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()
              + "); set the system property slf4j.provider=" + CapturingSlf4jProvider.class.getName()
              + " in surefire's <systemPropertyVariables>");
    }
  }

  /** Forgets all events. */
  public static void clear() {
    synchronized (EVENTS) {
      EVENTS.clear();
    }
  }

  static void record(Event event) {
    synchronized (EVENTS) {
      EVENTS.add(event);
    }
  }
}
