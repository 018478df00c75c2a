package com.treasuredata.cas.databricks.fleet;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.HealthReport;
import com.treasuredata.cas.databricks.OnboardingCancelledException;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.fleet.FleetResult.Operation;
import com.treasuredata.cas.databricks.internal.fleet.Pacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onboards many workspaces at once: one {@link CasOnboarding} per target, at most
 * {@code concurrency} targets at a time, every request paced under Databricks' per-workspace and
 * per-account limits ({@link FleetPacing}), clients shared (one connection pool, one resolved SDK
 * configuration and OAuth token per account or workspace target).
 *
 * <pre>{@code
 * CasOnboardingBuilder template = CasOnboarding.builder()
 *     .account(DatabricksTarget.profile("account-admin"))
 *     .token(Duration.ofDays(30))
 *     .withoutGrants();
 * FleetOnboardingBuilder builder = FleetOnboarding.builder().template(template).concurrency(64)
 *     .listener(progress -> log.info("fleet: {}", progress));
 * for (Customer c : customers) {
 *   builder.target(c.id(), b -> b.workspace(DatabricksTarget.pat(c.host(), c.adminToken())).workspaceId(c.workspaceId())
 *       .servicePrincipal("TD-CAS-" + c.id()));
 * }
 * try (FleetOnboarding fleet = builder.build()) {
 *   FleetResult result = fleet.apply();
 *   System.out.println(result.summaryTable());
 *   if (!result.isSuccess()) {
 *     result = fleet.resume(result);                         // only the targets that did not converge
 *   }
 * }
 * }</pre>
 *
 * <p>Each target runs its own onboarding: it plans first (reads only) and writes only what its plan
 * says, so a converged target costs its reads and no write, and running the fleet again re-applies
 * only what is not converged. {@link #resume(FleetResult)} runs only the targets an earlier run left
 * unconverged. One target's failure never stops the others. {@link #cancel()} (or
 * {@code cancel(true)} on {@link #applyAsync()}) stops the runs in progress at their next request
 * boundary and starts no other; their results say {@code CANCELLED}. A run is one pass over targets
 * with one operation: {@link #plan()}, {@link #apply()}, the health check {@link #verify()},
 * {@link #planOffboarding()} or {@link #offboard()}, all over the same targets, pacing and clients.
 * Thread-safe.
 */
public final class FleetOnboarding implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetOnboarding.class);

  private final Map<String, CasOnboarding> targets;
  private final int concurrency;
  private final Pacer pacer;
  private final FleetListener listener;
  private final Clock clock;
  private final AutoCloseable owned;
  private final Set<ExecutorService> running = ConcurrentHashMap.newKeySet();

  FleetOnboarding(Map<String, CasOnboarding> targets, int concurrency, Pacer pacer, FleetListener listener, Clock clock, AutoCloseable owned) {
    this.targets = new LinkedHashMap<>(targets);
    this.concurrency = concurrency;
    this.pacer = pacer;
    this.listener = listener;
    this.clock = clock;
    this.owned = owned;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static FleetOnboardingBuilder builder() {
    return new FleetOnboardingBuilder();
  }

  /**
   * Returns the target ids in the order they were given.
   *
   * @return the ids
   */
  public List<String> targetIds() {
    return List.copyOf(targets.keySet());
  }

  /**
   * Returns the onboarding of target {@code id}.
   *
   * @param id the target id
   * @return its onboarding
   * @throws IllegalArgumentException if there is no such target
   */
  public CasOnboarding target(String id) {
    CasOnboarding o = targets.get(id);
    if (o == null) {
      throw new IllegalArgumentException("no target '" + id + "'; known: " + (targets.size() <= 10 ? targets.keySet() : targets.size() + " targets"));
    }
    return o;
  }

  /**
   * Plans every target (GET requests only).
   *
   * @return per-target plans: CONVERGED, WOULD_CHANGE or FAILED
   */
  public FleetResult plan() {
    return run(targetIds(), Operation.PLAN);
  }

  /**
   * Applies every target; a target's failure does not stop the others.
   *
   * @return per-target results: CONVERGED, CHANGED, FAILED or CANCELLED
   */
  public FleetResult apply() {
    return run(targetIds(), Operation.APPLY);
  }

  /**
   * Health-checks every target ({@link CasOnboarding#verify()}: GET requests only, paced like the
   * rest). A target whose report has a missing or drifted item is {@code UNHEALTHY}, with the report
   * in {@link FleetTargetResult#health()}; {@code resume(result)} then applies only those.
   *
   * <pre>{@code
   * FleetResult health = fleet.verify();
   * health.targets().stream().filter(t -> t.status() == FleetTargetResult.Status.UNHEALTHY)
   *     .forEach(t -> alerting.send(t.id(), t.health().orElseThrow().toJson()));
   * }</pre>
   *
   * @return per-target reports: CONVERGED (healthy), UNHEALTHY or FAILED
   */
  public FleetResult verify() {
    return run(targetIds(), Operation.VERIFY);
  }

  /**
   * Plans the offboarding of every target ({@link CasOnboarding#offboard()}, GET requests only).
   *
   * @return per-target plans: CONVERGED (nothing left to remove), WOULD_CHANGE or FAILED
   */
  public FleetResult planOffboarding() {
    return run(targetIds(), Operation.PLAN_OFFBOARDING);
  }

  /**
   * Offboards every target: removes what its onboarding set up ({@link CasOnboarding#offboard()});
   * a target's failure does not stop the others, and {@code resume(result)} offboards the rest.
   *
   * @return per-target results: CONVERGED (nothing was left), CHANGED, FAILED or CANCELLED
   */
  public FleetResult offboard() {
    return run(targetIds(), Operation.OFFBOARD);
  }

  /**
   * Finishes what {@code previous} left, on its unconverged targets only (failed, cancelled,
   * unhealthy, or planned changes): after a plan, an apply or a health check it applies them; after
   * an offboarding or its plan it offboards them.
   *
   * @param previous an earlier run of this fleet
   * @return the results of those targets
   * @throws IllegalArgumentException if {@code previous} names a target this fleet does not have
   */
  public FleetResult resume(FleetResult previous) {
    List<String> ids = previous.unconverged();
    ids.forEach(this::target);
    return run(ids, previous.operation().resumedBy());
  }

  /**
   * Runs {@link #apply()} on a thread of its own; {@code cancel(true)} on the future cancels the run.
   *
   * @return the future result
   */
  public CompletableFuture<FleetResult> applyAsync() {
    CompletableFuture<FleetResult> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            FleetOnboarding.this.cancel();
            return super.cancel(mayInterruptIfRunning);
          }
        };
    Thread t = new Thread(() -> {
      try {
        future.complete(apply());
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(e);
      }
    }, "cas-fleet-run");
    t.setDaemon(true);
    t.start();
    return future;
  }

  /** Cancels the runs in progress: running targets stop at their next request boundary, the rest do not start. */
  public void cancel() {
    for (ExecutorService workers : running) {
      stop(workers);
    }
  }

  /** Interrupts the running targets and cancels the queued ones, so that nobody waits for them. */
  private static void stop(ExecutorService workers) {
    for (Runnable queued : workers.shutdownNow()) {
      if (queued instanceof Future) {
        ((Future<?>) queued).cancel(false);
      }
    }
  }

  /** Closes every target's onboarding and releases the fleet's own thread pools and HTTP client. */
  @Override
  public void close() {
    cancel();
    targets.values().forEach(CasOnboarding::close);
    try {
      owned.close();
    } catch (Exception e) {
      log.warn("closing the fleet's resources failed: {}", e.toString());
    }
  }

  private FleetResult run(List<String> ids, Operation operation) {
    int n = ids.size();
    FleetTargetResult[] results = new FleetTargetResult[n];
    AtomicInteger workerNo = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, n)), r -> {
          Thread t = new Thread(r, "cas-fleet-" + workerNo.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    running.add(workers);
    Instant start = clock.instant();
    long requests0 = pacer.requests();
    long limits0 = pacer.limitAnswers();
    long returned0 = pacer.limitAnswersReturned();
    Counts counts = new Counts(n);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        int index = i;
        String id = ids.get(i);
        futures.add(workers.submit(() -> {
          results[index] = runOne(id, targets.get(id), operation, workers);
          report(results[index], counts, start, requests0);
        }));
      }
    } catch (java.util.concurrent.RejectedExecutionException cancelledWhileStarting) {
      // cancel() shut the pool down: the targets not submitted count as cancelled below
    }
    workers.shutdown();
    boolean interrupted = false;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        interrupted = true;
        stop(workers);
      } catch (ExecutionException | java.util.concurrent.CancellationException e) {
        // a worker's own failure is in its result; a task removed by cancel() has none
      }
    }
    running.remove(workers);
    List<FleetTargetResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(results[i] != null ? results[i]
          : FleetTargetResult.failed(ids.get(i), FleetTargetResult.Status.CANCELLED, null,
              new OnboardingException("not started: the fleet run was cancelled"), Duration.ZERO));
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return new FleetResult(operation, out, Duration.between(start, clock.instant()), pacer.requests() - requests0,
        pacer.limitAnswers() - limits0, pacer.limitAnswersReturned() - returned0);
  }

  private FleetTargetResult runOne(String id, CasOnboarding onboarding, Operation operation, ExecutorService workers) {
    Instant t0 = clock.instant();
    if (workers.isShutdown() && Thread.currentThread().isInterrupted()) {
      return FleetTargetResult.failed(id, FleetTargetResult.Status.CANCELLED, null,
          new OnboardingException("not started: the fleet run was cancelled"), Duration.ZERO);
    }
    try {
      switch (operation) {
        case PLAN:
          return planned(id, onboarding.plan(), t0);
        case PLAN_OFFBOARDING:
          return planned(id, onboarding.offboard().plan(), t0);
        case VERIFY: {
          HealthReport report = onboarding.verify();
          return new FleetTargetResult(id, report.isHealthy() ? FleetTargetResult.Status.CONVERGED : FleetTargetResult.Status.UNHEALTHY,
              null, null, report, null, took(t0));
        }
        case OFFBOARD:
          return applied(id, onboarding.offboard().apply(), t0);
        case APPLY:
        default:
          return applied(id, onboarding.apply(), t0);
      }
    } catch (OnboardingCancelledException e) {
      return FleetTargetResult.failed(id, FleetTargetResult.Status.CANCELLED, e.partialResult(), e, took(t0));
    } catch (OnboardingFailedException e) {
      return FleetTargetResult.failed(id, FleetTargetResult.Status.FAILED, e.partialResult(), e, took(t0));
    } catch (OnboardingException e) {
      return FleetTargetResult.failed(id, FleetTargetResult.Status.FAILED, null, e, took(t0));
    } catch (RuntimeException e) {
      return FleetTargetResult.failed(id, FleetTargetResult.Status.FAILED, null,
          new OnboardingException("target '" + id + "' failed unexpectedly: " + e, e), took(t0));
    }
  }

  private FleetTargetResult planned(String id, OnboardingPlan plan, Instant t0) {
    return new FleetTargetResult(id, plan.hasChanges() ? FleetTargetResult.Status.WOULD_CHANGE : FleetTargetResult.Status.CONVERGED,
        null, plan, null, null, took(t0));
  }

  private FleetTargetResult applied(String id, OnboardingResult result, Instant t0) {
    return new FleetTargetResult(id, result.writeCount() > 0 ? FleetTargetResult.Status.CHANGED : FleetTargetResult.Status.CONVERGED,
        result, null, null, null, took(t0));
  }

  private Duration took(Instant t0) {
    return Duration.between(t0, clock.instant());
  }

  private void report(FleetTargetResult result, Counts counts, Instant start, long requests0) {
    FleetProgress progress;
    synchronized (counts) {
      if (result.status() != FleetTargetResult.Status.FAILED && result.status() != FleetTargetResult.Status.CANCELLED) {
        counts.done++;
      } else {
        counts.failed++;
      }
      Duration elapsed = Duration.between(start, clock.instant());
      int finished = counts.done + counts.failed;
      int remaining = counts.total - finished;
      double seconds = Math.max(1e-3, elapsed.toNanos() / 1e9);
      Optional<Duration> left = Optional.of(elapsed.multipliedBy(remaining).dividedBy(Math.max(1, finished)));
      progress = new FleetProgress(counts.total, counts.done, counts.failed, remaining, (pacer.requests() - requests0) / seconds, elapsed, left);
      try {
        listener.targetFinished(result);
        listener.progress(progress);
      } catch (RuntimeException e) {
        log.warn("FleetListener threw {}; ignored", e.toString());
      }
    }
  }

  private static final class Counts {
    final int total;
    int done;
    int failed;

    Counts(int total) {
      this.total = total;
    }
  }

  @Override
  public String toString() {
    return "FleetOnboarding[" + targets.size() + " targets, concurrency " + concurrency + "]";
  }
}
