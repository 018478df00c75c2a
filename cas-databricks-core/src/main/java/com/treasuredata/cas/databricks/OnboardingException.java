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

  public OnboardingException(String message) {
    super(message);
  }

  public OnboardingException(String message, Throwable cause) {
    super(message, cause);
  }
}
