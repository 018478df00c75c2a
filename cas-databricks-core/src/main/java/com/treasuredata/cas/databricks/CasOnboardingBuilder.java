package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.auth.Hosts;
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
 * Configures a {@link CasOnboarding}. Each method validates its argument at once and throws an
 * {@link IllegalArgumentException} naming the bad value and what is allowed; rules that involve
 * several settings are checked by {@link #build()}. Nothing is sent before {@code plan()} or
 * {@code apply()}. Not thread-safe; a builder can build several onboardings.
 *
 * <p>Defaults: no account target (the workspace SCIM API and workspace assignment are used), no
 * token, no grants, no IP list; {@link RetryPolicy#defaults()}, the system clock, real sleeping,
 * a small pool of daemon threads and an OkHttp transport the onboarding owns, no listener.
 */
public final class CasOnboardingBuilder {

  private final OnboardingSettings s;

  static {
    com.treasuredata.cas.databricks.internal.engine.BuilderAccess.install(b -> b.s, CasOnboardingBuilder::new);
  }

  CasOnboardingBuilder() {
    this(new OnboardingSettings());
  }

  CasOnboardingBuilder(OnboardingSettings settings) {
    this.s = settings;
  }

  /**
   * Sets the workspace to onboard and the workspace admin to do it with. Required.
   *
   * @throws IllegalArgumentException if {@code target} is an account console
   */
  public CasOnboardingBuilder workspace(DatabricksTarget target) {
    Objects.requireNonNull(target, "workspace");
    if (target.isAccountHost()) {
      throw new IllegalArgumentException(
          "workspace target " + target.host() + " is an account console; expected a workspace URL such as https://dbc-1234.cloud.databricks.com");
    }
    s.workspace = target;
    return this;
  }

  /**
   * Sets the account console and account admin: the service principal is then found or created
   * with the account SCIM API and assigned to the workspace with the account API. Optional.
   *
   * @throws IllegalArgumentException if {@code target} is not an account console or has no account id
   */
  public CasOnboardingBuilder account(DatabricksTarget target) {
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
    s.account = target;
    return this;
  }

  /**
   * Sets the workspace id used by the account assignment API. Optional: otherwise it is read from
   * the {@code X-Databricks-Org-Id} header of a workspace response, or the workspace-level
   * assignment API is used.
   *
   * @throws IllegalArgumentException if {@code id} is not positive
   */
  public CasOnboardingBuilder workspaceId(long id) {
    if (id <= 0) {
      throw new IllegalArgumentException("workspace id " + id + " is invalid; allowed: a positive number such as 1234567890123456");
    }
    s.workspaceId = OptionalLong.of(id);
    return this;
  }

  /**
   * Finds the service principal by display name, or creates it. Exactly one of this and
   * {@link #adoptServicePrincipal(String)} is required.
   *
   * @throws IllegalArgumentException if the name is blank, longer than 255 characters, has
   *     control characters or surrounding whitespace
   */
  public CasOnboardingBuilder servicePrincipal(String displayName) {
    Objects.requireNonNull(displayName, "servicePrincipal");
    Steps.servicePrincipal(displayName);
    s.servicePrincipalName = displayName;
    return this;
  }

  /**
   * Adopts an existing service principal by applicationId; it is never created.
   *
   * @throws IllegalArgumentException if {@code applicationId} is not a UUID
   */
  public CasOnboardingBuilder adoptServicePrincipal(String applicationId) {
    Objects.requireNonNull(applicationId, "applicationId");
    Steps.adoptServicePrincipal(applicationId);
    s.adoptApplicationId = applicationId;
    return this;
  }

  /**
   * Mints a personal access token on behalf of the service principal with {@code lifetime},
   * reusing a valid token of ours when one exists ({@link TokenPolicy#reuseOrMint(Duration)}).
   *
   * @throws IllegalArgumentException if {@code lifetime} is not between 1 second and 730 days
   */
  public CasOnboardingBuilder token(Duration lifetime) {
    s.tokenPolicy = TokenPolicy.reuseOrMint(Objects.requireNonNull(lifetime, "lifetime"));
    return this;
  }

  /** Sets the token policy. */
  public CasOnboardingBuilder token(TokenPolicy policy) {
    s.tokenPolicy = Objects.requireNonNull(policy, "token");
    return this;
  }

  /** Always mints a new token, even when a valid token of ours exists ({@link TokenMode#ALWAYS_MINT}). Requires {@code token(..)}. */
  public CasOnboardingBuilder alwaysNewToken() {
    s.tokenMode = TokenMode.ALWAYS_MINT;
    return this;
  }

  /**
   * Rotates the token ({@link TokenMode#ROTATE}): mints a new one, verifies it, and only then
   * revokes every older valid token of ours for the service principal (step
   * {@code revoke-previous-tokens}). Use it when nobody holds the secret of the token a re-run
   * would reuse. Requires {@code token(..)}.
   */
  public CasOnboardingBuilder rotateToken() {
    s.tokenMode = TokenMode.ROTATE;
    return this;
  }

  /**
   * Decides deliberately that this onboarding mints no token (e.g. the token is managed elsewhere).
   * CAS cannot connect without a credential, so this is an explicit choice.
   */
  public CasOnboardingBuilder withoutToken() {
    s.withoutToken = true;
    return this;
  }

  /**
   * Decides deliberately that this onboarding grants no catalog privileges (e.g. they are managed
   * elsewhere). CAS cannot read data without a grant, so this is an explicit choice.
   */
  public CasOnboardingBuilder withoutGrants() {
    s.withoutGrants = true;
    return this;
  }

  /**
   * Adds a Unity Catalog grant for the service principal.
   *
   * @throws IllegalArgumentException if the grant carries write privileges without
   *     {@link CatalogGrant#allowWritePrivileges()}, or its catalog is already granted
   */
  public CasOnboardingBuilder grant(CatalogGrant grant) {
    Objects.requireNonNull(grant, "grant");
    if (!grant.writePrivilegesAllowed() && !grant.writePrivileges().isEmpty()) {
      throw new IllegalArgumentException(
          "grant on catalog '" + grant.catalog() + "' includes write privileges " + grant.writePrivileges()
              + "; CAS only reads. Allowed without opting in: read privileges such as Privilege.DATA_READER;"
              + " call CatalogGrant.allowWritePrivileges() to grant write privileges deliberately");
    }
    if (s.grants.containsKey(grant.catalog())) {
      throw new IllegalArgumentException(
          "catalog '" + grant.catalog() + "' is granted twice; pass one CatalogGrant per catalog with all its privileges");
    }
    s.grants.put(grant.catalog(), grant);
    return this;
  }

  /**
   * Ensures the workspace's ALLOW list {@code label} holds {@code addresses} (IPv4 addresses or
   * CIDR blocks), when IP access lists are enabled.
   *
   * @throws IllegalArgumentException naming the first invalid address or a blank label
   */
  public CasOnboardingBuilder allowIps(String label, String... addresses) {
    s.ipAllowList = IpAllowList.of(Objects.requireNonNull(label, "label"), Objects.requireNonNull(addresses, "addresses"));
    return this;
  }

  /** Sets the IP allow list. */
  public CasOnboardingBuilder allowIps(IpAllowList list) {
    s.ipAllowList = Objects.requireNonNull(list, "list");
    return this;
  }

  /**
   * Allows creating the workspace's first ALLOW list, after which only listed addresses can reach
   * the workspace. Off by default, because it would lock out everyone else.
   */
  public CasOnboardingBuilder allowFirstAllowList() {
    s.allowFirstAllowList = true;
    return this;
  }

  /** Allows a {@code /0} block such as {@code 0.0.0.0/0} in {@link #allowIps}. Off by default. */
  public CasOnboardingBuilder allowAnyAddress() {
    s.allowAnyAddress = true;
    return this;
  }

  /** Adds a custom step; it runs after the steps it {@linkplain OnboardingStep#dependsOn() depends on}. */
  public CasOnboardingBuilder addStep(OnboardingStep<?> step) {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(step.name(), "step.name()");
    s.extraSteps.add(step);
    return this;
  }

  /** Sets the transport (default: an OkHttp transport the onboarding owns). Auth, user agent and logging are added around it. */
  public CasOnboardingBuilder transport(Transport transport) {
    s.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /** Sets how requests and identity propagation are retried (default {@link RetryPolicy#defaults()}). */
  public CasOnboardingBuilder retryPolicy(RetryPolicy retryPolicy) {
    s.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  /** Sets the clock (default UTC system clock); tests pair a fake clock with a fake sleeper. */
  public CasOnboardingBuilder clock(Clock clock) {
    s.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Sets how to wait between retries (default: really sleep). */
  public CasOnboardingBuilder sleeper(Sleeper sleeper) {
    s.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Sets the executor that runs independent steps (and async runs). Default: a small pool of
   * daemon threads the onboarding owns, made on first use, released by {@link CasOnboarding#close()}
   * and ending by themselves after 30 s idle. The library never uses the common pool.
   * {@code Runnable::run} runs every step on the caller's thread.
   */
  public CasOnboardingBuilder executor(Executor executor) {
    s.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Sets the progress listener (default: none). */
  public CasOnboardingBuilder listener(OnboardingListener listener) {
    s.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Appends {@code suffix} to the {@code cas-databricks/<version>} user agent.
   *
   * @throws IllegalArgumentException if it has control characters
   */
  public CasOnboardingBuilder userAgentSuffix(String suffix) {
    Objects.requireNonNull(suffix, "suffix");
    if (suffix.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("user agent suffix has a control character; allowed: printable text");
    }
    s.userAgentSuffix = suffix;
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
    return new CasOnboarding(s, StepAssembly.steps(s));
  }
}
