package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.internal.engine.Health;
import com.treasuredata.cas.databricks.internal.engine.OnboardingEngine;
import com.treasuredata.cas.databricks.internal.engine.RunPlan;
import com.treasuredata.cas.databricks.internal.engine.Runs;
import com.treasuredata.cas.databricks.internal.engine.OnboardingSettings;
import com.treasuredata.cas.databricks.internal.engine.StepAssembly;
import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Does the whole Databricks side of a Treasure Data CAS connection, idempotently: a service
 * principal, its workspace membership, token usage, a personal access token minted on its behalf
 * (verified), Unity Catalog grants and the IP allow list.
 *
 * <pre>{@code
 * try (CasOnboarding onboarding = CasOnboarding.builder()
 *     .workspace(DatabricksTarget.profile("admin"))
 *     .account(DatabricksTarget.profile("account-admin"))      // optional
 *     .servicePrincipal("TD-CAS-Service")
 *     .token(Duration.ofDays(1))
 *     .grant(CatalogGrant.dataReader("cas_demo_east1"))
 *     .allowIps("TreasureData", "203.0.113.10", "198.51.100.0/24")
 *     .build()) {
 *   OnboardingPlan plan = onboarding.plan();              // GET requests only
 *   System.out.println(plan);
 *   OnboardingResult result = onboarding.apply(plan);      // exactly what was reviewed, or StalePlanException
 *   result.token().ifPresent(token -> vault.store("cas/databricks", token.reveal()));
 * }
 * }</pre>
 *
 * <p><b>Run order.</b> {@link #apply()} first plans: all independent reads go out concurrently in
 * one preflight stage, and anything reads can reveal (an ambiguous service principal name, a
 * missing catalog, a lifetime above the workspace maximum, a first ALLOW list, the address quota)
 * stops the run <em>before its first write</em>. Then steps apply as a dependency graph
 * ({@code service-principal → workspace-membership → token-usage → obo-token → verify-token};
 * grants after the service principal; the IP list independently). A failure skips the steps that
 * depend on it and throws an {@link OnboardingFailedException} saying what was applied and what
 * remains. Every step is idempotent, and overlapping runs for the same service principal converge
 * on one principal and one token (see docs/reliability.md).
 *
 * <p><b>Lifecycle.</b> Each {@code plan()} or {@code apply()} is an independent run with its own
 * run id and request counts; the run id and workspace host are in the SLF4J MDC
 * ({@code cas.runId}, {@code cas.workspace}) of every log line of the run, on every thread.
 * Interrupting the thread in {@code apply()}, or {@code cancel(true)} on {@link #applyAsync()},
 * stops the run at the next request boundary with an {@link OnboardingCancelledException} that
 * says what was applied. Unless the builder was given an executor and a transport, an onboarding
 * owns a small thread pool and an HTTP client, made on first use: {@link #close()} releases them
 * (idle threads also end by themselves after 30 s). Instances are immutable and thread-safe.
 */
public final class CasOnboarding implements AutoCloseable {

  private final OnboardingSettings config;
  private final List<OnboardingStep<?>> steps;
  private final Runs runs;

  CasOnboarding(OnboardingSettings settings, List<OnboardingStep<?>> steps) {
    this.config = settings.copy();
    this.steps = List.copyOf(steps);
    this.runs = new Runs(config, this.steps, this);
  }

  /**
   * Returns a new builder.
   *
   * @return a new builder
   */
  public static CasOnboardingBuilder builder() {
    return new CasOnboardingBuilder();
  }

  /**
   * Returns a builder holding this onboarding's configuration.
   *
   * @return a builder holding this onboarding's configuration
   */
  public CasOnboardingBuilder toBuilder() {
    return new CasOnboardingBuilder(config.copy());
  }

  /**
   * Returns the steps in declaration order.
   *
   * @return the steps in declaration order
   */
  public List<OnboardingStep<?>> steps() {
    return steps;
  }

  /**
   * Decides what {@link #apply()} would do, sending GET requests only.
   *
   * @return the onboarding plan
   * @throws OnboardingException when the plan cannot be made (e.g. the catalog does not exist,
   *     several service principals share the name, the token lifetime is above the workspace maximum)
   */
  public OnboardingPlan plan() {
    return runs.engine().plan();
  }

  /**
   * Plans, then applies every step.
   *
   * @return the onboarding result
   * @throws OnboardingFailedException when a step failed; carries the partial result
   * @throws OnboardingCancelledException when the calling thread was interrupted
   */
  public OnboardingResult apply() {
    return runs.engine().apply(Optional.empty());
  }

  /**
   * Applies exactly the plan a person reviewed: plans again, and when any step would now do
   * something else than {@code reviewed} says, stops before the first write.
   *
   * @param reviewed the plan a person reviewed, made by this onboarding's {@link #plan()}
   * @return the onboarding result
   * @throws IllegalArgumentException when {@code reviewed} was made by another onboarding
   * @throws StalePlanException when what the plan read has changed since (nothing is written)
   * @throws OnboardingFailedException when a step failed; carries the partial result
   */
  public OnboardingResult apply(OnboardingPlan reviewed) {
    Objects.requireNonNull(reviewed, "apply(reviewed) is null; allowed: a plan from this onboarding's plan(), or call apply()");
    if (!(reviewed instanceof RunPlan) || ((RunPlan) reviewed).owner() != this) {
      throw new IllegalArgumentException(
          "plan " + reviewed.runId() + " was made by another CasOnboarding; apply a plan with the instance that made it");
    }
    return runs.engine().apply(Optional.of((RunPlan) reviewed));
  }

  /**
   * Runs {@link #plan()} on the onboarding's executor. {@code cancel(true)} on the future stops
   * the run at the next request boundary.
   *
   * @return a future of the onboarding plan
   */
  public CompletableFuture<OnboardingPlan> planAsync() {
    OnboardingEngine engine = runs.engine();
    return runs.async(engine, engine::plan);
  }

  /**
   * Runs {@link #apply()} on the onboarding's executor. {@code cancel(true)} on the future stops
   * the run at the next request boundary; what it applied goes to the listener's
   * {@link OnboardingListener#runFinished} and the log. Otherwise the future completes with the
   * result or the exception {@code apply()} would throw.
   *
   * @return a future of the onboarding result
   */
  public CompletableFuture<OnboardingResult> applyAsync() {
    OnboardingEngine engine = runs.engine();
    return runs.async(engine, () -> engine.apply(Optional.empty()));
  }

  /**
   * Checks, with GET requests only, that everything this onboarding sets up is still in place: one
   * {@link HealthItem} per item (service principal exists and is active, workspace membership, SQL
   * entitlement, token usage, a valid token and its days left, catalog privileges, warehouse CAN_USE,
   * Treasure Data's addresses allowed and not blocked), each OK, EXPIRING, DRIFT or MISSING with the fix.
   * Never writes and never fails on what it finds; the report says it.
   *
   * <pre>{@code
   * HealthReport report = onboarding.verify();
   * if (!report.isHealthy()) { alerting.send(report.toJson()); }
   * }</pre>
    *
    * @return the result
   */
  public HealthReport verify() {
    return runHealthCheck(Optional.empty());
  }

  /**
   * Like {@link #verify()}, and proves the connection end to end: with {@code credential} (the
   * service principal's own token, as CAS holds it) it authenticates as the service principal and,
   * when a warehouse is configured, runs {@code SHOW SCHEMAS IN <catalog>} (or {@code SELECT 1}
   * without a grant) through the SQL Statement Execution API, reporting the rows or the server's
   * error verbatim under {@code query}. The statement is the only request that is not a GET; it reads.
    *
    * @param credential the credential
    * @return the result
   */
  public HealthReport verify(Secret credential) {
    return runHealthCheck(Optional.of(Objects.requireNonNull(credential, "credential")));
  }

  private HealthReport runHealthCheck(Optional<Secret> credential) {
    List<OnboardingStep<?>> checks = Steps.healthChecks(steps, credential);
    OnboardingEngine engine = runs.engine(checks, this);
    if (credential.isPresent()) {
      engine.apply(Optional.empty());
    } else {
      engine.plan();
    }
    List<String> order = checks.stream().map(OnboardingStep::name).toList();
    List<HealthItem> items = new ArrayList<>(engine.outputsOfType(HealthItem.class));
    items.sort(java.util.Comparator.comparingInt(i -> order.indexOf(i.check())));
    return new Health(engine.runId(), config.workspace.host(), engine.now(), items, engine.requestCount());
  }

  /**
   * Returns the offboarding of what this onboarding sets up: plan first ({@link Offboarding#plan()},
   * GET only), then {@link Offboarding#apply()}. Nothing is sent before one of those is called.
    *
    * @return the offboarding of what this onboarding sets up: plan first ({@link Offboarding#plan()}, GET only), then {@link Offboarding#apply()}
   */
  public Offboarding offboard() {
    return new Offboarding(runs, Steps.offboarding(steps));
  }

  /** Releases the thread pool and HTTP client this onboarding made for itself; runs already started finish. */
  @Override
  public void close() {
    runs.close();
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    steps.forEach(s -> names.add(s.name()));
    return "CasOnboarding[workspace=" + config.workspace + (config.account != null ? ", account=" + config.account : "") + ", steps=" + names + "]";
  }
}
