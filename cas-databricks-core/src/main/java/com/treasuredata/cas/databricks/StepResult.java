package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * What one step did: {@link Completed} (created, updated or unchanged), {@link Skipped} (with the
 * reason) or {@link Failed} (with the exception). Java 17 has no pattern-matching switch, so use
 * {@code instanceof} or the convenience methods.
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
    /** Everything was already in place; nothing was written. */
    UNCHANGED
  }

  /** Returns the step name. */
  String step();

  /** Returns true unless the step failed. */
  default boolean isSuccess() {
    return !(this instanceof Failed);
  }

  /** Returns true when the step wrote something. */
  default boolean isChange() {
    return this instanceof Completed && ((Completed) this).change() != Change.UNCHANGED;
  }

  /** Returns this result, or throws the step's exception if it failed. */
  default StepResult orThrow() {
    if (this instanceof Failed) {
      throw ((Failed) this).exception();
    }
    return this;
  }

  /**
   * The step ran to the end.
   *
   * @param step the step name
   * @param change what it changed
   * @param detail a human summary, never containing a secret
   */
  record Completed(String step, Change change, String detail) implements StepResult {
    public Completed {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return step + ": " + change + " (" + detail + ")";
    }
  }

  /**
   * The step did not run or had nothing to do here.
   *
   * @param step the step name
   * @param reason why
   */
  record Skipped(String step, String reason) implements StepResult {
    public Skipped {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return step + ": SKIPPED (" + reason + ")";
    }
  }

  /**
   * The step failed.
   *
   * @param step the step name
   * @param exception the failure
   */
  record Failed(String step, OnboardingException exception) implements StepResult {
    public Failed {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(exception, "exception");
    }

    @Override
    public String toString() {
      return step + ": FAILED (" + exception.getMessage() + ")";
    }
  }
}
