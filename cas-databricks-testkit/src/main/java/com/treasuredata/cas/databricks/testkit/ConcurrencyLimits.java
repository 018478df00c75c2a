package com.treasuredata.cas.databricks.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Per-workspace concurrency limits by endpoint family, as Databricks enforces them: at most
 * {@link #scimPerWorkspace()} SCIM requests and {@link #permissionsPerWorkspace()} permissions
 * requests ({@code /api/2.0/permissions/...}) of one workspace in flight at once. A request over the
 * limit is refused with the real shapes: SCIM answers HTTP 500 with the SCIM error envelope
 * ({@code "detail":"REQUEST_LIMIT_EXCEEDED: Workspace N exceeded the concurrent limit of 4 requests.",
 * "status":"500"}); permissions answer 429 {@code REQUEST_LIMIT_EXCEEDED}, with {@code Retry-After:
 * 1} only when {@link Behaviours#rateLimitRetryAfter()} is on. Off (0) by default.
 *
 * <p>A request is in flight from the moment the fake admits it until its latency has been waited
 * out: the in-process transport ends it when its sleep returns; through {@link FakeDatabricks#handle}
 * (the HTTP front end) it ends when the response's delay has passed on the monotonic clock. With no
 * latency, requests of one fake never overlap (the engine serialises them), so limits need latency.
 * Account-level rate budgets are {@link RateLimits}. Thread-safe.
 *
 * <pre>{@code
 * fake.concurrencyLimits().scimPerWorkspace(4).permissionsPerWorkspace(20);
 * }</pre>
 */
public final class ConcurrencyLimits {

  /** The endpoint families with their own limit. */
  enum Family { SCIM, PERMISSIONS }

  private int scim;
  private int permissions;
  private int refused;
  private final Map<String, Slots> slots = new HashMap<>();

  ConcurrencyLimits() {}

  /**
   * Sets the SCIM limit per workspace (Databricks: 4); 0 turns it off.
   *
    * @param limit the limit
    * @return the result
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public synchronized ConcurrencyLimits scimPerWorkspace(int limit) {
    this.scim = checked(limit, "scimPerWorkspace");
    return this;
  }

  /**
   * Sets the permissions-endpoint limit per workspace (Databricks: about 20); 0 turns it off.
   *
    * @param limit the limit
    * @return the result
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public synchronized ConcurrencyLimits permissionsPerWorkspace(int limit) {
    this.permissions = checked(limit, "permissionsPerWorkspace");
    return this;
  }

  /**
   * Returns the SCIM limit per workspace (0: off).
   *
   * @return the SCIM limit per workspace (0: off)
   */
  public synchronized int scimPerWorkspace() {
    return scim;
  }

  /**
   * Returns the permissions limit per workspace (0: off).
   *
   * @return the permissions limit per workspace (0: off)
   */
  public synchronized int permissionsPerWorkspace() {
    return permissions;
  }

  /**
   * Returns how many requests these limits refused so far.
   *
   * @return how many requests these limits refused so far
   */
  public synchronized int refused() {
    return refused;
  }

  /** Turns every limit off and forgets the refusals. */
  public synchronized void clear() {
    scim = 0;
    permissions = 0;
    refused = 0;
    slots.clear();
  }

  private static int checked(int limit, String name) {
    if (limit < 0) {
      throw new IllegalArgumentException(name + " must be 0 (off) or positive, was " + limit);
    }
    return limit;
  }

  static Family family(String path) {
    if (path.contains("/scim/v2/")) {
      return Family.SCIM;
    }
    return path.startsWith("/api/2.0/permissions/") ? Family.PERMISSIONS : null;
  }

  /**
   * Admits one request of workspace {@code workspaceId} or refuses it. Returns {@link Admission#NONE}
   * when no limit applies, {@code null} when refused (the caller answers with {@link #refusal}).
   */
  synchronized Admission admit(Long workspaceId, String path, Duration hold, boolean explicitRelease) {
    Family family = workspaceId == null || path.startsWith("/api/2.0/accounts/") ? null : family(path);
    int limit = family == Family.SCIM ? scim : family == Family.PERMISSIONS ? permissions : 0;
    if (limit == 0) {
      return Admission.NONE;
    }
    Slots s = slots.computeIfAbsent(workspaceId + "/" + family, k -> new Slots());
    long now = System.nanoTime();
    while (!s.deadlines.isEmpty() && s.deadlines.peek() <= now) {
      s.deadlines.poll();
    }
    if (s.explicit + s.deadlines.size() >= limit) {
      refused++;
      return null;
    }
    if (explicitRelease) {
      s.explicit++;
      return new Admission(() -> release(s));
    }
    s.deadlines.add(now + hold.toNanos());
    return Admission.NONE;
  }

  private synchronized void release(Slots s) {
    s.explicit--;
  }

  /** The refusal Databricks sends for {@code family}: status, body and whether it is SCIM-shaped. */
  synchronized FakeResponse refusal(Long workspaceId, String path, boolean retryAfter, Duration delay) {
    Family family = family(path);
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    if (family == Family.SCIM) {
      String detail = "REQUEST_LIMIT_EXCEEDED: Workspace " + workspaceId + " exceeded the concurrent limit of " + scim + " requests.";
      return new FakeResponse(500, headers,
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"detail\":\"" + detail + "\",\"status\":\"500\"}",
          java.util.Optional.empty(), delay);
    }
    if (retryAfter) {
      headers.put("Retry-After", "1");
    }
    return new FakeResponse(429, headers,
        "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"Workspace " + workspaceId + " exceeded the concurrent limit of "
            + permissions + " requests.\"}",
        java.util.Optional.empty(), delay);
  }

  /** An admitted request's slot; {@link #release()} ends it (a no-op for time-held slots). */
  static final class Admission {
    static final Admission NONE = new Admission(() -> { });
    private final Runnable release;

    Admission(Runnable release) {
      this.release = release;
    }

    void release() {
      release.run();
    }
  }

  private static final class Slots {
    int explicit;
    final PriorityQueue<Long> deadlines = new PriorityQueue<>();
  }

  @Override
  public synchronized String toString() {
    return "ConcurrencyLimits[scim=" + scim + ", permissions=" + permissions + ", refused=" + refused + "]";
  }
}
