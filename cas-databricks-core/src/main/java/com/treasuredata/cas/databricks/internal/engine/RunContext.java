package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.internal.ApiCaller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run, shared by its steps: the phase (plans may only read), the cancellation
 * flag, the steps' published outputs, and the memoized shared reads. Each step sees it through its
 * own {@link StepScope}. Thread-safe. Not API.
 */
public final class RunContext {

  private static final Logger log = LoggerFactory.getLogger(RunContext.class);

  /** Plans send GETs only; applies may write. */
  public enum Phase {
    PLAN,
    APPLY
  }

  private final EngineConfig config;
  private final String runId;
  private final RunThreads threads;
  private final Map<RunKey<?>, Object> outputs = new ConcurrentHashMap<>();
  private final Map<SharedRead<?>, CompletableFuture<Object>> reads = new ConcurrentHashMap<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile Phase phase = Phase.PLAN;

  public RunContext(EngineConfig config, String runId, RunThreads threads) {
    this.config = Objects.requireNonNull(config, "config");
    this.runId = Objects.requireNonNull(runId, "runId");
    this.threads = Objects.requireNonNull(threads, "threads");
  }

  public EngineConfig config() {
    return config;
  }

  public String runId() {
    return runId;
  }

  public RunThreads threads() {
    return threads;
  }

  public Phase phase() {
    return phase;
  }

  /** Switches to applying; from now on writes are allowed. */
  public void startApplying() {
    phase = Phase.APPLY;
  }

  public Instant now() {
    return config.clock().instant();
  }

  /** Returns the step view of {@code step}. */
  public StepScope scope(String step) {
    return new StepScope(this, step);
  }

  // ---- cancellation ----

  /** Cancels the run: no request starts after this, and the run's worker threads are interrupted. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      log.info("Run {} cancelled; stopping at the next request boundary", runId);
      threads.interruptAll();
    }
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  // ---- outputs ----

  public <T> void publish(RunKey<T> key, T value) {
    outputs.put(Objects.requireNonNull(key, "key"), key.type().cast(Objects.requireNonNull(value, "value")));
  }

  public <T> Optional<T> output(RunKey<T> key) {
    return Optional.ofNullable(outputs.get(key)).map(key.type()::cast);
  }

  /** Returns every published value of {@code type} (e.g. every catalog grant in place). */
  public <T> List<T> outputsOfType(Class<T> type) {
    return outputs.entrySet().stream().filter(e -> e.getKey().type() == type).map(e -> type.cast(e.getValue())).toList();
  }

  /** True when this run created the service principal or added it to the workspace: its identity may still be propagating. */
  public boolean principalChanged() {
    return phase == Phase.APPLY
        && (output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false) || output(RunKey.MEMBERSHIP_ADDED).orElse(false));
  }

  /**
   * Returns the workspace id the workspace reported, else the configured one.
   *
   * @throws OnboardingException when both exist and differ: the configured id names another workspace
   */
  public OptionalLong workspaceId() {
    Optional<Long> reported = config.counter().orgId(config.workspace().host());
    OptionalLong configured = config.workspaceId();
    if (reported.isPresent() && configured.isPresent() && reported.get() != configured.getAsLong()) {
      throw new OnboardingException(
          "workspaceId(" + configured.getAsLong() + ") does not match workspace " + config.workspace().host() + ", which reports id "
              + reported.get() + " (X-Databricks-Org-Id); the service principal would be assigned to another workspace. Remove"
              + " workspaceId(..) to use the reported id, or fix it. Nothing was written.");
    }
    return reported.isPresent() ? OptionalLong.of(reported.get()) : configured;
  }

  public ApiCaller workspaceCaller() {
    return config.workspace();
  }

  // ---- shared reads ----

  /** Starts {@code read} on the run's executor unless it already started; failures surface to {@link #read}. */
  public void prefetch(SharedRead<?> read, StepContext context) {
    if (!reads.containsKey(read)) {
      threads.execute(
          () -> {
            try {
              read(read, context);
            } catch (RuntimeException e) {
              log.debug("prefetch {} failed; the step that needs it will report it", read.name());
            }
          });
    }
  }

  /** Returns the value of {@code read}, computing it at most once per run. */
  @SuppressWarnings("unchecked")
  public <T> T read(SharedRead<T> read, StepContext context) {
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> existing = reads.putIfAbsent(read, mine);
    if (existing == null) {
      try {
        mine.complete(read.readWith(context));
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
      }
      existing = mine;
    }
    return (T) join(existing, Function.identity());
  }

  static <T, R> R join(CompletableFuture<T> future, Function<T, R> then) {
    try {
      return then.apply(future.join());
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }
}
