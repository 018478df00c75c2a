package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's answer to one {@link FakeRequest}; front ends turn it into an HTTP response.
 *
 * <p>A present {@link #connectionFault()} tells the front end to drop or stall the connection
 * instead of answering; {@link #delay()} is injected latency the front end waits before answering.
 * {@link #toString()} prints no body (it may hold a freshly minted token).
 *
 * @param status HTTP status
 * @param headers response headers (case-insensitive names)
 * @param body response body, {@code ""} for none
 * @param connectionFault a connection-level fault to act out instead of answering, if any
 * @param delay latency to add before answering, {@link Duration#ZERO} for none
 */
public record FakeResponse(
    int status, Map<String, String> headers, String body, Optional<ConnectionFault> connectionFault, Duration delay) {

  /**
   * Checks the components.
   *
   * @param body the body
   * @param connectionFault the connection fault
   * @param delay the delay
   * @param headers the headers
   * @param status the status
   */
  public FakeResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(connectionFault, "connectionFault");
    Objects.requireNonNull(delay, "delay");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, was " + status);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + Durations.describe(delay) + "; allowed: zero or more");
    }
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the value of header {@code name} (case-insensitive), if present.
   *
   * @param name the name
   * @return the value of header {@code name} (case-insensitive), if present
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * Returns a copy with {@code delay} added to this response's delay.
   *
   * @param extra the extra
   * @return a copy with {@code delay} added to this response's delay
   */
  public FakeResponse withAddedDelay(Duration extra) {
    return new FakeResponse(status, headers, body, connectionFault, delay.plus(extra));
  }

  @Override
  public String toString() {
    return "FakeResponse[" + status + ", headers=" + headers.keySet() + ", body=" + body.length() + " chars"
        + connectionFault.map(f -> ", fault=" + f).orElse("") + (delay.isZero() ? "" : ", delay=" + Durations.describe(delay)) + ']';
  }
}
