package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * One line of a {@link HealthReport}: what was checked, the verdict, what was found and how to fix it.
 *
 * @param check what was checked, e.g. {@code service-principal}, {@code token}, {@code catalog-grant:cas_demo}, {@code query}
 * @param status the verdict
 * @param detail what was found; for the deep query, the result or the server's error verbatim; never a secret
 * @param fix what to do about it; empty when the status is OK
 */
public record HealthItem(String check, HealthStatus status, String detail, String fix) {

  /**
   * Checks that no part is null.
   *
   * @param check what was checked
   * @param status the verdict
   * @param detail what was found
   * @param fix how to fix it
   */
  public HealthItem {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(fix, "fix");
  }

  /** Returns e.g. {@code OK       token: token 1a2b valid, 29 days left}, plus {@code -> fix} when there is one. */
  @Override
  public String toString() {
    return String.format("%-8s %s: %s%s", status, check, detail, fix.isEmpty() ? "" : " -> " + fix);
  }
}
