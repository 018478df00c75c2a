package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * A request budget for one endpoint: at most {@link #budget()} requests matching {@link #method()}
 * and the path glob {@link #path()} per {@link #window()} of virtual time; further requests get
 * 429 {@code REQUEST_LIMIT_EXCEEDED} with {@code Retry-After} (whole seconds until the window ends).
 *
 * <p>Windows are fixed and aligned to the epoch of the {@link FakeClock}, so a test controls them
 * exactly by advancing the clock.
 *
 * <pre>{@code
 * fake.rateLimits().add(RateLimitRule.of("POST", "/api/2.0/token-management/on-behalf-of/tokens", 2, Duration.ofMinutes(1)));
 * }</pre>
 *
 * @param id identifier; blank until {@link RateLimits#add(RateLimitRule)} assigns one
 * @param method HTTP method or {@code *}
 * @param path path glob ({@code *} matches anything)
 * @param budget requests allowed per window (1..)
 * @param window the window length (at least 1 ms)
 */
public record RateLimitRule(String id, String method, String path, int budget, Duration window) {

  /**
   * Checks the components.
   *
   * @param budget the budget
   * @param id the id
   * @param method the method
   * @param path the path
   * @param window the window
   */
  public RateLimitRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(window, "window");
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be >= 1, was " + budget);
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least 1 ms, was " + Durations.describe(window));
    }
    method = method.toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Creates a rule with no id yet.
   *
   * @param budget the budget
   * @param method the method
   * @param pathGlob the path glob
   * @param window the window
   * @return this rate limit rule
   */
  public static RateLimitRule of(String method, String pathGlob, int budget, Duration window) {
    return new RateLimitRule("", method, pathGlob, budget, window);
  }

  /**
   * Returns a copy with id {@code id}.
   *
   * @param id the id
   * @return a copy with id {@code id}
   */
  public RateLimitRule withId(String id) {
    return new RateLimitRule(id, method, path, budget, window);
  }
}
