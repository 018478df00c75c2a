package com.treasuredata.cas.databricks.internal.auth;

import com.treasuredata.cas.databricks.DatabricksTarget;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * Lets the connector read what a {@link DatabricksTarget} resolved to without a public accessor
 * that would expose an internal type. A constant method handle on the target's private field: no
 * mutable static state, nothing installed at class initialisation. Not API.
 */
public final class TargetAccess {

  private static final MethodHandle RESOLVED = resolvedGetter();

  private TargetAccess() {}

  /** Returns what {@code target} resolved to. */
  public static ResolvedTarget resolved(DatabricksTarget target) {
    Objects.requireNonNull(target, "target");
    try {
      return (ResolvedTarget) RESOLVED.invoke(target);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException("cannot read the resolved target", impossible);
    }
  }

  private static MethodHandle resolvedGetter() {
    try {
      return MethodHandles.privateLookupIn(DatabricksTarget.class, MethodHandles.lookup())
          .findGetter(DatabricksTarget.class, "resolved", ResolvedTarget.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
