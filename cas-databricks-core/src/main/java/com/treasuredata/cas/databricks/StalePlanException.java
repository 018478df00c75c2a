package com.treasuredata.cas.databricks;

import java.util.List;

/**
 * {@link CasOnboarding#apply(OnboardingPlan)} found that what the reviewed plan read has changed
 * since (someone else created, granted or removed something), and stopped before its first write.
 * Make a new plan, review it, and apply that.
 */
public final class StalePlanException extends OnboardingException {

  private static final long serialVersionUID = 1L;

  /** The changed steps. */
  private final List<String> changedSteps;

  /**
   * Creates the exception; the library throws it.
   *
   * @param message which steps would now do something else, and what to do
   * @param changedSteps the names of those steps
   */
  public StalePlanException(String message, List<String> changedSteps) {
    super(message);
    this.changedSteps = List.copyOf(changedSteps);
  }

  /**
   * Returns the names of the steps whose plan changed.
   *
   * @return the names of the steps whose plan changed
   */
  public List<String> changedSteps() {
    return changedSteps;
  }
}
