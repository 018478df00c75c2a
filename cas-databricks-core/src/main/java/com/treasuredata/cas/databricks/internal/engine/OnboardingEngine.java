package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingListener;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one onboarding: a plan phase (every step's read-only {@code plan}, as a dependency graph
 * whose independent reads start together in a preflight stage) and, for {@code apply}, an apply
 * phase (every step's {@code apply}, again as a graph). Anything the plan phase rejects (an
 * ambiguous service principal, a missing catalog, a lifetime above the workspace maximum, a first
 * ALLOW list) fails the run before the first write. Not API.
 */
public final class OnboardingEngine {
  // Single use: one engine per run (CasOnboarding creates one per plan() or apply()).

  private static final Logger log = LoggerFactory.getLogger(OnboardingEngine.class);

  private final EngineConfig config;
  private final List<OnboardingStep> steps;

  public OnboardingEngine(EngineConfig config, List<OnboardingStep> steps) {
    this.config = Objects.requireNonNull(config, "config");
    this.steps = List.copyOf(steps);
  }

  /** Plans with GET requests only. @throws OnboardingException when a step cannot even plan */
  public OnboardingPlan plan() {
    return withExecutor(
        ctx -> {
          Map<String, StepPlan> plans = planAll(ctx);
          OnboardingException failure = firstPlanFailure(plans);
          if (failure != null) {
            throw failure;
          }
          return new OnboardingPlan(ctx.workspaceHost(), ctx.servicePrincipal(), new ArrayList<>(plans.values()), config.counter().requests());
        });
  }

  /** Plans, then applies. @throws OnboardingFailedException carrying the partial result */
  public OnboardingResult apply() {
    return withExecutor(
        ctx -> {
          Map<String, StepPlan> plans = planAll(ctx);
          OnboardingException planFailure = firstPlanFailure(plans);
          if (planFailure != null) {
            List<com.treasuredata.cas.databricks.StepResult> results = new ArrayList<>();
            for (OnboardingStep step : steps) {
              OnboardingException e = planFailures.get(step.name());
              results.add(
                  e != null
                      ? new StepResult.Failed(step.name(), e)
                      : new StepResult.Skipped(step.name(), "not run: planning failed before any write"));
            }
            OnboardingResult partial = result(ctx, results);
            throw new OnboardingFailedException(
                "onboarding stopped before any write: " + planFailure.getMessage() + " Nothing was changed; fix the cause and run again.",
                partial,
                planFailure);
          }
          ctx.startApplying();
          Map<String, StepResult> results = applyAll(ctx, plans);
          OnboardingResult result = result(ctx, new ArrayList<>(results.values()));
          if (!result.isSuccess()) {
            throw failed(result);
          }
          return result;
        });
  }

  // Failures seen while planning, by step (a plan failure is not a StepPlan).
  private final Map<String, OnboardingException> planFailures = new java.util.concurrent.ConcurrentHashMap<>();

  private Map<String, StepPlan> planAll(RunContext ctx) {
    planFailures.clear();
    for (OnboardingStep step : steps) {
      if (step instanceof EngineStep) {
        ((EngineStep) step).prefetch(ctx);
      }
    }
    StepGraph<StepPlan> graph =
        new StepGraph<>(
            plan -> plan.action() != PlannedAction.SKIP || !plan.reason().startsWith("not run:"),
            failure -> {
              planFailures.put(failure.name(), failure.exception());
              log.info("Step {} cannot be planned: {}", failure.name(), failure.exception().getMessage());
              return StepPlan.skip(failure.name(), "not run: planning failed");
            },
            skipped -> StepPlan.skip(skipped.name(), skipped.reason()));
    List<StepGraph.Node<StepPlan>> nodes = new ArrayList<>();
    for (OnboardingStep step : steps) {
      nodes.add(
          new StepGraph.Node<>(
              step.name(),
              step instanceof EngineStep ? ((EngineStep) step).planDependsOn() : step.dependsOn(),
              () -> {
                StepPlan plan = Objects.requireNonNull(step.plan(ctx), () -> "step " + step.name() + " returned a null plan");
                log.info("Step {} planned: {} ({})", plan.step(), plan.action(), plan.reason());
                notify(() -> config.listener().stepPlanned(plan));
                return plan;
              }));
    }
    return graph.run(nodes, ctxExecutor);
  }

  private OnboardingException firstPlanFailure(Map<String, StepPlan> plans) {
    for (String name : plans.keySet()) {
      if (planFailures.containsKey(name)) {
        return planFailures.get(name);
      }
    }
    return null;
  }

