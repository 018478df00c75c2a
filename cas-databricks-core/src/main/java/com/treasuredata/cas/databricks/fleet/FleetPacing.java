package com.treasuredata.cas.databricks.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FleetOnboarding} paces its requests so that Databricks' limits are avoided rather
 * than hit and retried. Limits apply per request, keyed by host and endpoint family:
 *
 * <ul>
 *   <li>SCIM ({@code .../scim/v2/...}) of one workspace: at most {@code scimConcurrentPerWorkspace}
 *       in flight (Databricks refuses the fifth with HTTP 500 {@code REQUEST_LIMIT_EXCEEDED: Workspace N
 *       exceeded the concurrent limit of 4 requests.});
 *   <li>permissions ({@code /api/2.0/permissions/...}) of one workspace: at most
 *       {@code permissionsConcurrentPerWorkspace} in flight (about 20);
 *   <li>account SCIM writes (POST, PUT, PATCH, DELETE under {@code /api/2.0/accounts/.../scim/v2/}):
 *       at most {@code accountScimWritesPerSecond} per second per account host (a few per second).
 * </ul>
 *
 * <p>When the server still says slow down (429 with or without {@code Retry-After}, or a 500
 * {@code REQUEST_LIMIT_EXCEEDED}), the limit of that host and family is lowered (halved; it creeps
 * back after a run of successes), the family pauses for {@code Retry-After} or {@code limitPause},
 * and the refused request is sent again, at most {@code maxLimitRetries} times. Zero turns a limit off.
 *
 * <pre>{@code
 * FleetPacing pacing = FleetPacing.defaults().withAccountScimWritesPerSecond(2);
 * }</pre>
 *
 * @param scimConcurrentPerWorkspace SCIM requests in flight per workspace host (0: no limit)
 * @param permissionsConcurrentPerWorkspace permissions requests in flight per workspace host (0: no limit)
 * @param accountScimWritesPerSecond account SCIM writes per second per account host (0: no limit)
 * @param limitPause how long a family pauses after a limit answer without {@code Retry-After}
 * @param maxLimitRetries how often a refused request is sent again before its refusal is returned
 */
public record FleetPacing(
    int scimConcurrentPerWorkspace,
    int permissionsConcurrentPerWorkspace,
    double accountScimWritesPerSecond,
    Duration limitPause,
    int maxLimitRetries) {

  /**
   * Validates the values.
   *
   * @param scimConcurrentPerWorkspace SCIM requests in flight per workspace host (0: no limit)
   * @param permissionsConcurrentPerWorkspace permissions requests in flight per workspace host (0: no limit)
   * @param accountScimWritesPerSecond account SCIM writes per second per account host (0: no limit)
   * @param limitPause how long a family pauses after a limit answer without {@code Retry-After}
   * @param maxLimitRetries how often a refused request is sent again before its refusal is returned
   * @throws IllegalArgumentException naming the bad value when a limit is negative, the pause is not
   *     positive, or the retry count is negative
   */
  public FleetPacing {
    Objects.requireNonNull(limitPause, "limitPause");
    if (scimConcurrentPerWorkspace < 0 || permissionsConcurrentPerWorkspace < 0) {
      throw new IllegalArgumentException("concurrency limits must be 0 (no limit) or positive, were scim=" + scimConcurrentPerWorkspace
          + ", permissions=" + permissionsConcurrentPerWorkspace);
    }
    if (!(accountScimWritesPerSecond >= 0) || Double.isInfinite(accountScimWritesPerSecond)) {
      throw new IllegalArgumentException("accountScimWritesPerSecond must be 0 (no limit) or a positive number, was " + accountScimWritesPerSecond);
    }
    if (limitPause.isNegative() || limitPause.isZero()) {
      throw new IllegalArgumentException("limitPause must be positive, was " + limitPause);
    }
    if (maxLimitRetries < 0) {
      throw new IllegalArgumentException("maxLimitRetries must be 0 or more, was " + maxLimitRetries);
    }
  }

  /**
   * Returns Databricks' published and observed limits: SCIM 4 and permissions 20 concurrent per
   * workspace, account SCIM writes 5 per second; a 1 s pause after a limit answer, up to 8 re-sends.
   *
   * @return the defaults
   */
  public static FleetPacing defaults() {
    return new FleetPacing(4, 20, 5, Duration.ofSeconds(1), 8);
  }

  /**
   * Returns pacing without limits that still reacts to limit answers (pause, re-send).
   *
   * @return pacing with every limit off
   */
  public static FleetPacing unlimited() {
    return new FleetPacing(0, 0, 0, Duration.ofSeconds(1), 8);
  }

  /**
   * Returns a copy with another SCIM limit.
   *
   * @param limit SCIM requests in flight per workspace (0: no limit)
   * @return the copy
   */
  public FleetPacing withScimConcurrentPerWorkspace(int limit) {
    return new FleetPacing(limit, permissionsConcurrentPerWorkspace, accountScimWritesPerSecond, limitPause, maxLimitRetries);
  }

  /**
   * Returns a copy with another permissions limit.
   *
   * @param limit permissions requests in flight per workspace (0: no limit)
   * @return the copy
   */
  public FleetPacing withPermissionsConcurrentPerWorkspace(int limit) {
    return new FleetPacing(scimConcurrentPerWorkspace, limit, accountScimWritesPerSecond, limitPause, maxLimitRetries);
  }

  /**
   * Returns a copy with another account SCIM write rate.
   *
   * @param perSecond writes per second per account (0: no limit)
   * @return the copy
   */
  public FleetPacing withAccountScimWritesPerSecond(double perSecond) {
    return new FleetPacing(scimConcurrentPerWorkspace, permissionsConcurrentPerWorkspace, perSecond, limitPause, maxLimitRetries);
  }

  /**
   * Returns a copy with another pause after a limit answer without {@code Retry-After}.
   *
   * @param pause the pause
   * @return the copy
   */
  public FleetPacing withLimitPause(Duration pause) {
    return new FleetPacing(scimConcurrentPerWorkspace, permissionsConcurrentPerWorkspace, accountScimWritesPerSecond, pause, maxLimitRetries);
  }
}
