package com.treasuredata.cas.databricks;

import java.util.Objects;
import java.util.Optional;

/**
 * Databricks answered a request with an error.
 *
 * <p>Carries the verbatim {@code error_code} (platform codes such as {@code PERMISSION_DENIED},
 * numeric codes such as {@code "403"}, or {@code SCIM_404} for SCIM errors), the HTTP status as
 * sent on the wire, the request id when the server sent one, and the step that made the request.
 * Branch on {@link #errorCode()} or {@link #category()}, not on the message. The message explains
 * what to do.
 */
public class CasApiException extends OnboardingException {

  private static final long serialVersionUID = 1L;

  /** The status code. */
  private final int statusCode;
  /** The error code. */
  private final String errorCode;
  /** The request id. */
  private final String requestId;
  /** The step name. */
  private final String stepName;
  /** The method. */
  private final String method;
  /** The path. */
  private final String path;
  /** The category. */
  private final ErrorCategory category;

  /**
   * Creates the exception; the library maps error responses to it, and a custom step may throw one
   * for an error carried inside a successful response.
   *
   * @param message what happened and what to do; never a secret or a response body
   * @param statusCode the HTTP status as received
   * @param errorCode the Databricks {@code error_code}, verbatim
   * @param category what kind of failure it is
   * @param requestId the server's request id, or null
   * @param stepName the step that made the request, or null
   * @param method the HTTP method, or null
   * @param path the request path without query, or null
   */
  public CasApiException(
      String message,
      int statusCode,
      String errorCode,
      ErrorCategory category,
      String requestId,
      String stepName,
      String method,
      String path) {
    super(message);
    this.category = Objects.requireNonNull(category, "category");
    this.statusCode = statusCode;
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.requestId = requestId;
    this.stepName = stepName;
    this.method = method;
    this.path = path;
  }

  /**
   * Returns the HTTP status as received.
   *
   * @return the HTTP status as received
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the Databricks {@code error_code}, verbatim ({@code UNKNOWN} when none was sent).
   *
   * @return the Databricks {@code error_code}, verbatim ({@code UNKNOWN} when none was sent)
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * Returns what kind of failure this is, decided once from the response.
   *
   * @return what kind of failure this is, decided once from the response
   */
  public ErrorCategory category() {
    return category;
  }

  /**
   * Returns the request id the server reported, if any.
   *
   * @return the request id the server reported, if any
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Returns the name of the onboarding step that made the failing request, if known.
   *
   * @return the name of the onboarding step that made the failing request, if known
   */
  public Optional<String> stepName() {
    return Optional.ofNullable(stepName);
  }

  /**
   * Returns the HTTP method of the failing request.
   *
   * @return the HTTP method of the failing request
   */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /**
   * Returns the path (without query) of the failing request.
   *
   * @return the path (without query) of the failing request
   */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }
}
