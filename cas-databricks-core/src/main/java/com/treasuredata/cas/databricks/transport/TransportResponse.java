package com.treasuredata.cas.databricks.transport;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response: status, headers (case-insensitive names) and the body as text.
 *
 * <p>{@link #toString()} prints the status and header names only: a body may hold a freshly minted
 * token.
 *
 * @param status HTTP status code
 * @param headers header values by name (case-insensitive)
 * @param body the body, empty when none was sent
 */
public record TransportResponse(int status, Map<String, String> headers, String body) {

  /**
   * Validates the status and copies the headers (case-insensitive).
   *
   * @param status the HTTP status
   * @param headers header values by name
   * @param body the body, empty when none was sent
   * @throws IllegalArgumentException if {@code status} is not 100..599
   */
  public TransportResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, was " + status);
    }
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Creates a response with a JSON body and {@code Content-Type: application/json}.
   *
   * @param status the HTTP status
   * @param json the JSON text
   * @return the response
   */
  public static TransportResponse json(int status, String json) {
    return new TransportResponse(status, Map.of("Content-Type", "application/json"), json);
  }

  /**
   * Returns the value of header {@code name} (case-insensitive), if present.
   *
   * @param name the header name
   * @return its value, if set
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * Returns true for 2xx.
   *
   * @return whether the status is 2xx
   */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return "TransportResponse[" + status + ", headers=" + headers.keySet() + ", body=" + body.length() + " chars]";
  }
}
