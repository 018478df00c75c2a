package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.SharedRead;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Name, dependencies and prefetched reads of a built-in step, declared once in its constructor. */
abstract class BuiltInStep<P> implements OnboardingStep<P> {

  private final String name;
  private final Set<String> dependsOn;
  private final Set<String> planDependsOn;
  private final List<SharedRead<?>> prefetch;
  private final AtomicBoolean servicePrincipalPlanned = new AtomicBoolean();

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

  /**
   * Remembers that a plan of this step ran with the service principal found or about to be created:
   * later runs of the same onboarding (re-runs, which find it) then prefetch the reads such a plan
   * needs in the first stage, beside the service principal lookup, instead of after it. The first
   * run of an onboarding, typically on a fresh workspace, does not pay for reads it cannot use.
   */
  final void servicePrincipalPlanned() {
    servicePrincipalPlanned.set(true);
  }

  /** Returns true when this run prefetched the reads for an existing service principal. */
  final boolean prefetchedForExisting() {
    return servicePrincipalPlanned.get();
  }

  /** Returns {@code always}, plus {@code ifExisting} once a plan of this step ran with the service principal known. */
  final List<SharedRead<?>> prefetchWhenExisting(List<SharedRead<?>> always, List<SharedRead<?>> ifExisting) {
    if (!servicePrincipalPlanned.get()) {
      return always;
    }
    List<SharedRead<?>> out = new ArrayList<>(always);
    ifExisting.stream().filter(r -> !out.contains(r)).forEach(out::add);
    return List.copyOf(out);
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
