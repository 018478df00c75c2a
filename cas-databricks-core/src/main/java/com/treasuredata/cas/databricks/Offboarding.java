package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.engine.RunPlan;
import com.treasuredata.cas.databricks.internal.engine.Runs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Removes what a {@link CasOnboarding} set up, plan first, from {@link CasOnboarding#offboard()}:
 * our tokens, the service principal's catalog privileges, its warehouse and token ACL entries,
 * Treasure Data's addresses (the list itself when only they remain), its workspace membership, and
 * the service principal: from the account only when no other workspace still uses it. Nothing of
 * another principal is removed. {@link #plan()} sends GET requests only; every removal is
 * idempotent, so an interrupted offboarding is finished by running it again, and a second one
 * writes nothing. Thread-safe; each call is an independent run.
 *
 * <pre>{@code
 * Offboarding offboarding = onboarding.offboard();
 * OnboardingPlan plan = offboarding.plan();          // what would be removed; GET only
 * System.out.println(plan);
 * OnboardingResult removed = offboarding.apply(plan); // exactly what was reviewed, or StalePlanException
 * }</pre>
 *
 * <p>ACL entries (warehouse, tokens) can only be removed by replacing the whole ACL: the step reads
 * it, writes back every other principal's direct entry with PUT and reads again; a change someone
 * else makes to the same ACL in that window can be lost (see docs/usage.md).
 */
public final class Offboarding {

  private final Runs runs;
  private final List<OnboardingStep<?>> steps;

  Offboarding(Runs runs, List<OnboardingStep<?>> steps) {
    this.runs = runs;
    this.steps = List.copyOf(steps);
  }

  /**
   * Returns the offboarding steps in declaration order.
   *
   * @return the offboarding steps in declaration order
   */
  public List<OnboardingStep<?>> steps() {
    return steps;
  }

  /**
   * Decides what {@link #apply()} would remove, sending GET requests only.
   *
    * @return the result
   * @throws OnboardingException when it cannot be planned (e.g. several service principals share the name)
   */
  public OnboardingPlan plan() {
    return runs.engine(steps, this).plan();
  }

  /**
   * Plans, then removes.
   *
    * @return the result
   * @throws OnboardingFailedException when a step failed; carries what was removed; run it again to finish
   */
  public OnboardingResult apply() {
    return runs.engine(steps, this).apply(Optional.empty());
  }

  /**
   * Removes exactly what a reviewed plan said: plans again and stops before the first write when anything changed.
   *
    * @param reviewed the reviewed
    * @return the result
   * @throws IllegalArgumentException when {@code reviewed} was not made by this offboarding
   * @throws StalePlanException when what the plan read has changed since (nothing is removed)
   */
  public OnboardingResult apply(OnboardingPlan reviewed) {
    Objects.requireNonNull(reviewed, "reviewed");
    if (!(reviewed instanceof RunPlan) || ((RunPlan) reviewed).owner() != this) {
      throw new IllegalArgumentException("plan " + reviewed.runId() + " was not made by this Offboarding; apply a plan with the instance that made it");
    }
    return runs.engine(steps, this).apply(Optional.of((RunPlan) reviewed));
  }

  @Override
  public String toString() {
    return "Offboarding" + steps.stream().map(OnboardingStep::name).toList();
  }
}
