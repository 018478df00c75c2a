package com.treasuredata.cas.databricks.internal.auth;

import com.treasuredata.cas.databricks.DatabricksTarget;
import java.util.Objects;
import java.util.function.Function;

/**
 * Lets the connector read what a {@link DatabricksTarget} resolved to without a public accessor
 * that would expose an internal type (the JDK's "shared secrets" pattern). Not API.
 */
public final class TargetAccess {

  private static volatile Function<DatabricksTarget, ResolvedTarget> accessor;

  private TargetAccess() {}

  /**
   * Called once, by {@code DatabricksTarget}'s static initializer.
   *
   * @throws IllegalStateException if an accessor is already installed
   */
  public static synchronized void install(Function<DatabricksTarget, ResolvedTarget> access) {
    if (accessor != null) {
      throw new IllegalStateException("TargetAccess is already installed");
    }
    accessor = Objects.requireNonNull(access, "access");
  }

  /** Returns what {@code target} resolved to. */
  public static ResolvedTarget resolved(DatabricksTarget target) {
    Objects.requireNonNull(target, "target");
    // Holding an instance means DatabricksTarget's initializer has run and installed the accessor.
    return accessor.apply(target);
  }
}
