package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.PlannedStep;
import com.treasuredata.cas.databricks.SkipCause;
import com.treasuredata.cas.databricks.StepResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The library's implementations of {@link StepResult} and {@link PlannedStep}. Not API. */
public final class StepResults {

  private StepResults() {}

  /** Returns a completed result. */
  public static StepResult.Completed completed(String runId, String step, StepResult.Change change, String detail, Duration took) {
    return new Completed(runId, step, change, detail, took);
  }

  /** Returns a skipped result. */
  public static StepResult.Skipped skipped(String runId, String step, SkipCause cause, String reason) {
    return new Skipped(runId, step, cause, reason);
  }

  /** Returns a failed result. */
  public static StepResult.Failed failed(String runId, String step, OnboardingException exception, Duration took) {
    return new Failed(runId, step, exception, took);
  }

  /** Returns a planned step. */
  public static PlannedStep planned(String step, PlannedAction action, String reason, Optional<SkipCause> cause) {
    return new Planned(step, action, reason, cause);
  }

  private record Completed(String runId, String step, Change change, String detail, Duration duration) implements StepResult.Completed {
    Completed {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return step + ": " + change + " (" + detail + ")";
    }
  }

  private record Skipped(String runId, String step, SkipCause cause, String reason) implements StepResult.Skipped {
    @Override
    public Duration duration() {
      return Duration.ZERO;
    }

    @Override
    public String toString() {
      return step + ": SKIPPED (" + reason + ")";
    }
  }

  private record Failed(String runId, String step, OnboardingException exception, Duration duration) implements StepResult.Failed {
    @Override
    public String toString() {
      return step + ": FAILED (" + exception.getMessage() + ")";
    }
  }

  private record Planned(String step, PlannedAction action, String reason, Optional<SkipCause> skipCause) implements PlannedStep {
    @Override
    public String toString() {
      return step + ": " + action + " (" + reason + ")";
    }
  }
}
