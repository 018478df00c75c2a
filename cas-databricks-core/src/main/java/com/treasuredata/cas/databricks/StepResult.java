package com.treasuredata.cas.databricks;

import java.time.Duration;

/**
 * What one step did in a run: {@link Completed} (created, updated, deleted or unchanged),
 * {@link Skipped} (with a {@link SkipCause} and the reason) or {@link Failed} (with the exception).
 * Built by the library only; every result carries the step name, the run id and how long the step
 * took. Java 17 has no pattern-matching switch, so use {@code instanceof} or the convenience
 * methods.
 *
 * <pre>{@code
 * for (StepResult step : result.steps()) {
 *   if (step instanceof StepResult.Failed) {
 *     throw ((StepResult.Failed) step).exception();
 *   }
 * }
 * }</pre>
 */
public sealed interface StepResult permits StepResult.Completed, StepResult.Skipped, StepResult.Failed {

  /** What a completed step changed. */
  enum Change {
    /** The step created something (a service principal, a token, a list). */
    CREATED,
    /** The step added to something that existed. */
    UPDATED,
    /** The step removed something. */
    DELETED,
    /** Everything was already in place, or the step only read; nothing was written. */
    UNCHANGED
  }

  /**
   * Returns the step name.
   *
   * @return the step name
   */
  String step();

  /**
   * Returns the id of the run the step belonged to (also in the logs' MDC as {@code cas.runId}).
   *
   * @return the id of the run the step belonged to (also in the logs' MDC as {@code cas.runId})
   */
  String runId();

  /**
   * Returns how long the step's apply took; zero for a step that did not run.
   *
   * @return how long the step's apply took; zero for a step that did not run
   */
  Duration duration();

  /**
   * Returns true unless the step failed.
   *
   * @return true unless the step failed
   */
  default boolean isSuccess() {
    return !(this instanceof Failed);
  }

  /**
   * Returns true when the step wrote something.
   *
   * @return true when the step wrote something
   */
  default boolean isChange() {
    return this instanceof Completed && ((Completed) this).change() != Change.UNCHANGED;
  }

  /**
   * Returns this result, or throws the step's exception if it failed.
   *
   * @return this result, or throws the step's exception if it failed
   */
  default StepResult orThrow() {
    if (this instanceof Failed) {
      throw ((Failed) this).exception();
    }
    return this;
  }

  /** The step ran to the end. */
  non-sealed interface Completed extends StepResult {
    /**
     * Returns what it changed.
     *
     * @return what it changed
     */
    Change change();

    /**
     * Returns a human summary, never containing a secret.
     *
     * @return a human summary, never containing a secret
     */
    String detail();
  }

  /** The step did not run, or had nothing to do here. */
  non-sealed interface Skipped extends StepResult {
    /**
     * Returns why, as a kind.
     *
     * @return why, as a kind
     */
    SkipCause cause();

    /**
     * Returns why, in words.
     *
     * @return why, in words
     */
    String reason();
  }

  /** The step failed. */
  non-sealed interface Failed extends StepResult {
    /**
     * Returns the failure.
     *
     * @return the failure
     */
    OnboardingException exception();
  }
}
