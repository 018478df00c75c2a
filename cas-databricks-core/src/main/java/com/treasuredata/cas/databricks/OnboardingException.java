package com.treasuredata.cas.databricks;

/**
 * The one unchecked root of every failure this library reports.
 *
 * <p>Subclasses: {@link CasApiException} (Databricks answered with an error),
 * {@link OnboardingTransportException} (no usable answer: connection refused, reset, timeout) and
 * {@link OnboardingTimeoutException} (a bounded wait or retry budget ran out). Messages never
 * contain a secret or a response body.
 */
public class OnboardingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed and what to do.
   *
   * @param message the message, free of secrets and response bodies
   */
  public OnboardingException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message the message, free of secrets and response bodies
   * @param cause the underlying failure
   */
  public OnboardingException(String message, Throwable cause) {
    super(message, cause);
  }
}
