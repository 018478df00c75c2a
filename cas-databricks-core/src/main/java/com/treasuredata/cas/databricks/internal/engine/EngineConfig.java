package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingListener;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.internal.ApiCaller;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Everything one run needs, already connected. Built per run so that request counts never mix
 * between concurrent runs. Not API.
 *
 * @param workspace calls to the workspace as the configured admin
 * @param account calls to the account console, when account credentials were given
 * @param accountId the account id (required with {@code account})
 * @param workspaceId the workspace id, when configured
 * @param tokenCaller connects to the workspace with another token (for verification)
 * @param targetCaller connects to another target (e.g. the workspace as an OAuth M2M client)
 * @param clock time source
 * @param sleeper waits between propagation retries
 * @param propagationWait how long to keep retrying errors caused by identity propagation lag
 * @param executor runs independent steps concurrently
 * @param listener progress callbacks
 * @param counter counts this run's HTTP requests
 */
public record EngineConfig(
    ApiCaller workspace,
    Optional<ApiCaller> account,
    Optional<String> accountId,
    OptionalLong workspaceId,
    Function<Secret, ApiCaller> tokenCaller,
    Function<DatabricksTarget, ApiCaller> targetCaller,
    Clock clock,
    Sleeper sleeper,
    Duration propagationWait,
    Executor executor,
    OnboardingListener listener,
    RequestCounter counter) {

  public EngineConfig {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(tokenCaller, "tokenCaller");
    Objects.requireNonNull(targetCaller, "targetCaller");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(propagationWait, "propagationWait");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(counter, "counter");
    if (account.isPresent() && accountId.isEmpty()) {
      throw new IllegalArgumentException("account credentials were given without an account id");
    }
  }
}
