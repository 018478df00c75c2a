package com.treasuredata.cas.databricks;

/** A bounded wait (propagation, polling) or the retry deadline ran out. */
public class OnboardingTimeoutException extends OnboardingException {

  private static final long serialVersionUID = 1L;

  public OnboardingTimeoutException(String message) {
    super(message);
  }

  public OnboardingTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
