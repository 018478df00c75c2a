package com.treasuredata.cas.databricks.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * A scripted fault: which requests it matches and what it does to them.
 *
 * <p>A rule matches a request when the method equals {@link #method()} ({@code *} for any) and the
 * raw path matches the glob {@link #path()} ({@code *} matches any run of characters, slashes
 * included), and, if {@link #principal()} is present, the caller is that principal ({@code admin},
 * a service principal's applicationId, or {@code anonymous}). The first {@link #offset()} matching
 * requests pass untouched; the rule then fires for the next {@link #count()} matching requests
 * ({@link #ALWAYS} for every one). Rules are evaluated in insertion order; the first rule that
 * fires wins.
 *
 * <pre>{@code
 * fake.faults().add(FaultRule.on("POST", "/api/2.0/token-management/*", Fault.afterHandler(504)));
 * fake.faults().add(FaultRule.on("*", "/api/2.1/unity-catalog/*", Fault.tooManyRequests(Duration.ofSeconds(1)))
 *     .withOffset(1).withCount(2));
 * }</pre>
 *
 * @param id identifier; blank until {@link Faults#add(FaultRule)} assigns one (or keeps a given one)
 * @param method HTTP method or {@code *}
 * @param path path glob, e.g. {@code /api/2.0/accounts/*}
 * @param principal the only caller it applies to, if present
 * @param offset matching requests to let pass first (0..)
 * @param count times to fire (1..), or {@link #ALWAYS}
 * @param fault what it does
 */
public record FaultRule(
    String id, String method, String path, Optional<String> principal, int offset, int count, Fault fault) {

  /** A {@link #count()} meaning "fire on every matching request". */
  public static final int ALWAYS = -1;

  /**
   * Checks the components.
   *
   * @param count the count
   * @param fault the fault
   * @param id the id
   * @param method the method
   * @param offset the offset
   * @param path the path
   * @param principal the principal
   */
  public FaultRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(fault, "fault");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method must be an HTTP method or *, was blank");
    }
    if (!path.startsWith("/") && !path.startsWith("*")) {
      throw new IllegalArgumentException("path must be a glob starting with / or *, was " + path);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (count < 1 && count != ALWAYS) {
      throw new IllegalArgumentException("count must be >= 1 or FaultRule.ALWAYS (-1), was " + count);
    }
    method = method.toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Creates a rule firing once, at the first matching request, for any caller.
   *
   * @param fault the fault
   * @param method the method
   * @param pathGlob the path glob
   * @return this fault rule
   */
  public static FaultRule on(String method, String pathGlob, Fault fault) {
    return new FaultRule("", method, pathGlob, Optional.empty(), 0, 1, fault);
  }

  /**
   * Returns a copy with id {@code id}.
   *
   * @param id the id
   * @return a copy with id {@code id}
   */
  public FaultRule withId(String id) {
    return new FaultRule(id, method, path, principal, offset, count, fault);
  }

  /**
   * Returns a copy that only applies to {@code principal}.
   *
   * @param principal the principal
   * @return a copy that only applies to {@code principal}
   */
  public FaultRule withPrincipal(String principal) {
    return new FaultRule(id, method, path, Optional.of(principal), offset, count, fault);
  }

  /**
   * Returns a copy that lets {@code offset} matching requests pass first.
   *
   * @param offset the offset
   * @return a copy that lets {@code offset} matching requests pass first
   */
  public FaultRule withOffset(int offset) {
    return new FaultRule(id, method, path, principal, offset, count, fault);
  }

  /**
   * Returns a copy that fires {@code count} times ({@link #ALWAYS} for every matching request).
   *
   * @param count the count
   * @return a copy that fires {@code count} times ({@link #ALWAYS} for every matching request)
   */
  public FaultRule withCount(int count) {
    return new FaultRule(id, method, path, principal, offset, count, fault);
  }

  /**
   * Returns a copy that fires on every matching request.
   *
   * @return a copy that fires on every matching request
   */
  public FaultRule always() {
    return withCount(ALWAYS);
  }
}
