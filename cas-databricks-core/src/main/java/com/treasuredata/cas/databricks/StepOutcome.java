package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * What a step's {@code apply} reports back: what it changed and a one-line summary. The engine
 * turns it into the {@link StepResult} of the run, adding the step name, the run id and the
 * duration.
 *
 * <pre>{@code
 * return StepOutcome.updated("granted CAN_USE on warehouse " + id);
 * }</pre>
 */
public final class StepOutcome {

  private final StepResult.Change change;
  private final String detail;

  private StepOutcome(StepResult.Change change, String detail) {
    this.change = Objects.requireNonNull(change, "change");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /**
   * The step created something.
   *
   * @param detail a human summary of what was done; never a secret
   * @return this step outcome
   */
  public static StepOutcome created(String detail) {
    return new StepOutcome(StepResult.Change.CREATED, detail);
  }

  /**
   * The step added to something that existed.
   *
   * @param detail a human summary of what was done; never a secret
   * @return this step outcome
   */
  public static StepOutcome updated(String detail) {
    return new StepOutcome(StepResult.Change.UPDATED, detail);
  }

  /**
   * The step removed something.
   *
   * @param detail a human summary of what was done; never a secret
   * @return this step outcome
   */
  public static StepOutcome deleted(String detail) {
    return new StepOutcome(StepResult.Change.DELETED, detail);
  }

  /**
   * The step found everything in place (or only read); nothing was written.
   *
   * @param detail a human summary of what was done; never a secret
   * @return this step outcome
   */
  public static StepOutcome unchanged(String detail) {
    return new StepOutcome(StepResult.Change.UNCHANGED, detail);
  }

  /**
   * Returns what changed.
   *
   * @return what changed
   */
  public StepResult.Change change() {
    return change;
  }

  /**
   * Returns the summary; never a secret.
   *
   * @return the summary; never a secret
   */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return change + " (" + detail + ")";
  }
}