  private Map<String, StepResult> applyAll(RunContext ctx, Map<String, StepPlan> plans) {
    StepGraph<StepResult> graph =
        new StepGraph<>(
            OnboardingEngine::ran,
            failure -> finished(new StepResult.Failed(failure.name(), failure.exception())),
            skipped -> finished(new StepResult.Skipped(skipped.name(), skipped.reason())));
    List<StepGraph.Node<StepResult>> nodes = new ArrayList<>();
    for (OnboardingStep step : steps) {
      StepPlan plan = plans.get(step.name());
      nodes.add(
          new StepGraph.Node<>(
              step.name(),
              step.dependsOn(),
              () -> {
                if (plan.action() == PlannedAction.SKIP) {
                  return finished(new StepResult.Skipped(step.name(), plan.reason()));
                }
                log.debug("Step {} started", step.name());
                notify(() -> config.listener().stepStarted(step.name()));
                StepResult result = Objects.requireNonNull(step.apply(ctx, plan), () -> "step " + step.name() + " returned a null result");
                return finished(result);
              }));
    }
    return graph.run(nodes, ctxExecutor);
  }

  /** True when a step succeeded or was skipped for its own reason (not because a dependency failed). */
  static boolean ran(StepResult result) {
    return result.isSuccess() && !(result instanceof StepResult.Skipped && ((StepResult.Skipped) result).reason().startsWith("not run:"));
  }

  private StepResult finished(StepResult result) {
    if (result instanceof StepResult.Failed) {
      log.info("Step {} failed: {}", result.step(), ((StepResult.Failed) result).exception().getMessage());
    } else {
      log.info("Step {} finished: {}", result.step(), result);
    }
    notify(() -> config.listener().stepFinished(result));
    return result;
  }

  private OnboardingResult result(RunContext ctx, List<StepResult> results) {
    return new OnboardingResult(
        ctx.workspaceHost(),
        ctx.servicePrincipal(),
        results,
        ctx.token(),
        ctx.secret(),
        ctx.grants(),
        ctx.ipAccessListId(),
        config.counter().requests(),
        config.counter().writes());
  }

  private static OnboardingFailedException failed(OnboardingResult result) {
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> notRun = new ArrayList<>();
    OnboardingException first = null;
    for (StepResult s : result.steps()) {
      if (s instanceof StepResult.Failed) {
        failed.add(s.step() + " (" + ((StepResult.Failed) s).exception().getMessage() + ")");
        if (first == null) {
          first = ((StepResult.Failed) s).exception();
        }
      } else if (s instanceof StepResult.Skipped && ((StepResult.Skipped) s).reason().startsWith("not run:")) {
        notRun.add(s.step());
      } else if (s.isChange()) {
        done.add(s.step() + " " + ((StepResult.Completed) s).change().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    String message =
        "onboarding failed: " + String.join("; ", failed)
            + ". Applied: " + (done.isEmpty() ? "nothing" : String.join(", ", done))
            + ". Not run: " + (notRun.isEmpty() ? "nothing" : String.join(", ", notRun))
            + ". Re-running the same onboarding is safe (every step is idempotent) and resumes from here"
            + (result.servicePrincipal().isPresent()
                ? "; to undo, delete service principal " + result.servicePrincipal().get().applicationId() + " (this also revokes its tokens)"
                : "")
            + ".";
    return new OnboardingFailedException(message, result, first);
  }

  private void notify(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.warn("OnboardingListener threw {}; ignored", e.toString());
    }
  }

  private java.util.concurrent.Executor ctxExecutor;

  private <T> T withExecutor(java.util.function.Function<RunContext, T> body) {
    ctxExecutor = config.executor().orElse(DefaultPool.EXECUTOR);
    return body.apply(new RunContext(config, ctxExecutor));
  }

  /**
   * The executor of runs that bring none. Shared by every run in the process so that a run pays no
   * thread start-up (services onboard many workspaces, each with its own {@code CasOnboarding}):
   * daemon threads that end after 30 s idle, so nothing needs closing. A run needs at most one
   * thread per step plus its preflight reads; the cap is far above what concurrent runs use, and
   * past it the submitting thread runs the task itself rather than failing.
   */
  private static final class DefaultPool {
    static final ExecutorService EXECUTOR =
        new java.util.concurrent.ThreadPoolExecutor(
            0,
            MAX_SHARED_THREADS,
            30,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(),
            threads(),
            new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
  }

  private static final int MAX_SHARED_THREADS = 256;

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "cas-onboarding-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

}
