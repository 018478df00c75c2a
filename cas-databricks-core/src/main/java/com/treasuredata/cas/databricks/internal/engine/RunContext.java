package com.treasuredata.cas.databricks.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingTimeoutException;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.TokenDetails;
import com.treasuredata.cas.databricks.internal.ApiCaller;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.Json;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run, shared by its steps: connected callers (refusing writes while planning),
 * memoized shared reads, the service principal once known, and what the steps produced.
 * Thread-safe. Not API.
 */
public final class RunContext implements StepContext {

  private static final Logger log = LoggerFactory.getLogger(RunContext.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  private static final int MAX_PROPAGATION_ATTEMPTS = 30;

  /** Plans send GETs only; applies may write. */
  public enum Phase {
    PLAN,
    APPLY
  }

  private final EngineConfig config;
  private final Executor executor;
  private final String runId;
  private final ApiCaller workspace;
  private final Optional<ApiCaller> account;
  private final Map<String, CompletableFuture<Object>> memos = new ConcurrentHashMap<>();
  private final Map<String, Object> stash = new ConcurrentHashMap<>();
  private volatile Phase phase = Phase.PLAN;
  private final AtomicReference<ServicePrincipalRef> servicePrincipal = new AtomicReference<>();
  private volatile boolean newServicePrincipal;
  private volatile boolean principalChanged;
  private final AtomicReference<TokenDetails> token = new AtomicReference<>();
  private final AtomicReference<Secret> secret = new AtomicReference<>();
  private final AtomicReference<String> ipAccessListId = new AtomicReference<>();
  private final List<CatalogGrant> grants = new CopyOnWriteArrayList<>();

  public RunContext(EngineConfig config, Executor executor) {
    this.config = Objects.requireNonNull(config, "config");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.runId = String.format("%08x", RANDOM.nextInt());
    this.workspace = guarded(config.workspace());
    this.account = config.account().map(this::guarded);
  }

  /** Returns the run's configuration. */
  public EngineConfig config() {
    return config;
  }

  /** Returns a short random id of this run, used to tag what it creates. */
  public String runId() {
    return runId;
  }

  /** Returns the executor that runs this run's steps, for work a step starts in parallel. */
  public Executor executor() {
    return executor;
  }

  /** Returns the current phase. */
  public Phase phase() {
    return phase;
  }

  /** Switches to applying; from now on writes are allowed. */
  public void startApplying() {
    phase = Phase.APPLY;
  }

  /** Returns the workspace caller (refuses writes while planning). */
  public ApiCaller workspace() {
    return workspace;
  }

  /** Returns the account caller, when account credentials were given (refuses writes while planning). */
  public Optional<ApiCaller> account() {
    return account;
  }

  /** Returns the account id; present whenever {@link #account()} is. */
  public Optional<String> accountId() {
    return config.accountId();
  }

  /** Returns the workspace id: configured, or reported by a workspace response header. */
  public OptionalLong workspaceId() {
    if (config.workspaceId().isPresent()) {
      return config.workspaceId();
    }
    Optional<Long> reported = config.counter().orgId(workspace.host());
    return reported.isPresent() ? OptionalLong.of(reported.get()) : OptionalLong.empty();
  }

  /** Returns a caller authenticated with {@code token} against the workspace. */
  public ApiCaller connectWithToken(Secret token) {
    return config.tokenCaller().apply(token);
  }

  /** Returns the time source. */
  public Instant now() {
    return config.clock().instant();
  }

  // ---- shared reads ----

  /**
   * Returns the value of the read named {@code key}, computing it at most once per run. The first
   * caller computes it on its own thread; later callers wait for that result (or its failure).
   */
  @SuppressWarnings("unchecked")
  public <T> T once(String key, Supplier<T> read) {
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> existing = memos.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(read.get());
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
      }
      existing = mine;
    }
    try {
      return (T) existing.join();
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

  /** Starts the read named {@code key} on the executor unless it already started. Failures surface to {@link #once}. */
  public void prefetch(String key, Supplier<?> read) {
    if (!memos.containsKey(key)) {
      executor.execute(
          () -> {
            try {
              once(key, read);
            } catch (RuntimeException e) {
              log.debug("prefetch {} failed; the step that needs it will report it", key);
            }
          });
    }
  }

  /** Stores a value for a later phase of the same run (e.g. what a plan found, for its apply). */
  public void put(String key, Object value) {
    stash.put(key, value);
  }

  /** Returns a value stored with {@link #put}. */
  public <T> Optional<T> get(String key, Class<T> type) {
    return Optional.ofNullable(stash.get(key)).map(type::cast);
  }

  // ---- service principal ----

  @Override
  public URI workspaceHost() {
    return workspace.host();
  }

  @Override
  public Optional<ServicePrincipalRef> servicePrincipal() {
    return Optional.ofNullable(servicePrincipal.get());
  }

  @Override
  public boolean isNewServicePrincipal() {
    return newServicePrincipal;
  }

  /** Returns the service principal, or fails when no step has resolved it. */
  public ServicePrincipalRef requireServicePrincipal() {
    ServicePrincipalRef sp = servicePrincipal.get();
    if (sp == null) {
      throw new IllegalStateException("the service principal is not resolved yet");
    }
    return sp;
  }

  /** Records an existing service principal found by a lookup. */
  public void foundServicePrincipal(ServicePrincipalRef sp) {
    servicePrincipal.set(Objects.requireNonNull(sp, "sp"));
  }

  /** Records that the plan will create the service principal (dependents then infer instead of reading). */
  public void willCreateServicePrincipal() {
    newServicePrincipal = true;
  }

  /** Records a service principal created by this run. */
  public void createdServicePrincipal(ServicePrincipalRef sp) {
    servicePrincipal.set(Objects.requireNonNull(sp, "sp"));
    newServicePrincipal = true;
    principalChanged = true;
  }

  /** Records that this run assigned the service principal to the workspace (propagation may lag). */
  public void assignedServicePrincipal() {
    principalChanged = true;
  }

  // ---- outputs ----

  /** Records the token minted or reused, with its value when minted. */
  public void token(TokenDetails details, Optional<Secret> value) {
    token.set(details);
    value.ifPresent(secret::set);
  }

  public Optional<TokenDetails> token() {
    return Optional.ofNullable(token.get());
  }

  public Optional<Secret> secret() {
    return Optional.ofNullable(secret.get());
  }

  public void ipAccessListId(String id) {
    ipAccessListId.set(id);
  }

  public Optional<String> ipAccessListId() {
    return Optional.ofNullable(ipAccessListId.get());
  }

  public void grantInPlace(CatalogGrant grant) {
    grants.add(grant);
  }

  public List<CatalogGrant> grants() {
    return List.copyOf(grants);
  }

  // ---- propagation ----

  /**
   * Calls {@code call}; when the service principal was created or assigned by this run and the
   * call fails with an error that {@code lag} recognises as propagation delay, retries with
   * exponential backoff until the configured propagation wait has passed.
   */
  public <T> T untilPropagated(String what, Predicate<CasApiException> lag, Supplier<T> call) {
    if (!principalChanged) {
      return call.get();
    }
    Instant deadline = now().plus(config.propagationWait());
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (CasApiException e) {
        if (!lag.test(e)) {
          throw e;
        }
        if (!now().plus(backoff).isBefore(deadline) || attempt >= MAX_PROPAGATION_ATTEMPTS) {
          throw new OnboardingTimeoutException(
              what + ": the new service principal was still not visible after " + config.propagationWait().toSeconds()
                  + " s (" + attempt + " attempts; Databricks propagates identities with a delay). Re-run later: every step is idempotent.",
              e);
        }
        log.debug("{}: propagation delay ({}), retry {} in {} ms", what, e.errorCode(), attempt, backoff.toMillis());
        config.sleeper().sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  // ---- StepContext for custom steps ----

  @Override
  public String get(String path) {
    return Json.write(workspace.call(new ApiRequest("GET", pathOnly(path), query(path), Optional.empty(), "custom", ApiRequest.Safety.READ)));
  }

  @Override
  public String send(String method, String path, String jsonBody) {
    Objects.requireNonNull(method, "method");
    Optional<JsonNode> body = jsonBody == null || jsonBody.isEmpty() ? Optional.empty() : Optional.of(Json.parse(jsonBody));
    return Json.write(
        workspace.call(new ApiRequest(method.toUpperCase(java.util.Locale.ROOT), pathOnly(path), query(path), body, "custom", ApiRequest.Safety.IDEMPOTENT_WRITE)));
  }

  private static String pathOnly(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private static Map<String, String> query(String path) {
    Map<String, String> query = new LinkedHashMap<>();
    int q = path.indexOf('?');
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(java.net.URLDecoder.decode(k, java.nio.charset.StandardCharsets.UTF_8), java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  /** Returns the engine context behind a public {@link StepContext}. */
  public static RunContext of(StepContext context) {
    if (context instanceof RunContext) {
      return (RunContext) context;
    }
    throw new IllegalArgumentException("built-in steps run only inside CasOnboarding, got " + context.getClass().getName());
  }

  private ApiCaller guarded(ApiCaller delegate) {
    return new ApiCaller() {
      @Override
      public JsonNode call(ApiRequest request) {
        if (phase == Phase.PLAN && !"GET".equals(request.method())) {
          throw new IllegalStateException(
              "step '" + request.step() + "' tried " + request.method() + " " + request.path() + " while planning; plans send GET requests only");
        }
        return delegate.call(request);
      }

      @Override
      public URI host() {
        return delegate.host();
      }
    };
  }

  /** Wraps anything thrown while reading into a message that names the step (for plan failures). */
  public static OnboardingException asOnboardingException(RuntimeException e) {
    return e instanceof OnboardingException ? (OnboardingException) e : new OnboardingException(e.getMessage(), e);
  }
}
