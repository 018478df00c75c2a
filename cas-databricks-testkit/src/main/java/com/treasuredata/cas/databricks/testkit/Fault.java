package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FaultRule} does to a matching request. Create one with the static factories.
 *
 * <ul>
 *   <li>{@link #status(int, String, Map)}: answer before the handler runs; no state changes (a rejected request).
 *   <li>{@link #afterHandler(int, String)}: the handler runs and commits its change, then the answer is replaced
 *       (a lost response: "the write succeeded but the client saw a 504").
 *   <li>{@link #latency(Duration)}: answer normally, but late.
 *   <li>{@link #connection(ConnectionFault)}: reset or stall the connection before the handler runs;
 *       {@link #connectionAfterHandler(ConnectionFault)} does it after the change is made.
 * </ul>
 *
 * @param kind what happens
 * @param status the status answered ({@code STATUS} and {@code AFTER_HANDLER}; 0 otherwise)
 * @param body the body answered ({@code STATUS} and {@code AFTER_HANDLER}; {@code ""} otherwise)
 * @param headers extra headers answered, e.g. {@code Retry-After}
 * @param latency added latency ({@code LATENCY}; zero otherwise)
 * @param connection the connection fault ({@code CONNECTION*} kinds)
 */
public record Fault(
    Kind kind, int status, String body, Map<String, String> headers, Duration latency,
    Optional<ConnectionFault> connection) {

  /** The kinds of fault. */
  public enum Kind {
    /** Answers {@code status} before the handler runs. */
    STATUS,
    /** Runs the handler, then replaces its answer. */
    AFTER_HANDLER,
    /** Answers normally after added latency. */
    LATENCY,
    /** Resets or stalls the connection before the handler runs. */
    CONNECTION,
    /** Runs the handler, then resets or stalls the connection. */
    CONNECTION_AFTER_HANDLER
  }

  /**
   * Checks the components.
   *
   * @param body the body
   * @param connection the connection
   * @param headers the headers
   * @param kind the kind
   * @param latency the latency
   * @param status the status
   */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(connection, "connection");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    if ((kind == Kind.STATUS || kind == Kind.AFTER_HANDLER) && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("a " + kind + " fault needs a status in 100..599, was " + status);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, was " + Durations.describe(latency) + "; allowed: zero or more");
    }
    if ((kind == Kind.CONNECTION || kind == Kind.CONNECTION_AFTER_HANDLER) && connection.isEmpty()) {
      throw new IllegalArgumentException("a " + kind + " fault needs a ConnectionFault (RESET or STALL)");
    }
  }

  /**
   * Answers {@code status} with a platform error body naming the injected fault, before the handler.
   *
   * @param status the status
   * @return this fault
   */
  public static Fault status(int status) {
    return status(status, defaultBody(status), Map.of());
  }

  /**
   * Answers {@code status} with {@code body}, before the handler.
   *
   * @param body the body
   * @param status the status
   * @return this fault
   */
  public static Fault status(int status, String body) {
    return status(status, body, Map.of());
  }

  /**
   * Answers {@code status} with {@code body} and {@code headers}, before the handler.
   *
   * @param body the body
   * @param headers the headers
   * @param status the status
   * @return this fault
   */
  public static Fault status(int status, String body, Map<String, String> headers) {
    return new Fault(Kind.STATUS, status, body, headers, Duration.ZERO, Optional.empty());
  }

  /**
   * Answers 429 {@code REQUEST_LIMIT_EXCEEDED} with {@code Retry-After} in whole seconds, before the handler.
   *
   * @param retryAfter the retry after
   * @return this fault
   */
  public static Fault tooManyRequests(Duration retryAfter) {
    long seconds = Math.max(0, (retryAfter.toMillis() + 999) / 1000);
    return status(429, "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"Too many requests. Please wait a moment and try again.\"}",
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * Runs the handler (the change is made), then answers {@code status} with a default body instead.
   *
   * @param status the status
   * @return this fault
   */
  public static Fault afterHandler(int status) {
    return afterHandler(status, defaultBody(status));
  }

  /**
   * Runs the handler (the change is made), then answers {@code status} with {@code body} instead.
   *
   * @param body the body
   * @param status the status
   * @return this fault
   */
  public static Fault afterHandler(int status, String body) {
    return new Fault(Kind.AFTER_HANDLER, status, body, Map.of(), Duration.ZERO, Optional.empty());
  }

  /**
   * Answers normally after {@code latency}.
   *
   * @param latency the latency
   * @return this fault
   */
  public static Fault latency(Duration latency) {
    return new Fault(Kind.LATENCY, 0, "", Map.of(), latency, Optional.empty());
  }

  /**
   * Resets or stalls the connection before the handler runs (no state changes).
   *
   * @param fault the fault
   * @return this fault
   */
  public static Fault connection(ConnectionFault fault) {
    return new Fault(Kind.CONNECTION, 0, "", Map.of(), Duration.ZERO, Optional.of(fault));
  }

  /**
   * Runs the handler (the change is made), then resets or stalls the connection.
   *
   * @param fault the fault
   * @return this fault
   */
  public static Fault connectionAfterHandler(ConnectionFault fault) {
    return new Fault(Kind.CONNECTION_AFTER_HANDLER, 0, "", Map.of(), Duration.ZERO, Optional.of(fault));
  }

  private static String defaultBody(int status) {
    String code;
    switch (status) {
      case 429: code = "REQUEST_LIMIT_EXCEEDED"; break;
      case 500: code = "INTERNAL_ERROR"; break;
      case 503: code = "TEMPORARILY_UNAVAILABLE"; break;
      case 504: code = "DEADLINE_EXCEEDED"; break;
      default: code = "INJECTED";
    }
    return "{\"error_code\":\"" + code + "\",\"message\":\"Injected fault: HTTP " + status + "\"}";
  }
}
