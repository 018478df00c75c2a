package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.testkit.internal.engine.Glob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-endpoint request budgets of one fake (see {@link RateLimitRule}). Every rule matching a
 * request spends from its budget; the first exhausted one answers 429. Thread-safe.
 */
public final class RateLimits {

  private final List<Slot> slots = new ArrayList<>();
  private int nextId = 1;
  private boolean retryAfter = true;

  RateLimits() {}

  /**
   * Adds {@code rule} and returns it with its id ({@code rate-<n>} when blank).
   *
   * @param rule the rule
   * @return the rate limit rule
   */
  public synchronized RateLimitRule add(RateLimitRule rule) {
    Objects.requireNonNull(rule, "rule");
    RateLimitRule withId = rule.id().isBlank() ? rule.withId("rate-" + nextId++) : rule;
    slots.add(new Slot(withId));
    return withId;
  }

  /**
   * Returns the rules.
   *
   * @return the rules
   */
  public synchronized List<RateLimitRule> rules() {
    List<RateLimitRule> out = new ArrayList<>();
    for (Slot s : slots) {
      out.add(s.rule);
    }
    return List.copyOf(out);
  }

  /**
   * Returns how many requests rule {@code id} refused so far.
   *
   * @param id the id
   * @return how many requests rule {@code id} refused so far
   */
  public synchronized int refused(String id) {
    for (Slot s : slots) {
      if (s.rule.id().equals(id)) {
        return s.refused;
      }
    }
    throw new IllegalArgumentException("no rate limit with id " + id);
  }

  /**
   * Removes the rule {@code id}; returns false if there was none.
   *
   * @param id the id
   * @return true if so
   */
  public synchronized boolean remove(String id) {
    return slots.removeIf(s -> s.rule.id().equals(id));
  }

  /** Removes every rule. */
  public synchronized void clear() {
    slots.clear();
  }

  synchronized void sendRetryAfter(boolean send) {
    this.retryAfter = send;
  }

  synchronized boolean sendsRetryAfter() {
    return retryAfter;
  }

  /** Spends budget for this request; returns the refusing slot's rule and wait, or null when allowed. */
  synchronized Refusal check(String method, String path, Instant now) {
    long nowMs = now.toEpochMilli();
    Refusal refusal = null;
    for (Slot s : slots) {
      RateLimitRule r = s.rule;
      if (!(r.method().equals("*") || r.method().equals(method)) || !s.glob.matches(path)) {
        continue;
      }
      // A window opens with the first request after the previous one closed, so budgets and
      // Retry-After values do not depend on where the clock happened to start.
      long windowMs = r.window().toMillis();
      if (s.windowStart == Long.MIN_VALUE || nowMs >= s.windowStart + windowMs) {
        s.windowStart = nowMs;
        s.used = 0;
      }
      if (s.used >= r.budget()) {
        if (refusal == null) {
          s.refused++;
          long waitMs = s.windowStart + windowMs - nowMs;
          refusal = new Refusal(r, Duration.ofMillis(waitMs));
        }
      } else {
        s.used++;
      }
    }
    return refusal;
  }

  record Refusal(RateLimitRule rule, Duration retryAfter) {}

  @Override
  public synchronized String toString() {
    return "RateLimits" + rules();
  }

  private static final class Slot {
    final RateLimitRule rule;
    final Glob glob;
    long windowStart = Long.MIN_VALUE;
    int used;
    int refused;

    Slot(RateLimitRule rule) {
      this.rule = rule;
      this.glob = Glob.of(rule.path());
    }
  }
}
