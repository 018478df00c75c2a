package com.treasuredata.cas.databricks;

import java.util.Objects;
import java.util.Optional;

/**
 * A step's read-only decision: what it would do, why, and the payload its {@code apply} needs. The
 * payload type is the step's own choice (typically a small record), so that
 * {@link OnboardingStep#apply(StepContext, Object)} receives exactly what {@code plan} decided,
 * with no lookups by string key. Immutable; created by the factories.
 *
 * <pre>{@code
 * record Missing(String warehouseId) {}
 *
 * public StepPlan<Missing> plan(StepContext ctx) {
 *   return holds ? StepPlan.noOp("already holds CAN_USE")
 *                : StepPlan.update("grant CAN_USE on warehouse " + id, new Missing(id));
 * }
 * }</pre>
 *
 * <p>Two plans are equal when action, reason and payload are equal: that is how
 * {@link CasOnboarding#apply(OnboardingPlan)} detects that what a reviewed plan read has changed.
 *
 * @param <P> the payload type
 */
public final class StepPlan<P> {

  private final PlannedAction action;
  private final String reason;
  private final P payload;
  private final SkipCause skipCause;

  private StepPlan(PlannedAction action, String reason, P payload, SkipCause skipCause) {
    this.action = action;
    this.reason = requireReason(reason);
    this.payload = payload;
    this.skipCause = skipCause;
  }

  /**
   * Returns a plan to create something, with what {@code apply} needs.
   *
   * @param <P> the type of the step's plan payload
   * @param payload what {@code apply} needs to carry out the change
   * @param reason why, in words; never a secret
   * @return a plan to create something, with what {@code apply} needs
   */
  public static <P> StepPlan<P> create(String reason, P payload) {
    return new StepPlan<>(PlannedAction.CREATE, reason, Objects.requireNonNull(payload, "payload"), null);
  }

  /**
   * Returns a plan to add to something that exists, with what {@code apply} needs.
   *
   * @param <P> the type of the step's plan payload
   * @param payload what {@code apply} needs to carry out the change
   * @param reason why, in words; never a secret
   * @return a plan to add to something that exists, with what {@code apply} needs
   */
  public static <P> StepPlan<P> update(String reason, P payload) {
    return new StepPlan<>(PlannedAction.UPDATE, reason, Objects.requireNonNull(payload, "payload"), null);
  }

  /**
   * Returns a plan to remove something, with what {@code apply} needs.
   *
   * @param <P> the type of the step's plan payload
   * @param payload what {@code apply} needs to carry out the change
   * @param reason why, in words; never a secret
   * @return a plan to remove something, with what {@code apply} needs
   */
  public static <P> StepPlan<P> delete(String reason, P payload) {
    return new StepPlan<>(PlannedAction.DELETE, reason, Objects.requireNonNull(payload, "payload"), null);
  }

  /**
   * Returns a plan whose {@code apply} only reads to check something.
   *
   * @param <P> the type of the step's plan payload
   * @param payload what {@code apply} needs to carry out the change
   * @param reason why, in words; never a secret
   * @return a plan whose {@code apply} only reads to check something
   */
  public static <P> StepPlan<P> check(String reason, P payload) {
    return new StepPlan<>(PlannedAction.CHECK, reason, Objects.requireNonNull(payload, "payload"), null);
  }

  /**
   * Returns a plan that changes nothing; {@code apply} is not called.
   *
   * @param <P> the type of the step's plan payload
   * @param reason why, in words; never a secret
   * @return a plan that changes nothing; {@code apply} is not called
   */
  public static <P> StepPlan<P> noOp(String reason) {
    return new StepPlan<>(PlannedAction.NO_OP, reason, null, null);
  }

  /**
   * Returns a plan that skips the step for its own reason ({@link SkipCause#NOT_APPLICABLE}); {@code apply} is not called.
   *
   * @param <P> the type of the step's plan payload
   * @param reason why, in words; never a secret
   * @return a plan that skips the step for its own reason ({@link SkipCause#NOT_APPLICABLE}); {@code apply} is not called
   */
  public static <P> StepPlan<P> skip(String reason) {
    return new StepPlan<>(PlannedAction.SKIP, reason, null, SkipCause.NOT_APPLICABLE);
  }

  /**
   * Returns a plan that skips the step with {@code cause}; {@code apply} is not called.
   *
   * @param <P> the type of the step's plan payload
   * @param cause the cause
   * @param reason why, in words; never a secret
   * @return a plan that skips the step with {@code cause}; {@code apply} is not called
   */
  public static <P> StepPlan<P> skip(SkipCause cause, String reason) {
    return new StepPlan<>(PlannedAction.SKIP, reason, null, Objects.requireNonNull(cause, "cause"));
  }

  /**
   * Returns the planned action.
   *
   * @return the planned action
   */
  public PlannedAction action() {
    return action;
  }

  /**
   * Returns the human explanation; never a secret.
   *
   * @return the human explanation; never a secret
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns the payload; present exactly when {@link PlannedAction#needsApply()}.
   *
   * @return the payload; present exactly when {@link PlannedAction#needsApply()}
   */
  public Optional<P> payload() {
    return Optional.ofNullable(payload);
  }

  /**
   * Returns why the step is skipped; present exactly when the action is {@link PlannedAction#SKIP}.
   *
   * @return why the step is skipped; present exactly when the action is {@link PlannedAction#SKIP}
   */
  public Optional<SkipCause> skipCause() {
    return Optional.ofNullable(skipCause);
  }

  /**
   * Returns true when applying would write.
   *
   * @return true when applying would write
   */
  public boolean isChange() {
    return action.isChange();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof StepPlan)) {
      return false;
    }
    StepPlan<?> that = (StepPlan<?>) other;
    return action == that.action && reason.equals(that.reason) && Objects.equals(payload, that.payload) && skipCause == that.skipCause;
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, reason, payload, skipCause);
  }

  /** Prints action and reason; the payload is not printed (it may be large). */
  @Override
  public String toString() {
    return action + " (" + reason + ")";
  }

  private static String requireReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a plan's reason must not be blank; say what the step would do and why");
    }
    return reason;
  }
}
