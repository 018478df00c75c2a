package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * {@link CasOnboarding#apply()} did not complete. The message says what was applied, what failed
 * and what remains; {@link #partialResult()} has the details and {@link #getCause()} the first
 * failure. Every step is idempotent, so re-running the same onboarding resumes safely.
 */
public class OnboardingFailedException extends OnboardingException {

  private static final long serialVersionUID = 1L;

  private final transient OnboardingResult partialResult;

  /**
   * Creates the exception; the library throws it, callers normally only catch it.
   *
   * @param message what was applied, what failed and what remains
   * @param partialResult the steps' results so far
   * @param cause the first step failure, or null (a cancelled run)
   */
  public OnboardingFailedException(String message, OnboardingResult partialResult, OnboardingException cause) {
    super(message, cause);
    this.partialResult = Objects.requireNonNull(partialResult, "partialResult");
  }

  /**
   * Returns what the run did before and around the failure.
   *
   * @return the partial result
   */
  public OnboardingResult partialResult() {
    return partialResult;
  }
}
