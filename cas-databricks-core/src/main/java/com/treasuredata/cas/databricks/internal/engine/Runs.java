package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.ApiCaller;
import com.treasuredata.cas.databricks.internal.ClientSettings;
import com.treasuredata.cas.databricks.internal.Connector;
import com.treasuredata.cas.databricks.transport.Transport;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import com.treasuredata.cas.databricks.OnboardingStep;

/** Starts the runs of one {@code CasOnboarding}: connects, names, and runs them sync or async. Not API. */
public final class Runs implements AutoCloseable {

  private final OnboardingSettings settings;
  private final List<OnboardingStep<?>> steps;
  private final Object owner;
  private final OwnedResources owned = new OwnedResources("cas-onboarding-");
  private final Random runIds = new java.security.SecureRandom();
  private volatile com.treasuredata.cas.databricks.internal.SharedClients ownClients;

  public Runs(OnboardingSettings settings, List<OnboardingStep<?>> steps, Object owner) {
    this.settings = settings;
    this.steps = List.copyOf(steps);
    this.owner = owner;
  }

  /** Returns a new engine for one run. */
  public OnboardingEngine engine() {
    return new OnboardingEngine(connect(), steps, owner, String.format("%08x", runIds.nextInt()));
  }

  /** Returns a new engine for one run of other steps (health checks, offboarding) on the same connection settings. */
  public OnboardingEngine engine(List<OnboardingStep<?>> otherSteps, Object runOwner) {
    return new OnboardingEngine(connect(), otherSteps, runOwner, String.format("%08x", runIds.nextInt()));
  }

  /**
   * Runs {@code run} on a thread of its own (the run waits for its steps, so it must not take a
   * thread of the steps' executor, which may have just one); cancelling the future cancels
   * {@code engine}'s run.
   */
  public <T> CompletableFuture<T> async(OnboardingEngine engine, Supplier<T> run) {
    RunFuture<T> future = new RunFuture<>(engine::cancel);
    Thread runner =
        new Thread(
            () -> {
              try {
                future.complete(run.get());
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              }
            },
            "cas-onboarding-run-" + engine.runId());
    runner.setDaemon(true);
    runner.start();
    return future;
  }

  @Override
  public void close() {
    owned.close();
  }

  private Executor executor() {
    return settings.executor != null ? settings.executor : owned.executor();
  }

  /** Runs of one onboarding (or of one fleet) share one resolved SDK configuration per target. */
  private com.treasuredata.cas.databricks.internal.SharedClients clients(Transport base) {
    if (settings.sharedClients != null) {
      return settings.sharedClients;
    }
    if (ownClients == null) {
      synchronized (this) {
        if (ownClients == null) {
          ownClients = new com.treasuredata.cas.databricks.internal.SharedClients(base);
        }
      }
    }
    return ownClients;
  }

  private EngineConfig connect() {
    RequestCounter counter = new RequestCounter();
    Transport base = settings.transport != null ? settings.transport : owned.transport();
    ClientSettings client =
        new ClientSettings(base.with(counter), settings.retryPolicy, settings.clock, settings.sleeper, settings.userAgentSuffix, new Random());
    com.treasuredata.cas.databricks.internal.SharedClients shared = clients(base);
    ApiCaller workspace = Connector.connect(settings.workspace, client, shared);
    Optional<ApiCaller> account = Optional.ofNullable(settings.account).map(a -> Connector.connect(a, client, shared));
    Optional<String> accountId = Optional.ofNullable(settings.account).map(Connector::requireAccountId);
    Function<Secret, ApiCaller> tokenCaller = token -> Connector.connect(workspace.host(), token, client);
    return new EngineConfig(
        workspace, account, accountId, settings.workspaceId, tokenCaller, target -> Connector.connect(target, client), settings.clock, settings.sleeper,
        settings.retryPolicy.propagationWait(), executor(), settings.listener, counter);
  }
}
