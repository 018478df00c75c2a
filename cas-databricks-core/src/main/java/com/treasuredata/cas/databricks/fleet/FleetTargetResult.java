package com.treasuredata.cas.databricks.fleet;

import com.treasuredata.cas.databricks.HealthReport;
import com.treasuredata.cas.databricks.HealthStatus;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.OnboardingResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one target of a fleet run did. Made by the fleet only. */
public final class FleetTargetResult {

  /** How a target ended. */
  public enum Status {
    /** Nothing to do: the target was already converged (no write). */
    CONVERGED,
    /** Applied: the target is converged now (writes were made). */
    CHANGED,
    /** Planned only: applying would change the target. */
    WOULD_CHANGE,
    /**
     * Health check only: something set up is missing or drifted (see {@link #health()}); applying
     * repairs it, which {@link FleetOnboarding#resume(FleetResult)} does.
     */
    UNHEALTHY,
    /** The run failed; see {@link #error()}. Other targets are not affected. */
    FAILED,
    /** Cancelled before or while it ran; a re-run reconciles. */
    CANCELLED;

    /**
     * Returns true when the target needs no further run.
     *
     * @return whether the status is CONVERGED or CHANGED
     */
    public boolean isConverged() {
      return this == CONVERGED || this == CHANGED;
    }
  }

  private final String id;
  private final Status status;
  private final OnboardingResult result;
  private final OnboardingPlan plan;
  private final HealthReport health;
  private final OnboardingException error;
  private final Duration took;

  FleetTargetResult(String id, Status status, OnboardingResult result, OnboardingPlan plan, HealthReport health, OnboardingException error,
      Duration took) {
    this.id = Objects.requireNonNull(id, "id");
    this.status = Objects.requireNonNull(status, "status");
    this.result = result;
    this.plan = plan;
    this.health = health;
    this.error = error;
    this.took = took;
  }

  static FleetTargetResult failed(String id, Status status, OnboardingResult partial, OnboardingException error, Duration took) {
    return new FleetTargetResult(id, status, partial, null, null, error, took);
  }

  /**
   * Returns the target's id, as given to the fleet builder.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns how the target ended.
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * Returns the onboarding result of an apply (also the partial result of a failed or cancelled one).
   *
   * @return the result, if the target applied
   */
  public Optional<OnboardingResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Returns the plan of a plan run.
   *
   * @return the plan, if the target planned
   */
  public Optional<OnboardingPlan> plan() {
    return Optional.ofNullable(plan);
  }

  /**
   * Returns the health report of a health check run ({@link FleetOnboarding#verify()}).
   *
   * @return the report, if the target was checked
   */
  public Optional<HealthReport> health() {
    return Optional.ofNullable(health);
  }

  /**
   * Returns why the target failed or was cancelled.
   *
   * @return the exception, if any
   */
  public Optional<OnboardingException> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns the requests this target's run sent.
   *
   * @return the request count (0 when it did not run)
   */
  public int requestCount() {
    return result != null ? result.requestCount() : plan != null ? plan.requestCount() : health != null ? health.requestCount() : 0;
  }

  /**
   * Returns the writes this target's run sent.
   *
   * @return the write count
   */
  public int writeCount() {
    return result != null ? result.writeCount() : 0;
  }

  /**
   * Returns how long the target's run took.
   *
   * @return the duration
   */
  public Duration took() {
    return took;
  }

  /** One line for the summary table: the error, or the health items that are not OK. */
  String detail() {
    if (error != null) {
      return error.getMessage();
    }
    if (health != null) {
      StringBuilder out = new StringBuilder();
      health.items().stream().filter(i -> i.status() != HealthStatus.OK)
          .forEach(i -> out.append(out.length() == 0 ? "" : "; ").append(i.check()).append(' ').append(i.status()));
      return out.toString();
    }
    return "";
  }

  @Override
  public String toString() {
    return "FleetTargetResult[" + id + ": " + status + ", " + requestCount() + " requests, " + writeCount() + " writes"
        + (error != null ? ", " + error.getMessage() : "") + "]";
  }
}
