package com.treasuredata.cas.databricks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Databricks REST call as the steps see it: method, path, query, JSON body, the step that
 * makes it and how safe it is to repeat.
 *
 * @param method HTTP method
 * @param path path starting with {@code /api/} (or {@code /oidc/}), not encoded
 * @param query query parameters in order (values not encoded)
 * @param body JSON body, if any
 * @param step the step name, for errors and logs
 * @param safety whether the call may be re-sent blindly after an ambiguous failure
 */
public record ApiRequest(
    String method, String path, Map<String, String> query, Optional<JsonNode> body, String step, Safety safety) {

  /** How a request may be retried. */
  public enum Safety {
    /** A read: always safe to repeat. */
    READ,
    /** A set-like write (PATCH add, PUT of the same state): repeating it converges. */
    IDEMPOTENT_WRITE,
    /** A create: never re-sent blindly after an ambiguous failure; the caller reconciles by reading. */
    CREATE,
    /** Sent once; never retried, whatever the failure. */
    ONCE;

    /** Returns true for anything that changes state. */
    public boolean isWrite() {
      return this != READ;
    }
  }

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(safety, "safety");
    query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  public static ApiRequest get(String step, String path) {
    return new ApiRequest("GET", path, Map.of(), Optional.empty(), step, Safety.READ);
  }

  public static ApiRequest get(String step, String path, Map<String, String> query) {
    return new ApiRequest("GET", path, query, Optional.empty(), step, Safety.READ);
  }

  public static ApiRequest write(String step, String method, String path, JsonNode body, Safety safety) {
    return new ApiRequest(method, path, Map.of(), Optional.ofNullable(body), step, safety);
  }

  public static ApiRequest delete(String step, String path) {
    return new ApiRequest("DELETE", path, Map.of(), Optional.empty(), step, Safety.IDEMPOTENT_WRITE);
  }
}
