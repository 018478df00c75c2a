package com.treasuredata.cas.databricks;

/**
 * What kind of failure a {@link CasApiException} is. Decided once, when the response is mapped,
 * from the status, the {@code error_code} and the server's own message (never from guidance text
 * this library adds), so code can branch on it instead of on messages.
 *
 * <pre>{@code
 * try {
 *   onboarding.apply();
 * } catch (OnboardingFailedException e) {
 *   if (e.getCause() instanceof CasApiException
 *       && ((CasApiException) e.getCause()).category() == ErrorCategory.AUTHENTICATION) {
 *     rotateAdminCredential();
 *   }
 * }
 * }</pre>
 */
public enum ErrorCategory {
  /** The credential is invalid, expired or revoked (401, or 403 "Invalid access token"). */
  AUTHENTICATION,
  /** The caller is authenticated but not allowed. */
  PERMISSION,
  /** A service principal lacks CAN_USE on {@code /authorization/tokens}. */
  TOKEN_USAGE,
  /** A just-created or just-assigned principal is not visible yet; retried with backoff only then. */
  PROPAGATION,
  /** The Unity Catalog catalog does not exist. */
  CATALOG_NOT_FOUND,
  /** Anything else that was not found. */
  NOT_FOUND,
  /** The change would lock the caller out (IP access lists). */
  LOCKOUT,
  /** A quota would be exceeded (IP access lists: 1000 addresses). */
  QUOTA,
  /** Too many requests, or a concurrency limit. */
  THROTTLED,
  /** The object already exists. */
  CONFLICT,
  /** The request was rejected as invalid. */
  INVALID_REQUEST,
  /** A server-side failure. */
  SERVER,
  /** Nothing more specific is known. */
  OTHER
}
