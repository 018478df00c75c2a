package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.OnboardingCancelledException;
import com.treasuredata.cas.databricks.OnboardingTimeoutException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.internal.Durations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One step's view of its run: the library's {@link StepContext}. Not API. */
public final class StepScope implements StepContext {

  private static final Logger log = LoggerFactory.getLogger(StepScope.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  private static final int MAX_PROPAGATION_ATTEMPTS = 30;

  private final RunContext run;
  private final String step;
  private final DatabricksApi workspace;
  private final Optional<DatabricksApi> account;

  StepScope(RunContext run, String step) {
    this.run = Objects.requireNonNull(run, "run");
    this.step = Objects.requireNonNull(step, "step");
    this.workspace = new ScopedApi(this, run.config().workspace());
    this.account = run.config().account().map(a -> new ScopedApi(this, a));
  }

  RunContext run() {
    return run;
  }

  @Override
  public String runId() {
    return run.runId();
  }

  @Override
  public String stepName() {
    return step;
  }

  @Override
  public URI workspaceHost() {
    return run.config().workspace().host();
  }

  @Override
  public DatabricksApi workspace() {
    return workspace;
  }

  @Override
  public Optional<DatabricksApi> account() {
    return account;
  }

  @Override
  public Optional<String> accountId() {
    return run.config().accountId();
  }

  @Override
  public OptionalLong workspaceId() {
    return run.workspaceId();
  }

  @Override
  public DatabricksApi workspaceAs(Secret token) {
    return new ScopedApi(this, run.config().tokenCaller().apply(Objects.requireNonNull(token, "token")));
  }

  @Override
  public DatabricksApi workspaceAs(String clientId, Secret clientSecret) {
    DatabricksTarget target = DatabricksTarget.oauth(workspaceHost().toString(), clientId, clientSecret);
    return new ScopedApi(this, run.config().targetCaller().apply(target));
  }

  @Override
  public Instant now() {
    return run.now();
  }

  @Override
  public <T> Optional<T> output(RunKey<T> key) {
    return run.output(key);
  }

  @Override
  public <T> void publish(RunKey<T> key, T value) {
    run.publish(key, value);
  }

  @Override
  public <T> T read(SharedRead<T> read) {
    return run.read(read, this);
  }

  @Override
  public <T> CompletableFuture<T> async(Supplier<T> call) {
    return InlineOnJoin.start(call, run.threads());
  }

  @Override
  public boolean isCancelled() {
    return run.isCancelled();
  }

  @Override
  public void throwIfCancelled() {
    if (run.isCancelled()) {
      throw new CancelledSignal(step);
    }
  }

  @Override
  public <T> T untilVisible(Set<ErrorCategory> alsoRetry, Supplier<T> call) {
    Objects.requireNonNull(alsoRetry, "alsoRetry");
    Objects.requireNonNull(call, "call");
    if (!run.principalChanged()) {
      return call.get();
    }
    Duration wait = run.config().propagationWait();
    Instant deadline = now().plus(wait);
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (CasApiException e) {
        if (e.category() != ErrorCategory.PROPAGATION && !alsoRetry.contains(e.category())) {
          throw e;
        }
        if (!now().plus(backoff).isBefore(deadline) || attempt >= MAX_PROPAGATION_ATTEMPTS) {
          throw new OnboardingTimeoutException(
              step + ": the new service principal was still not visible after " + Durations.describe(wait) + " (" + attempt
                  + " attempts; Databricks propagates identities with a delay). Re-run later: every step is idempotent.",
              e);
        }
        log.debug("{}: propagation delay ({}), retry {} in {} ms", step, e.errorCode(), attempt, backoff.toMillis());
        throwIfCancelled();
        run.config().sleeper().sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Thrown at a request boundary of a cancelled run; the engine turns the run's end into an
   * {@link OnboardingCancelledException} with the partial result.
   */
  static final class CancelledSignal extends com.treasuredata.cas.databricks.OnboardingException {
    private static final long serialVersionUID = 1L;

    CancelledSignal(String step) {
      super(step + ": not continued, the run was cancelled");
    }
  }
}
