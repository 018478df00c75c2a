package com.treasuredata.cas.databricks;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a step sees of its run: the APIs, the outputs of earlier steps, shared reads, a bounded
 * wait for identity propagation, the run id and whether the run was cancelled. Implemented by the
 * library; each step gets its own view (requests it sends are attributed to it in logs and
 * errors). Thread-safe.
 *
 * <pre>{@code
 * public StepOutcome apply(StepContext ctx, Missing missing) {
 *   ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
 *   ctx.untilVisible(() -> ctx.workspace().send(Write.patch(path, acl(sp)).idempotent()));
 *   return StepOutcome.updated("granted CAN_USE to " + sp.applicationId());
 * }
 * }</pre>
 */
public interface StepContext {

  /**
   * Returns the id of this run, e.g. {@code 3f9a1c2e}; also in the logs' MDC as {@code cas.runId}.
   *
   * @return the id of this run
   */
  String runId();

  /**
   * Returns the name of the step this view belongs to.
   *
   * @return the name of the step this view belongs to
   */
  String stepName();

  /**
   * Returns the workspace host, e.g. {@code https://dbc-1234.cloud.databricks.com}.
   *
   * @return the workspace host
   */
  URI workspaceHost();

  /**
   * Returns calls to the workspace, as the configured workspace admin.
   *
   * @return calls to the workspace, as the configured workspace admin
   */
  DatabricksApi workspace();

  /**
   * Returns calls to the account console, when an account target was configured.
   *
   * @return calls to the account console, when an account target was configured
   */
  Optional<DatabricksApi> account();

  /**
   * Returns the account id; present whenever {@link #account()} is.
   *
   * @return the account id; present whenever {@link #account()} is
   */
  Optional<String> accountId();

  /**
   * Returns the workspace id: the one the workspace reports ({@code X-Databricks-Org-Id}) once any
   * workspace response was seen, else the configured one.
   *
   * @return the workspace id: the one the workspace reports ({@code X-Databricks-Org-Id}) once any workspace response was seen, else the configured one
   */
  OptionalLong workspaceId();

  /**
   * Returns calls to the workspace authenticated with {@code token} instead of the admin (e.g. to verify a new token).
   *
   * @param token the token
   * @return calls to the workspace authenticated with {@code token} instead of the admin (e.g. to verify a new token)
   */
  DatabricksApi workspaceAs(Secret token);

  /**
   * Returns the workspace API authenticated as an OAuth M2M client: the client-credentials
   * exchange at the workspace's token endpoint, then its access token as bearer (e.g. to verify an
   * OAuth secret, or to act as the service principal without a PAT).
   *
   * @param clientId the client id (the service principal's applicationId)
   * @param clientSecret the OAuth secret
   * @return the API as that client
   */
  default DatabricksApi workspaceAs(String clientId, Secret clientSecret) {
    throw new UnsupportedOperationException("this StepContext cannot authenticate as an OAuth client");
  }

  /**
   * Returns the current time of the run's clock.
   *
   * @return the current time of the run's clock
   */
  Instant now();

  /**
   * Returns the value an earlier step published under {@code key}.
   *
   * @param <T> the type of the value
   * @param key the key the value is published under
   * @return the value an earlier step published under {@code key}
   */
  <T> Optional<T> output(RunKey<T> key);

  /**
   * Returns the value an earlier step published under {@code key}.
   *
   * @param <T> the type of the value
   * @param key the key the value is published under
   * @return the value an earlier step published under {@code key}
   * @throws IllegalStateException naming the key when nothing was published
   */
  default <T> T require(RunKey<T> key) {
    return output(key).orElseThrow(
        () -> new IllegalStateException(stepName() + " needs " + key.name() + ", which no earlier step published; check dependsOn()"));
  }

  /**
   * Publishes {@code value} under {@code key} for the steps that run after this one.
   *
   * @param <T> the type of the value
   * @param key the key the value is published under
   * @param value the value
   */
  <T> void publish(RunKey<T> key, T value);

  /**
   * Returns the value of a shared read, made at most once per run (waiting for its prefetch if one started).
   *
   * @param <T> the type of the value
   * @param read the read
   * @return the value of a shared read, made at most once per run (waiting for its prefetch if one started)
   */
  <T> T read(SharedRead<T> read);

  /**
   * Runs {@code call} on the run's executor, with the run's logging context, for reads a step makes
   * in parallel with its own work.
   *
   * @param <T> the type of the value
   * @param call the call to make
   * @return a future of the t
   */
  <T> CompletableFuture<T> async(Supplier<T> call);

  /**
   * Calls {@code call}; when this run created or assigned the service principal and the call fails
   * with an error of category {@link ErrorCategory#PROPAGATION} (or one of {@code alsoRetry}),
   * retries with backoff until the retry policy's propagation wait has passed. Otherwise calls once.
   *
   * @param <T> the type of the value
   * @param alsoRetry error categories retried besides propagation errors
   * @param call the call to make
   * @return the result
   * @throws OnboardingTimeoutException when the principal was still not visible at the end
   */
  <T> T untilVisible(Set<ErrorCategory> alsoRetry, Supplier<T> call);

  /**
   * {@link #untilVisible(Set, Supplier)} retrying propagation errors only.
   *
   * @param <T> the type of the value
   * @param call the call to make
   * @return the result
   */
  default <T> T untilVisible(Supplier<T> call) {
    return untilVisible(Set.of(), call);
  }

  /**
   * Returns true once the run was cancelled; a step that loops must check it.
   *
   * @return true once the run was cancelled; a step that loops must check it
   */
  boolean isCancelled();

  /**
   * Throws when the run was cancelled; the run then ends with an {@link OnboardingCancelledException}.
   *
   * @throws OnboardingException if it was
   */
  void throwIfCancelled();
}
