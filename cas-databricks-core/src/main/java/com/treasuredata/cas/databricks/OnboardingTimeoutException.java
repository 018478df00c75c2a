package com.treasuredata.cas.databricks;

/** A bounded wait (propagation, polling) or the retry deadline ran out. */
public class OnboardingTimeoutException extends OnboardingException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception saying which wait ran out.
   *
   * @param message the message, free of secrets and response bodies
   */
  public OnboardingTimeoutException(String message) {
    super(message);
  }

  /**
   * Creates an exception saying which wait ran out, with the last failure seen.
   *
   * @param message the message, free of secrets and response bodies
   * @param cause the last failure before the budget ran out
   */
  public OnboardingTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
