package com.treasuredata.cas.databricks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link CasOnboarding#verify()}: one {@link HealthItem} per thing CAS's connection
 * needs, with a verdict and a fix. Built by the library only; never contains a secret.
 *
 * <pre>{@code
 * HealthReport report = onboarding.verify(vault.secret("cas/databricks"));   // deep: runs a query as the service principal
 * System.out.println(report);                 // one line per item
 * if (!report.isHealthy()) {
 *   alerting.send(report.toJson());
 * }
 * }</pre>
 */
public interface HealthReport {

  /**
   * Returns the id of the run that checked (as in its log lines' MDC).
   *
   * @return the id of the run that checked (as in its log lines' MDC)
   */
  String runId();

  /**
   * Returns when the check ran, by the onboarding's clock.
   *
   * @return when the check ran, by the onboarding's clock
   */
  Instant checkedAt();

  /**
   * Returns the items, in check order.
   *
   * @return the items, in check order
   */
  List<HealthItem> items();

  /**
   * Returns the requests the check sent (all reads, but the deep mode's statement).
   *
   * @return the request count
   */
  int requestCount();

  /**
   * Returns true when no item is {@link HealthStatus#DRIFT} or {@link HealthStatus#MISSING} (EXPIRING still counts as healthy).
   *
   * @return true when no item is {@link HealthStatus#DRIFT} or {@link HealthStatus#MISSING} (EXPIRING still counts as healthy)
   */
  default boolean isHealthy() {
    return items().stream().noneMatch(i -> i.status().isProblem());
  }

  /**
   * Returns true when any item is not OK (EXPIRING included): someone should act.
   *
   * @return true when any item is not OK (EXPIRING included): someone should act
   */
  default boolean needsAttention() {
    return items().stream().anyMatch(i -> i.status() != HealthStatus.OK);
  }

  /**
   * Returns the item for {@code check}, if it was checked.
   *
   * @param check the check
   * @return the item for {@code check}, if it was checked
   */
  default Optional<HealthItem> item(String check) {
    return items().stream().filter(i -> i.check().equals(check)).findFirst();
  }

  /**
   * Returns the report as JSON for a monitoring job: {@code {"healthy":..,"checkedAt":..,"items":[{"check","status","detail","fix"}]}}.
   *
   * @return the report as JSON for a monitoring job: {@code {"healthy":..,"checkedAt":..,"items":[{"check","status","detail","fix"}]}}
   */
  String toJson();
}
