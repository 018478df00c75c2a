package com.treasuredata.cas.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One write request, with its declared retry safety. Every write says how it may be retried, so
 * that nothing is re-sent that could apply twice:
 *
 * <ul>
 *   <li>{@link #idempotent()}: repeating it converges (an add-only PATCH, a PUT of the same state, a
 *       DELETE); retried on throttling, server errors and lost responses.
 *   <li>{@link #reconciledBy(Function)}: a create. Retried only when the server cannot have acted
 *       (429, 503, a refused connection). After an ambiguous failure the given read runs first: when
 *       it finds the object, that is the answer; only when it proves nothing was created is the
 *       create sent once more.
 *   <li>{@link #neverRetried()} (the default): sent once; any failure goes back to the step.
 * </ul>
 *
 * <pre>{@code
 * ctx.workspace().send(Write.patch(path, aclAdd).idempotent());
 * ctx.workspace().send(Write.post("/api/2.0/ip-access-lists", body)
 *     .reconciledBy(api -> findByLabel(api.get("/api/2.0/ip-access-lists"), label)));
 * }</pre>
 */
public final class Write {

  /** How a write may be retried. */
  public enum Safety {
    /** Sent once; never retried. */
    NEVER_RETRIED,
    /** Repeating it converges. */
    IDEMPOTENT,
    /** A create, resolved after an ambiguous failure by a read before any re-send. */
    RECONCILED_CREATE
  }

  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final String method;
  private final String path;
  private final JsonNode body;
  private final Safety safety;
  private final Function<DatabricksApi, Optional<JsonNode>> reconcile;

  private Write(String method, String path, JsonNode body, Safety safety, Function<DatabricksApi, Optional<JsonNode>> reconcile) {
    this.method = method;
    this.path = path;
    this.body = body;
    this.safety = safety;
    this.reconcile = reconcile;
  }

  /**
   * Returns a write with {@code method} (POST, PUT, PATCH or DELETE), sent once unless declared
   * otherwise.
   *
   * @param body the JSON body, or null for none
   * @param method the method
   * @param path the API path, e.g. {@code /api/2.0/token-management/tokens}
   * @return a write with {@code method} (POST, PUT, PATCH or DELETE), sent once unless declared otherwise
   * @throws IllegalArgumentException if the method is not one of those, or the path does not start with {@code /}
   */
  public static Write of(String method, String path, JsonNode body) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    String upper = method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(upper)) {
      throw new IllegalArgumentException("write method '" + method + "' is not allowed; allowed: " + METHODS + " (use get(..) to read)");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path '" + path + "' must start with '/', e.g. /api/2.0/permissions/warehouses/abc123");
    }
    return new Write(upper, path, body, Safety.NEVER_RETRIED, null);
  }

  /**
   * Returns a POST.
   *
   * @param body the JSON body
   * @param path the API path, e.g. {@code /api/2.0/token-management/tokens}
   * @return a POST
   */
  public static Write post(String path, JsonNode body) {
    return of("POST", path, body);
  }

  /**
   * Returns a PATCH.
   *
   * @param body the JSON body
   * @param path the API path, e.g. {@code /api/2.0/token-management/tokens}
   * @return a PATCH
   */
  public static Write patch(String path, JsonNode body) {
    return of("PATCH", path, body);
  }

  /**
   * Returns a PUT.
   *
   * @param body the JSON body
   * @param path the API path, e.g. {@code /api/2.0/token-management/tokens}
   * @return a PUT
   */
  public static Write put(String path, JsonNode body) {
    return of("PUT", path, body);
  }

  /**
   * Returns a DELETE without a body.
   *
   * @param path the API path, e.g. {@code /api/2.0/token-management/tokens}
   * @return a DELETE without a body
   */
  public static Write delete(String path) {
    return of("DELETE", path, null);
  }

  /**
   * Returns a copy declared idempotent: repeating it converges.
   *
   * @return a copy declared idempotent: repeating it converges
   */
  public Write idempotent() {
    return new Write(method, path, body, Safety.IDEMPOTENT, null);
  }

  /**
   * Returns a copy declared a create that {@code read} reconciles: after an ambiguous failure,
   * {@code read} runs (GET requests only); a present result is taken as the create's answer, an
   * empty one means nothing was created and the create is sent once more.
   *
   * @param read the read
   * @return a copy declared a create that {@code read} reconciles: after an ambiguous failure, {@code read} runs (GET requests only); a present result is taken as the create's answer, an empty one means nothing was created and the create is sent once more
   */
  public Write reconciledBy(Function<DatabricksApi, Optional<JsonNode>> read) {
    return new Write(method, path, body, Safety.RECONCILED_CREATE, Objects.requireNonNull(read, "read"));
  }

  /**
   * Returns a copy that is sent once and never retried (the default).
   *
   * @return a copy that is sent once and never retried (the default)
   */
  public Write neverRetried() {
    return new Write(method, path, body, Safety.NEVER_RETRIED, null);
  }

  /**
   * Returns the HTTP method.
   *
   * @return the HTTP method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the path (not encoded).
   *
   * @return the path (not encoded)
   */
  public String path() {
    return path;
  }

  /**
   * Returns the JSON body, if any.
   *
   * @return the JSON body, if any
   */
  public Optional<JsonNode> body() {
    return Optional.ofNullable(body);
  }

  /**
   * Returns the declared safety.
   *
   * @return the declared safety
   */
  public Safety safety() {
    return safety;
  }

  /**
   * Returns the reconciling read of a {@link Safety#RECONCILED_CREATE}.
   *
   * @return the reconciling read of a {@link Safety#RECONCILED_CREATE}
   */
  public Optional<Function<DatabricksApi, Optional<JsonNode>>> reconcile() {
    return Optional.ofNullable(reconcile);
  }

  /** Prints method, path and safety; never the body (it may hold identifiers users consider private). */
  @Override
  public String toString() {
    return "Write[" + method + " " + path + ", " + safety + "]";
  }
}
