package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.ApiCaller;
import com.treasuredata.cas.databricks.internal.ClientSettings;
import com.treasuredata.cas.databricks.internal.Connector;
import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.internal.engine.EngineConfig;
import com.treasuredata.cas.databricks.internal.engine.OnboardingEngine;
import com.treasuredata.cas.databricks.internal.engine.OwnedResources;
import com.treasuredata.cas.databricks.internal.engine.RequestCounter;
import com.treasuredata.cas.databricks.internal.engine.RunFuture;
import com.treasuredata.cas.databricks.internal.engine.RunPlan;
import com.treasuredata.cas.databricks.internal.engine.StepGraph;
import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.transport.Transport;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

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
 * <p><b>Run order.</b> {@link #apply()} first plans: every step reads what it needs, and all
 * independent reads (service principal lookup, workspace-conf, catalog check, IP lists) go out
 * concurrently in one preflight stage. Anything wrong that reads can reveal (two service principals
 * with the name, a missing catalog, a token lifetime above the workspace maximum, a first ALLOW
 * list, the address quota) stops the run <em>before its first write</em>. Then steps apply as a
 * dependency graph: {@code service-principal → workspace-membership → token-usage → obo-token →
 * verify-token}; each {@code catalog-grant:<catalog>} runs as soon as the service principal exists;
 * {@code ip-access-list} runs independently. When a step fails, the steps that depend on it are
 * skipped, independent steps still run, and {@code apply()} throws an
 * {@link OnboardingFailedException} whose message says what was applied and what remains. Every step
 * is idempotent: re-running converges, and on an onboarded workspace makes no write at all. Runs
 * for the same service principal may overlap (two pods, a retried job): after creating the service
 * principal or minting a token a run reads again, and all runs keep the oldest principal and the
 * earliest token, so they end with one of each (see docs/reliability.md).
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

  private final Builder config;
  private final List<OnboardingStep<?>> steps;
  private final OwnedResources owned = new OwnedResources("cas-onboarding-");
  private final Random runIds = new SecureRandom();

  private CasOnboarding(Builder builder, List<OnboardingStep<?>> steps) {
    this.config = builder.copy();
    this.steps = List.copyOf(steps);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this onboarding's configuration. */
  public Builder toBuilder() {
    return config.copy();
  }

  /** Returns the steps in declaration order. */
  public List<OnboardingStep<?>> steps() {
    return steps;
  }

  /**
   * Decides what {@link #apply()} would do, sending GET requests only.
   *
   * @throws OnboardingException when the plan cannot be made (e.g. the catalog does not exist,
   *     several service principals share the name, the token lifetime is above the workspace maximum)
   */
  public OnboardingPlan plan() {
    return engine().plan();
  }

  /**
   * Plans, then applies every step.
   *
   * @throws OnboardingFailedException when a step failed; carries the partial result
   * @throws OnboardingCancelledException when the calling thread was interrupted
   */
  public OnboardingResult apply() {
    return engine().apply(Optional.empty());
  }

  /**
   * Applies exactly the plan a person reviewed: plans again, and when any step would now do
   * something else than {@code reviewed} says, stops before the first write.
   *
   * @throws IllegalArgumentException when {@code reviewed} was made by another onboarding
   * @throws StalePlanException when what the plan read has changed since (nothing is written)
   * @throws OnboardingFailedException when a step failed; carries the partial result
   */
  public OnboardingResult apply(OnboardingPlan reviewed) {
    Objects.requireNonNull(reviewed, "reviewed");
    if (!(reviewed instanceof RunPlan) || ((RunPlan) reviewed).owner() != this) {
      throw new IllegalArgumentException(
          "plan " + reviewed.runId() + " was made by another CasOnboarding; apply a plan with the instance that made it");
    }
    return engine().apply(Optional.of((RunPlan) reviewed));
  }

  /**
   * Runs {@link #plan()} on the onboarding's executor. {@code cancel(true)} on the future stops
   * the run at the next request boundary.
   */
  public CompletableFuture<OnboardingPlan> planAsync() {
    OnboardingEngine engine = engine();
    return async(engine, engine::plan);
  }

  /**
   * Runs {@link #apply()} on the onboarding's executor. {@code cancel(true)} on the future stops
   * the run at the next request boundary; what it applied goes to the listener's
   * {@link OnboardingListener#runFinished} and the log. Otherwise the future completes with the
   * result or the exception {@code apply()} would throw.
   */
  public CompletableFuture<OnboardingResult> applyAsync() {
    OnboardingEngine engine = engine();
    return async(engine, () -> engine.apply(Optional.empty()));
  }

  /** Releases the thread pool and HTTP client this onboarding made for itself; runs already started finish. */
  @Override
  public void close() {
    owned.close();
  }

  private <T> CompletableFuture<T> async(OnboardingEngine engine, Supplier<T> run) {
    RunFuture<T> future = new RunFuture<>(engine::cancel);
    executor().execute(
        () -> {
          try {
            future.complete(run.get());
          } catch (RuntimeException | Error e) {
            future.completeExceptionally(e);
          }
        });
    return future;
  }

  private Executor executor() {
    return config.executor != null ? config.executor : owned.executor();
  }

  private OnboardingEngine engine() {
    String runId = String.format("%08x", runIds.nextInt());
    return new OnboardingEngine(connect(), steps, this, runId);
  }

  private EngineConfig connect() {
    RequestCounter counter = new RequestCounter();
    Transport base = config.transport != null ? config.transport : owned.transport();
    ClientSettings settings =
        new ClientSettings(base.with(counter), config.retryPolicy, config.clock, config.sleeper, config.userAgentSuffix, new Random());
    ApiCaller workspace = Connector.connect(config.workspace, settings);
    Optional<ApiCaller> account = Optional.ofNullable(config.account).map(a -> Connector.connect(a, settings));
    Optional<String> accountId = Optional.ofNullable(config.account).map(Connector::requireAccountId);
    Function<Secret, ApiCaller> tokenCaller = token -> Connector.connect(workspace.host(), token, settings);
    return new EngineConfig(
        workspace, account, accountId, config.workspaceId, tokenCaller, config.clock, config.sleeper,
        config.retryPolicy.propagationWait(), executor(), config.listener, counter);
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    steps.forEach(s -> names.add(s.name()));
    return "CasOnboarding[workspace=" + config.workspace + (config.account != null ? ", account=" + config.account : "") + ", steps=" + names + "]";
  }

  /**
   * Configures a {@link CasOnboarding}. Each method validates its argument at once and throws an
   * {@link IllegalArgumentException} naming the bad value and what is allowed; rules that involve
   * several settings are checked by {@link #build()}. Nothing is sent before {@code plan()} or
   * {@code apply()}. Not thread-safe; a builder can build several onboardings.
   *
   * <p>Defaults: no account target (the workspace SCIM API and workspace assignment are used), no
   * token, no grants, no IP list; {@link RetryPolicy#defaults()}, the system clock, real sleeping,
   * a shared internal pool of daemon threads, no listener, the shared OkHttp transport.
   */
  public static final class Builder {

    private DatabricksTarget workspace;
    private DatabricksTarget account;
    private OptionalLong workspaceId = OptionalLong.empty();
    private String servicePrincipalName;
    private String adoptApplicationId;
    private TokenPolicy tokenPolicy;
    private TokenMode tokenMode;
    private final Map<String, CatalogGrant> grants = new LinkedHashMap<>();
    private IpAllowList ipAllowList;
    private boolean allowFirstAllowList;
    private boolean allowAnyAddress;
    private final List<OnboardingStep<?>> extraSteps = new ArrayList<>();
    private Transport transport;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Executor executor;
    private OnboardingListener listener = OnboardingListener.NONE;
    private String userAgentSuffix = "";

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.workspace = workspace;
      b.account = account;
      b.workspaceId = workspaceId;
      b.servicePrincipalName = servicePrincipalName;
      b.adoptApplicationId = adoptApplicationId;
      b.tokenPolicy = tokenPolicy;
      b.tokenMode = tokenMode;
      b.grants.putAll(grants);
      b.ipAllowList = ipAllowList;
      b.allowFirstAllowList = allowFirstAllowList;
      b.allowAnyAddress = allowAnyAddress;
      b.extraSteps.addAll(extraSteps);
      b.transport = transport;
      b.retryPolicy = retryPolicy;
      b.clock = clock;
      b.sleeper = sleeper;
      b.executor = executor;
      b.listener = listener;
      b.userAgentSuffix = userAgentSuffix;
      return b;
    }

    /**
     * Sets the workspace to onboard and the workspace admin to do it with. Required.
     *
     * @throws IllegalArgumentException if {@code target} is an account console
     */
    public Builder workspace(DatabricksTarget target) {
      Objects.requireNonNull(target, "workspace");
      if (target.isAccountHost()) {
        throw new IllegalArgumentException(
            "workspace target " + target.host() + " is an account console; expected a workspace URL such as https://dbc-1234.cloud.databricks.com");
      }
      this.workspace = target;
      return this;
    }

    /**
     * Sets the account console and account admin: the service principal is then found or created
     * with the account SCIM API and assigned to the workspace with the account API. Optional.
     *
     * @throws IllegalArgumentException if {@code target} is not an account console or has no account id
     */
    public Builder account(DatabricksTarget target) {
      Objects.requireNonNull(target, "account");
      // A loopback host may serve both APIs (the testkit's fake does), so it is accepted as either.
      if (!target.isAccountHost() && !Hosts.isLoopback(target.host().getHost())) {
        throw new IllegalArgumentException(
            "account target " + target.host() + " is not an account console; expected https://accounts.cloud.databricks.com"
                + " (or the Azure/GCP equivalent), or a loopback host for a fake");
      }
      if (target.accountId().isEmpty()) {
        throw new IllegalArgumentException(
            "account target " + target.host() + " has no account id; call DatabricksTarget.withAccountId(\"<uuid>\") or set account_id in the profile");
      }
      this.account = target;
      return this;
    }

    /**
     * Sets the workspace id used by the account assignment API. Optional: otherwise it is read from
     * the {@code X-Databricks-Org-Id} header of a workspace response, or the workspace-level
     * assignment API is used.
     *
     * @throws IllegalArgumentException if {@code id} is not positive
     */
    public Builder workspaceId(long id) {
      if (id <= 0) {
        throw new IllegalArgumentException("workspace id " + id + " is invalid; allowed: a positive number such as 1234567890123456");
      }
      this.workspaceId = OptionalLong.of(id);
      return this;
    }

    /**
     * Finds the service principal by display name, or creates it. Exactly one of this and
     * {@link #adoptServicePrincipal(String)} is required.
     *
     * @throws IllegalArgumentException if the name is blank, longer than 255 characters, has
     *     control characters or surrounding whitespace
     */
    public Builder servicePrincipal(String displayName) {
      Objects.requireNonNull(displayName, "servicePrincipal");
      Steps.servicePrincipal(displayName);
      this.servicePrincipalName = displayName;
      return this;
    }

    /**
     * Adopts an existing service principal by applicationId; it is never created.
     *
     * @throws IllegalArgumentException if {@code applicationId} is not a UUID
     */
    public Builder adoptServicePrincipal(String applicationId) {
      Objects.requireNonNull(applicationId, "applicationId");
      Steps.adoptServicePrincipal(applicationId);
      this.adoptApplicationId = applicationId;
      return this;
    }

    /**
     * Mints a personal access token on behalf of the service principal with {@code lifetime},
     * reusing a valid token of ours when one exists ({@link TokenPolicy#reuseOrMint(Duration)}).
     *
     * @throws IllegalArgumentException if {@code lifetime} is not between 1 second and 730 days
     */
    public Builder token(Duration lifetime) {
      this.tokenPolicy = TokenPolicy.reuseOrMint(Objects.requireNonNull(lifetime, "lifetime"));
      return this;
    }

    /** Sets the token policy. */
    public Builder token(TokenPolicy policy) {
      this.tokenPolicy = Objects.requireNonNull(policy, "token");
      return this;
    }

    /** Always mints a new token, even when a valid token of ours exists ({@link TokenMode#ALWAYS_MINT}). Requires {@code token(..)}. */
    public Builder alwaysNewToken() {
      this.tokenMode = TokenMode.ALWAYS_MINT;
      return this;
    }

    /**
     * Rotates the token ({@link TokenMode#ROTATE}): mints a new one, verifies it, and only then
     * revokes every older valid token of ours for the service principal (step
     * {@code revoke-previous-tokens}). Use it when nobody holds the secret of the token a re-run
     * would reuse. Requires {@code token(..)}.
     */
    public Builder rotateToken() {
      this.tokenMode = TokenMode.ROTATE;
      return this;
    }

    /**
     * Adds a Unity Catalog grant for the service principal.
     *
     * @throws IllegalArgumentException if the grant carries write privileges without
     *     {@link CatalogGrant#allowWritePrivileges()}, or its catalog is already granted
     */
    public Builder grant(CatalogGrant grant) {
      Objects.requireNonNull(grant, "grant");
      if (!grant.writePrivilegesAllowed() && !grant.writePrivileges().isEmpty()) {
        throw new IllegalArgumentException(
            "grant on catalog '" + grant.catalog() + "' includes write privileges " + grant.writePrivileges()
                + "; CAS only reads. Allowed without opting in: read privileges such as Privilege.DATA_READER;"
                + " call CatalogGrant.allowWritePrivileges() to grant write privileges deliberately");
      }
      if (grants.containsKey(grant.catalog())) {
        throw new IllegalArgumentException(
            "catalog '" + grant.catalog() + "' is granted twice; pass one CatalogGrant per catalog with all its privileges");
      }
      grants.put(grant.catalog(), grant);
      return this;
    }

    /**
     * Ensures the workspace's ALLOW list {@code label} holds {@code addresses} (IPv4 addresses or
     * CIDR blocks), when IP access lists are enabled.
     *
     * @throws IllegalArgumentException naming the first invalid address or a blank label
     */
    public Builder allowIps(String label, String... addresses) {
      this.ipAllowList = IpAllowList.of(Objects.requireNonNull(label, "label"), Objects.requireNonNull(addresses, "addresses"));
      return this;
    }

    /** Sets the IP allow list. */
    public Builder allowIps(IpAllowList list) {
      this.ipAllowList = Objects.requireNonNull(list, "list");
      return this;
    }

    /**
     * Allows creating the workspace's first ALLOW list, after which only listed addresses can reach
     * the workspace. Off by default, because it would lock out everyone else.
     */
    public Builder allowFirstAllowList() {
      this.allowFirstAllowList = true;
      return this;
    }

    /** Allows a {@code /0} block such as {@code 0.0.0.0/0} in {@link #allowIps}. Off by default. */
    public Builder allowAnyAddress() {
      this.allowAnyAddress = true;
      return this;
    }

    /** Adds a custom step; it runs after the steps it {@linkplain OnboardingStep#dependsOn() depends on}. */
    public Builder addStep(OnboardingStep<?> step) {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(step.name(), "step.name()");
      this.extraSteps.add(step);
      return this;
    }

    /** Sets the transport (default: an OkHttp transport the onboarding owns). Auth, user agent and logging are added around it. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Sets how requests and identity propagation are retried (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Sets the clock (default UTC system clock); tests pair a fake clock with a fake sleeper. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how to wait between retries (default: really sleep). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the executor that runs independent steps (and async runs). Default: a small pool of
     * daemon threads the onboarding owns, made on first use, released by {@link CasOnboarding#close()}
     * and ending by themselves after 30 s idle. The library never uses the common pool.
     * {@code Runnable::run} runs every step on the caller's thread.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Sets the progress listener (default: none). */
    public Builder listener(OnboardingListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Appends {@code suffix} to the {@code cas-databricks/<version>} user agent.
     *
     * @throws IllegalArgumentException if it has control characters
     */
    public Builder userAgentSuffix(String suffix) {
      Objects.requireNonNull(suffix, "suffix");
      if (suffix.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("user agent suffix has a control character; allowed: printable text");
      }
      this.userAgentSuffix = suffix;
      return this;
    }

    /**
     * Builds the onboarding.
     *
     * @throws IllegalArgumentException when the workspace or the service principal is missing, both
     *     {@code servicePrincipal} and {@code adoptServicePrincipal} were given, {@code alwaysNewToken}
     *     or {@code rotateToken} has no {@code token}, {@code workspaceId} has no {@code account}, an address is {@code /0}
     *     without {@code allowAnyAddress}, or custom steps clash or depend on unknown steps
     */
    public CasOnboarding build() {
      if (workspace == null) {
        throw new IllegalArgumentException("workspace(..) is required: the workspace to onboard, e.g. DatabricksTarget.profile(\"admin\")");
      }
      if (servicePrincipalName == null && adoptApplicationId == null) {
        throw new IllegalArgumentException(
            "a service principal is required: servicePrincipal(\"TD-CAS-Service\") to find or create one, or adoptServicePrincipal(applicationId)");
      }
      if (servicePrincipalName != null && adoptApplicationId != null) {
        throw new IllegalArgumentException(
            "servicePrincipal(\"" + servicePrincipalName + "\") and adoptServicePrincipal(\"" + adoptApplicationId
                + "\") exclude each other; allowed: exactly one of them");
      }
      if (tokenMode != null && tokenPolicy == null) {
        throw new IllegalArgumentException(
            (tokenMode == TokenMode.ROTATE ? "rotateToken()" : "alwaysNewToken()") + " needs token(lifetime), e.g. token(Duration.ofDays(1))");
      }
      if (workspaceId.isPresent() && account == null) {
        throw new IllegalArgumentException(
            "workspaceId(" + workspaceId.getAsLong() + ") is only used by the account assignment API; allowed only together with account(..)");
      }
      if (ipAllowList != null && ipAllowList.allowsAnyAddress() && !allowAnyAddress) {
        throw new IllegalArgumentException(
            "IP allow list '" + ipAllowList.label() + "' contains a /0 block "
                + ipAllowList.addresses().stream().filter(IpAddressRange::isAnyAddress).map(IpAddressRange::value).toList()
                + ", which allows every address; allowed: specific addresses or CIDR blocks, or call allowAnyAddress() deliberately");
      }
      List<OnboardingStep<?>> steps = new ArrayList<>();
      steps.add(servicePrincipalName != null ? Steps.servicePrincipal(servicePrincipalName) : Steps.adoptServicePrincipal(adoptApplicationId));
      steps.add(Steps.workspaceMembership(account != null));
      steps.add(Steps.tokenUsage());
      if (tokenPolicy != null) {
        TokenPolicy policy = tokenMode != null ? tokenPolicy.withMode(tokenMode) : tokenPolicy;
        steps.add(Steps.oboToken(policy));
        steps.add(Steps.verifyToken(policy.mode() == TokenMode.REUSE_OR_MINT));
        if (policy.mode() == TokenMode.ROTATE) {
          steps.add(Steps.revokePreviousTokens());
        }
      }
      for (CatalogGrant g : grants.values()) {
        steps.add(Steps.catalogGrant(g));
      }
      if (ipAllowList != null) {
        steps.add(Steps.ipAllowList(ipAllowList, allowFirstAllowList));
      }
      steps.addAll(extraSteps);
      Map<String, Set<String>> deps = new LinkedHashMap<>();
      for (OnboardingStep<?> s : steps) {
        if (deps.put(s.name(), s.dependsOn()) != null) {
          throw new IllegalArgumentException("two steps are named '" + s.name() + "'; step names must be unique");
        }
      }
      StepGraph.topologicalOrder(deps);
      return new CasOnboarding(this, steps);
    }
  }
}
