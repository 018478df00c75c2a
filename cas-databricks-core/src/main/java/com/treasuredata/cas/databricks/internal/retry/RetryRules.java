package com.treasuredata.cas.databricks.internal.retry;

import com.treasuredata.cas.databricks.internal.ApiRequest.Safety;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Which failures may be retried, by how safe the request is to repeat. Not API.
 *
 * <p>Reads and set-like writes retry on 429, 500, 502, 503, 504, throttling error codes and any
 * I/O failure. Creates retry only when the server cannot have acted on the request: 429, 501, 503,
 * a throttling error code (SCIM's concurrency limit arrives as a 500 {@code REQUEST_LIMIT_EXCEEDED}
 * and means the request was refused), or a failure to connect at all. Anything else after a create
 * was sent is ambiguous and goes back to the step, which reads before it decides again. A request
 * declared {@code ONCE} is never retried.
 */
public final class RetryRules {

  private static final Set<Integer> SAFE_STATUSES = Set.of(429, 500, 502, 503, 504);
  private static final Set<Integer> CREATE_STATUSES = Set.of(429, 501, 503);
  private static final Set<String> THROTTLE_CODES = Set.of("REQUEST_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED", "TOO_MANY_REQUESTS");

  private RetryRules() {}

  /** Returns true when a response with {@code status} and {@code errorCode} may be retried. */
  public static boolean isRetryable(Safety safety, int status, String errorCode) {
    if (safety == Safety.ONCE) {
      return false;
    }
    if (THROTTLE_CODES.contains(errorCode)) {
      return true;
    }
    return safety == Safety.CREATE ? CREATE_STATUSES.contains(status) : SAFE_STATUSES.contains(status);
  }

  /** Returns true when an I/O failure may be retried. */
  public static boolean isRetryable(Safety safety, IOException failure) {
    if (safety == Safety.ONCE) {
      return false;
    }
    return safety != Safety.CREATE || isConnectPhase(failure);
  }

  /** Returns true when the failure happened before the request could reach the server. */
  public static boolean isConnectPhase(IOException failure) {
    return failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof NoRouteToHostException
        || failure instanceof PortUnreachableException;
  }
}
