package com.treasuredata.cas.databricks.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a fleet run did, target by target, with a summary table. Made by the fleet only. */
public final class FleetResult {

  /** What a fleet run did to each target; {@link FleetOnboarding#resume} continues it. */
  enum Operation {
    PLAN, APPLY, VERIFY, PLAN_OFFBOARDING, OFFBOARD;

    /** The operation that finishes what this one left: onboarding for onboarding runs, offboarding for offboarding runs. */
    Operation resumedBy() {
      return this == PLAN_OFFBOARDING || this == OFFBOARD ? OFFBOARD : APPLY;
    }
  }

  private final Operation operation;
  private final List<FleetTargetResult> targets;
  private final Duration elapsed;
  private final long requests;
  private final long limitAnswers;
  private final long limitAnswersReturned;

  FleetResult(Operation operation, List<FleetTargetResult> targets, Duration elapsed, long requests, long limitAnswers,
      long limitAnswersReturned) {
    this.operation = operation;
    this.targets = List.copyOf(targets);
    this.elapsed = elapsed;
    this.requests = requests;
    this.limitAnswers = limitAnswers;
    this.limitAnswersReturned = limitAnswersReturned;
  }

  Operation operation() {
    return operation;
  }

  /**
   * Returns every target's result, in the order the targets were given.
   *
   * @return the results
   */
  public List<FleetTargetResult> targets() {
    return targets;
  }

  /**
   * Returns the result of target {@code id}.
   *
   * @param id the target id
   * @return its result
   * @throws IllegalArgumentException if the run had no such target
   */
  public FleetTargetResult target(String id) {
    for (FleetTargetResult t : targets) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no target '" + id + "' in this fleet run");
  }

  /**
   * Returns the ids of the targets that are not converged (failed, cancelled, unhealthy, or planned changes).
   *
   * @return the ids, in target order
   */
  public List<String> unconverged() {
    List<String> out = new ArrayList<>();
    targets.stream().filter(t -> !t.status().isConverged()).forEach(t -> out.add(t.id()));
    return out;
  }

  /**
   * Returns how many targets ended with {@code status}.
   *
   * @param status the status
   * @return the count
   */
  public int count(FleetTargetResult.Status status) {
    return (int) targets.stream().filter(t -> t.status() == status).count();
  }

  /**
   * Returns true when no target failed or was cancelled.
   *
   * @return whether every target succeeded
   */
  public boolean isSuccess() {
    return count(FleetTargetResult.Status.FAILED) == 0 && count(FleetTargetResult.Status.CANCELLED) == 0;
  }

  /**
   * Returns the wall time of the run.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * Returns the requests the run sent, re-sends after limit answers included.
   *
   * @return the request count
   */
  public long requestCount() {
    return requests;
  }

  /**
   * Returns how many limit answers (429, 500 {@code REQUEST_LIMIT_EXCEEDED}) the server sent; the
   * pacing keeps this at or near 0.
   *
   * @return the count
   */
  public long limitAnswers() {
    return limitAnswers;
  }

  /**
   * Returns how many limit answers were passed on to a run after the pacing's last re-send.
   *
   * @return the count
   */
  public long limitAnswersReturned() {
    return limitAnswersReturned;
  }

  /**
   * Returns a Markdown table: one row per target (status, requests, writes, time, error) and a total.
   *
   * @return the table
   */
  public String summaryTable() {
    StringBuilder out = new StringBuilder("| target | status | requests | writes | took | detail |\n|---|---|---|---|---|---|\n");
    for (FleetTargetResult t : targets) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d ms | %s |%n", t.id(), t.status(), t.requestCount(), t.writeCount(),
          t.took().toMillis(), t.detail().replace('|', '/').replace('\n', ' ')));
    }
    out.append(String.format(Locale.ROOT, "%nTotal: %d targets, %d converged, %d changed, %d would change, %d unhealthy, %d failed,"
            + " %d cancelled; %d requests in %d ms; %d limit answers%n",
        targets.size(), count(FleetTargetResult.Status.CONVERGED), count(FleetTargetResult.Status.CHANGED),
        count(FleetTargetResult.Status.WOULD_CHANGE), count(FleetTargetResult.Status.UNHEALTHY), count(FleetTargetResult.Status.FAILED),
        count(FleetTargetResult.Status.CANCELLED), requests, elapsed.toMillis(), limitAnswers));
    return out.toString();
  }

  @Override
  public String toString() {
    return "FleetResult[" + targets.size() + " targets, unconverged " + unconverged().size() + ", " + requests + " requests, "
        + elapsed.toMillis() + " ms]";
  }
}
