package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.SharedRead;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Name, dependencies and prefetched reads of a built-in step, declared once in its constructor. */
abstract class BuiltInStep<P> implements OnboardingStep<P> {

  private final String name;
  private final Set<String> dependsOn;
  private final Set<String> planDependsOn;
  private final List<SharedRead<?>> prefetch;

  BuiltInStep(String name, Set<String> dependsOn, Set<String> planDependsOn, List<SharedRead<?>> prefetch) {
    this.name = Objects.requireNonNull(name, "name");
    this.dependsOn = Set.copyOf(dependsOn);
    this.planDependsOn = Set.copyOf(planDependsOn);
    this.prefetch = List.copyOf(prefetch);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> dependsOn() {
    return dependsOn;
  }

  @Override
  public final Set<String> planDependsOn() {
    return planDependsOn;
  }

  @Override
  public List<SharedRead<?>> prefetch() {
    return prefetch;
  }

  /** Returns the read-only checks that tell whether what this step set up is still in place (none by default). */
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    return List.of();
  }

  /** Waits for {@code pending} and rethrows what it failed with as it was thrown. */
  static <T> T join(CompletableFuture<T> pending) {
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }
}
