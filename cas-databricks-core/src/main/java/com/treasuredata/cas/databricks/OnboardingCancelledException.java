package com.treasuredata.cas.databricks;

/**
 * The run was cancelled (its thread was interrupted, or {@code Future.cancel(true)} was called on
 * {@link CasOnboarding#applyAsync()}) and stopped at the next request boundary. The message and
 * {@link #partialResult()} say what was applied; requests in flight when it was cancelled may
 * have been applied too, which a re-run reconciles. The interrupt flag of an interrupted caller is
 * kept.
 */
public final class OnboardingCancelledException extends OnboardingFailedException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; the library throws it.
   *
   * @param message what was applied and what was not run
   * @param partialResult the steps' results so far
   */
  public OnboardingCancelledException(String message, OnboardingResult partialResult) {
    super(message, partialResult, null);
  }
}
