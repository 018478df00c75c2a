package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.OnboardingCancelledException;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.SkipCause;
import com.treasuredata.cas.databricks.StalePlanException;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one onboarding: a plan phase (every step's read-only {@code plan}, as a dependency graph
 * whose shared reads all start together in a preflight stage) and, for {@code apply}, an apply
 * phase (the {@code apply} of every step whose plan needs it, again as a graph). Anything the plan
 * phase rejects fails the run before the first write. Waiting is interruptible: an interrupt, or
 * {@link #cancel()}, stops the run at the next request boundary and reports what was applied. Single
 * use. Not API.
 */
public final class OnboardingEngine {

  private static final Logger log = LoggerFactory.getLogger(OnboardingEngine.class);

  private final List<OnboardingStep<?>> steps;
  private final Object owner;
  private final RunContext ctx;
  private final Map<String, OnboardingException> planFailures = new ConcurrentHashMap<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();

  public OnboardingEngine(EngineConfig config, List<OnboardingStep<?>> steps, Object owner, String runId) {
    this.steps = List.copyOf(steps);
    this.owner = Objects.requireNonNull(owner, "owner");
    RunThreads threads = new RunThreads(config.executor(), runId, config.workspace().host().toString());
    this.ctx = new RunContext(config, runId, threads);
  }

  /** Returns the run id. */
  public String runId() {
    return ctx.runId();
  }

  /** Returns the requests this engine's runs have sent so far. */
  public int requestCount() {
    return ctx.config().counter().requests();
  }

  /** Returns the values of type {@code type} the steps published (e.g. health items). */
  public <T> List<T> outputsOfType(Class<T> type) {
    return ctx.outputsOfType(type);
  }

  /** Returns the current time of the run's clock. */
  public java.time.Instant now() {
    return ctx.config().clock().instant();
  }

  /** Cancels the run (from any thread). */
  public void cancel() {
    ctx.cancel();
  }

  /** Plans with GET requests only. @throws OnboardingException when a step cannot even plan */
  public RunPlan plan() {
    return onRunThread(
        () -> {
          Map<String, StepPlan<?>> plans = planAll();
          OnboardingException failure = firstPlanFailure();
          if (failure != null) {
            throw failure;
          }
          return new RunPlan(owner, ctx.runId(), ctx.config().workspace().host(), ctx.output(RunKey.SERVICE_PRINCIPAL), plans, ctx.config().counter().requests());
        });
  }

  /**
   * Plans, then applies. With {@code reviewed}, applies only when the fresh plan equals it.
   *
   * @throws OnboardingFailedException carrying the partial result
   * @throws StalePlanException when the reviewed plan no longer holds (nothing written)
   */
  public RunResult apply(Optional<RunPlan> reviewed) {
    RunResult result;
    try {
      result = onRunThread(() -> applyInRun(reviewed));
    } catch (OnboardingFailedException e) {
      notify(() -> ctx.config().listener().runFinished(ctx.runId(), e.partialResult()));
      throw e;
    }
    notify(() -> ctx.config().listener().runFinished(ctx.runId(), result));
    return result;
  }

  private RunResult applyInRun(Optional<RunPlan> reviewed) {
    Map<String, StepPlan<?>> plans = planAll();
    OnboardingException planFailure = firstPlanFailure();
    if (planFailure != null) {
      List<StepResult> results = new ArrayList<>();
      for (OnboardingStep<?> step : steps) {
        OnboardingException e = planFailures.get(step.name());
        results.add(
            e != null
                ? StepResults.failed(ctx.runId(), step.name(), e, Duration.ZERO)
                : StepResults.skipped(ctx.runId(), step.name(), SkipCause.PLAN_FAILED, "not run: planning failed"));
      }
      throw new OnboardingFailedException(
          "onboarding stopped before any write: " + planFailure.getMessage().replaceAll("\\.?$", ".") + " Fix the cause and run again.",
          result(results),
          planFailure);
    }
    reviewed.ifPresent(r -> checkNotStale(r, plans));
    ctx.startApplying();
    Map<String, StepResult> results = applyAll(plans);
    RunResult result = result(new ArrayList<>(results.values()));
    if (!result.isSuccess()) {
      throw Outcomes.failed(result);
    }
    return result;
  }

  private void checkNotStale(RunPlan reviewed, Map<String, StepPlan<?>> fresh) {
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, StepPlan<?>> e : fresh.entrySet()) {
      if (!e.getValue().equals(reviewed.plans().get(e.getKey()))) {
        changed.add(e.getKey());
      }
    }
    if (!changed.isEmpty()) {
      StringBuilder detail = new StringBuilder();
      for (String name : changed) {
        StepPlan<?> was = reviewed.plans().get(name);
        detail.append(" ").append(name).append(": reviewed ").append(was == null ? "(no such step)" : was)
            .append(", now ").append(fresh.get(name)).append(";");
      }
      throw new StalePlanException(
          "the plan is stale: what it read has changed since it was made (run " + reviewed.runId() + "), so applying it now would not do"
              + " what was reviewed. Changed:" + detail + " nothing was written; make a new plan, review it and apply that.",
          changed);
    }
  }

  // ---- plan ----

  private Map<String, StepPlan<?>> planAll() {
    for (OnboardingStep<?> step : steps) {
      for (SharedRead<?> read : step.prefetch()) {
        ctx.prefetch(read, ctx.scope(step.name()));
      }
    }
    StepGraph<StepPlan<?>> graph =
        new StepGraph<>(
            plan -> plan.skipCause().map(c -> !c.isFailure()).orElse(true),
            failure -> {
              planFailures.put(failure.name(), failure.exception());
              log.info("Step {} cannot be planned: {}", failure.name(), failure.exception().getMessage());
              return StepPlan.skip(SkipCause.PLAN_FAILED, "not run: planning failed");
            },
            skipped -> StepPlan.skip(SkipCause.DEPENDENCY_FAILED, skipped.reason()));
    List<StepGraph.Node<StepPlan<?>>> nodes = new ArrayList<>();
    for (OnboardingStep<?> step : steps) {
      StepScope scope = ctx.scope(step.name());
      nodes.add(
          new StepGraph.Node<>(
              step.name(),
              step.planDependsOn(),
              () -> {
                StepPlan<?> plan = Objects.requireNonNull(step.plan(scope), () -> "step " + step.name() + " returned a null plan");
                log.info("Step {} planned: {} ({})", step.name(), plan.action(), plan.reason());
                notify(() -> ctx.config().listener().stepPlanned(ctx.runId(), StepResults.planned(step.name(), plan.action(), plan.reason(), plan.skipCause())));
                return plan;
              }));
    }
    Map<String, StepPlan<?>> plans = new LinkedHashMap<>();
    await(graph.start(nodes, ctx.threads()), "planning").forEach(plans::put);
    return plans;
  }

  private OnboardingException firstPlanFailure() {
    for (OnboardingStep<?> step : steps) {
      if (planFailures.containsKey(step.name())) {
        return planFailures.get(step.name());
      }
    }
    return null;
  }

  // ---- apply ----

  private Map<String, StepResult> applyAll(Map<String, StepPlan<?>> plans) {
    StepGraph<StepResult> graph =
        new StepGraph<>(
            r -> r.isSuccess() && !(r instanceof StepResult.Skipped && ((StepResult.Skipped) r).cause().isFailure()),
            failure -> finished(failureResult(failure.name(), failure.exception(), Duration.ZERO)),
            skipped -> finished(StepResults.skipped(ctx.runId(), skipped.name(), SkipCause.DEPENDENCY_FAILED, skipped.reason())));
    List<StepGraph.Node<StepResult>> nodes = new ArrayList<>();
    for (OnboardingStep<?> step : steps) {
      StepPlan<?> plan = plans.get(step.name());
      StepScope scope = ctx.scope(step.name());
      nodes.add(new StepGraph.Node<>(step.name(), step.dependsOn(), () -> finished(applyOne(step, plan, scope))));
    }
    Map<String, CompletableFuture<StepResult>> futures = graph.start(nodes, ctx.threads());
    return await(futures, "applying");
  }

  private StepResult applyOne(OnboardingStep<?> step, StepPlan<?> plan, StepScope scope) {
    String name = step.name();
    if (plan.skipCause().isPresent()) {
      return StepResults.skipped(ctx.runId(), name, plan.skipCause().get(), plan.reason());
    }
    if (!plan.action().needsApply()) {
      return StepResults.completed(ctx.runId(), name, StepResult.Change.UNCHANGED, plan.reason(), Duration.ZERO);
    }
    if (ctx.isCancelled()) {
      return StepResults.skipped(ctx.runId(), name, SkipCause.CANCELLED, "not run: the run was cancelled");
    }
    started.add(name);
    log.debug("Step {} started", name);
    notify(() -> ctx.config().listener().stepStarted(ctx.runId(), name));
    long start = System.nanoTime();
    try {
      StepOutcome outcome = Objects.requireNonNull(applyTyped(step, plan, scope), () -> "step " + name + " returned a null outcome");
      return StepResults.completed(ctx.runId(), name, outcome.change(), outcome.detail(), Duration.ofNanos(System.nanoTime() - start));
    } catch (OnboardingException e) {
      return failureResult(name, e, Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException e) {
      return failureResult(name, new OnboardingException("step '" + name + "' failed unexpectedly: " + e, e), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private StepResult failureResult(String name, OnboardingException e, Duration took) {
    if (e instanceof StepScope.CancelledSignal) {
      return StepResults.skipped(ctx.runId(), name, SkipCause.CANCELLED, "stopped: the run was cancelled (a request in flight may have been applied; a re-run reconciles)");
    }
    return StepResults.failed(ctx.runId(), name, e, took);
  }

  @SuppressWarnings("unchecked")
  private static <P> StepOutcome applyTyped(OnboardingStep<P> step, StepPlan<?> plan, StepScope scope) {
    StepPlan<P> typed = (StepPlan<P>) plan;
    return step.apply(scope, typed.payload().orElseThrow());
  }

  private StepResult finished(StepResult result) {
    if (result instanceof StepResult.Failed) {
      log.info("Step {} failed: {}", result.step(), ((StepResult.Failed) result).exception().getMessage());
    } else {
      log.info("Step {} finished: {}", result.step(), result);
    }
    finishedResults.put(result.step(), result);
    notify(() -> ctx.config().listener().stepFinished(ctx.runId(), result));
    return result;
  }

  // ---- waiting, cancelling ----

  /** Waits for every node, interruptibly; on an interrupt or cancel, stops the run and reports what was done. */
  private <T> Map<String, T> await(Map<String, CompletableFuture<T>> futures, String phase) {
    try {
      CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0])).get();
    } catch (InterruptedException e) {
      ctx.cancel();
      Thread.currentThread().interrupt(); // the caller keeps its interrupt
      throw cancelled(phase);
    } catch (ExecutionException e) {
      // a node's Error: rethrow as it would be on the step's own thread
      RunContext.join(CompletableFuture.failedFuture(e.getCause()), Function.identity());
    }
    if (ctx.isCancelled()) {
      throw cancelled(phase);
    }
    Map<String, T> out = new LinkedHashMap<>();
    futures.forEach((name, f) -> out.put(name, f.join()));
    return out;
  }

  private OnboardingCancelledException cancelled(String phase) {
    List<StepResult> results = new ArrayList<>();
    for (OnboardingStep<?> step : steps) {
      results.add(snapshot(step.name()));
    }
    RunResult partial = result(results);
    String message = Outcomes.cancelledMessage(phase, partial, started);
    log.warn("{}", message);
    return new OnboardingCancelledException(message, partial);
  }

  private final Map<String, StepResult> finishedResults = new ConcurrentHashMap<>();

  private StepResult snapshot(String name) {
    StepResult done = finishedResults.get(name);
    if (done != null) {
      return done;
    }
    return StepResults.skipped(ctx.runId(), name, SkipCause.CANCELLED,
        started.contains(name)
            ? "was running when the run was cancelled; a request in flight may have been applied (a re-run reconciles)"
            : "not run: the run was cancelled");
  }

  private <T> T onRunThread(java.util.function.Supplier<T> body) {
    ctx.threads().callerThread(Thread.currentThread());
    Object[] out = new Object[1];
    ctx.threads().runAs(() -> out[0] = body.get());
    @SuppressWarnings("unchecked")
    T result = (T) out[0];
    return result;
  }

  private RunResult result(List<StepResult> results) {
    return new RunResult(
        ctx.runId(),
        ctx.config().workspace().host(),
        ctx.output(RunKey.SERVICE_PRINCIPAL),
        results,
        ctx.output(RunKey.TOKEN),
        ctx.output(RunKey.TOKEN).filter(t -> t.minted()).flatMap(t -> ctx.output(RunKey.TOKEN_SECRET)),
        ctx.outputsOfType(CatalogGrant.class),
        ctx.output(RunKey.IP_ACCESS_LIST_ID),
        ctx.config().counter().requests(),
        ctx.config().counter().writes(),
        ctx.output(RunKey.OAUTH_SECRET),
        connection());
  }

  /** The connection details, when a warehouse step ran and the service principal is known. */
  private Optional<com.treasuredata.cas.databricks.ConnectionDetails> connection() {
    Optional<com.treasuredata.cas.databricks.WarehouseRef> warehouse = ctx.output(RunKey.WAREHOUSE);
    Optional<com.treasuredata.cas.databricks.ServicePrincipalRef> sp = ctx.output(RunKey.SERVICE_PRINCIPAL);
    if (warehouse.isEmpty() || sp.isEmpty()) {
      return Optional.empty();
    }
    Optional<com.treasuredata.cas.databricks.Secret> secret =
        ctx.output(RunKey.TOKEN).filter(t -> t.minted()).flatMap(t -> ctx.output(RunKey.TOKEN_SECRET));
    Optional<String> catalog = ctx.outputsOfType(CatalogGrant.class).stream().map(CatalogGrant::catalog).findFirst();
    return Optional.of(new Connection(ctx.config().workspace().host().getHost(), warehouse.get(), catalog, sp.get().applicationId(), secret));
  }

  private void notify(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.warn("OnboardingListener threw {}; ignored", e.toString());
    }
  }
}
