package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.internal.engine.OnboardingEngine;
import com.treasuredata.cas.databricks.internal.engine.RunPlan;
import com.treasuredata.cas.databricks.internal.engine.Runs;
import com.treasuredata.cas.databricks.internal.engine.OnboardingSettings;
import com.treasuredata.cas.databricks.internal.engine.StepAssembly;
import com.treasuredata.cas.databricks.steps.Steps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Configures a {@link CasOnboarding}. Each method validates its argument at once and throws an
 * {@link IllegalArgumentException} naming the bad value and what is allowed; rules that involve
 * several settings are checked by {@link #build()}. Nothing is sent before {@code plan()} or
 * {@code apply()}. Not thread-safe; a builder can build several onboardings.
 *
 * <p>Required decisions: the workspace, the service principal, the token ({@link #token(Duration)}
 * or {@link #withoutToken()}) and grants (at least one {@link #grant(CatalogGrant)} or
 * {@link #withoutGrants()}): CAS needs both a token and a grant to work. Defaults: no account
 * target (the workspace SCIM API and workspace assignment are used), no IP list; {@link RetryPolicy#defaults()}, the system clock, real sleeping,
 * a small pool of daemon threads and an OkHttp transport the onboarding owns, no listener.
 */
public final class CasOnboardingBuilder extends RunOptions<CasOnboardingBuilder> {

  CasOnboardingBuilder() {
    this(new OnboardingSettings());
  }

  CasOnboardingBuilder(OnboardingSettings settings) {
    super(settings);
  }

  @Override
  CasOnboardingBuilder self() {
    return this;
  }

  /**
   * Sets the workspace to onboard and the workspace admin to do it with. Required.
   *
   * @param target the target with host and credentials
   * @return this builder
   * @throws IllegalArgumentException if {@code target} is an account console
   */
  public CasOnboardingBuilder workspace(DatabricksTarget target) {
    Objects.requireNonNull(target, "workspace(target) is null; allowed: a workspace target such as DatabricksTarget.profile(\"admin\")");
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
   * @param target the target with host and credentials
   * @return this builder
   * @throws IllegalArgumentException if {@code target} is not an account console or has no account id
   */
  public CasOnboardingBuilder account(DatabricksTarget target) {
    Objects.requireNonNull(target, "account(target) is null; allowed: an account console target such as DatabricksTarget.profile(\"account-admin\"); omit the call to onboard through the workspace");
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
   * @param id the id
   * @return this builder
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
   * @param displayName the service principal's display name, e.g. {@code TD-CAS-Service}
   * @return this builder
   * @throws IllegalArgumentException if the name is blank, longer than 255 characters, has
   *     control characters or surrounding whitespace
   */
  public CasOnboardingBuilder servicePrincipal(String displayName) {
    Objects.requireNonNull(displayName, "servicePrincipal(displayName) is null; allowed: a display name such as \"TD-CAS-Service\"");
    Steps.servicePrincipal(displayName);
    s.servicePrincipalName = displayName;
    return this;
  }

  /**
   * Adopts an existing service principal by applicationId; none is created by name. With an account
   * target it must exist in the account. With only a workspace admin, service principals of the
   * account that are not in this workspace cannot be seen by name, so this is the way to use one:
   * when it is not in the workspace yet, it is added with a workspace SCIM POST carrying the
   * applicationId.
   *
   * @param applicationId the service principal's application id (a UUID)
   * @return this builder
   * @throws IllegalArgumentException if {@code applicationId} is not a UUID
   */
  public CasOnboardingBuilder adoptServicePrincipal(String applicationId) {
    Objects.requireNonNull(applicationId, "adoptServicePrincipal(applicationId) is null; allowed: the service principal's application id, a UUID");
    Steps.adoptServicePrincipal(applicationId);
    s.adoptApplicationId = applicationId;
    return this;
  }

  /**
   * Allows the run to reactivate the service principal (SCIM PATCH {@code active=true}) when the one
   * it finds or adopts is deactivated. Off by default: a deactivated service principal stops the run
   * before any write, since someone deactivated it deliberately.
    *
    * @return the result
   */
  public CasOnboardingBuilder reactivateServicePrincipal() {
    s.reactivateServicePrincipal = true;
    return this;
  }

  /**
   * Mints a personal access token on behalf of the service principal with {@code lifetime},
   * reusing a valid token of ours when one exists ({@link TokenPolicy#reuseOrMint(Duration)}).
   *
   * @param lifetime how long the token stays valid: 1 second to 730 days
   * @return this builder
   * @throws IllegalArgumentException if {@code lifetime} is not between 1 second and 730 days
   */
  public CasOnboardingBuilder token(Duration lifetime) {
    s.tokenPolicy = TokenPolicy.reuseOrMint(Objects.requireNonNull(lifetime, "token(lifetime) is null; allowed: 1 second to 730 days, e.g. Duration.ofDays(90); or call withoutToken()"));
    return this;
  }

  /**
   * Sets the token policy.
   *
   * @param policy how the token is minted or reused
   * @return this builder
   */
  public CasOnboardingBuilder token(TokenPolicy policy) {
    s.tokenPolicy = Objects.requireNonNull(policy, "token(policy) is null; allowed: a TokenPolicy such as TokenPolicy.reuseOrMint(Duration.ofDays(90)); or call withoutToken()");
    return this;
  }

  /**
   * Always mints a new token, even when a valid token of ours exists ({@link TokenMode#ALWAYS_MINT}). Requires {@code token(..)}.
   *
   * @return this builder
   */
  public CasOnboardingBuilder alwaysNewToken() {
    s.tokenMode = TokenMode.ALWAYS_MINT;
    return this;
  }

  /**
   * Rotates the token ({@link TokenMode#ROTATE}): mints a new one, verifies it, and only then
   * revokes every older valid token of ours for the service principal (step
   * {@code revoke-previous-tokens}). Use it when nobody holds the secret of the token a re-run
   * would reuse. Requires {@code token(..)}.
   *
   * @return this builder
   */
  public CasOnboardingBuilder rotateToken() {
    s.tokenMode = TokenMode.ROTATE;
    return this;
  }

  /**
   * Creates an OAuth M2M secret for the service principal (client id = applicationId) valid for
   * {@code lifetime}, and verifies it by a client-credentials exchange; the result's
   * {@link OnboardingResult#oauthSecret()} holds it. Combine with {@code token(..)} for both
   * credentials, or with {@code withoutToken()} for OAuth only. At most 5 secrets per service
   * principal: a full one is refused unless rotating.
   *
    * @param lifetime the lifetime
    * @return the result
   * @throws IllegalArgumentException if {@code lifetime} is not between 1 second and 730 days
   */
  public CasOnboardingBuilder oauthSecret(Duration lifetime) {
    Objects.requireNonNull(lifetime, "oauthSecret(lifetime) is null; allowed: 1 day to 730 days, e.g. Duration.ofDays(365)");
    if (lifetime.getSeconds() < 1 || lifetime.compareTo(TokenPolicy.MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("OAuth secret lifetime " + lifetime + " is invalid; allowed: 1 second to 730 days");
    }
    s.oauthSecretLifetime = lifetime;
    return this;
  }

  /**
   * Rotates the OAuth secret: creates and verifies a new one, then deletes the older secrets of the
   * service principal (at the limit of 5, the oldest is deleted first). Requires {@code oauthSecret(..)}.
    *
    * @return the result
   */
  public CasOnboardingBuilder rotateOAuthSecret() {
    s.rotateOAuthSecret = true;
    return this;
  }

  /**
   * Guards against another process creating the same service principal at the same moment. Display
   * names are not unique, so two runs that both find no principal by the name both create one. Runs
   * in this JVM never do: they create a name once between them, whichever onboarding object they
   * belong to. Runs in other processes (replicas of a service, command-line runs, other JVMs) cannot
   * be coordinated that way, so with this guard every create is followed by one more lookup of the
   * name; when another process created one too, the oldest is kept and this run deletes its own
   * before it is given any access. The lookup is sent beside the workspace assignment, so a run takes
   * no longer, but it is one more request. Without the guard such a race leaves two principals, and
   * the next run refuses to pick one, naming both. The command line always guards.
   *
   * <pre>{@code
   * CasOnboarding.builder().workspace(ws).account(acct).servicePrincipal("TD-CAS").guardAgainstOtherProcesses()...
   * }</pre>
   *
   * @return this builder
   */
  public CasOnboardingBuilder guardAgainstOtherProcesses() {
    s.guardAgainstOtherProcesses = true;
    return this;
  }

  /**
   * A hint that the workspace was most likely onboarded before (the caller holds its connection,
   * say): the first run then reads everything a re-run needs in one concurrent stage (token
   * permissions, tokens, grants, assignments beside the service principal lookup), as every later
   * run of the same onboarding does anyway. A wrong hint costs only requests, never correctness: on
   * a fresh workspace those reads, about four, go unused.
   *
   * <pre>{@code
   * CasOnboarding.builder().workspace(ws).servicePrincipal("TD-CAS").expectOnboarded().build().apply();
   * }</pre>
   *
   * @return this builder
   */
  public CasOnboardingBuilder expectOnboarded() {
    s.expectOnboarded = true;
    return this;
  }

  /**
   * On Azure (no on-behalf-of tokens), keeps the OAuth secret made to mint the first token instead
   * of deleting it, as the result's {@link OnboardingResult#oauthSecret()} (lifetime: that of
   * {@code oauthSecret(..)}, else 730 days). Requires {@code token(..)}.
    *
    * @return the result
   */
  public CasOnboardingBuilder keepBootstrapSecret() {
    s.keepBootstrapSecret = true;
    return this;
  }

  /**
   * Decides deliberately that this onboarding mints no token (e.g. the token is managed elsewhere).
   * CAS cannot connect without a credential, so this is an explicit choice.
   *
   * @return this builder
   */
  public CasOnboardingBuilder withoutToken() {
    s.withoutToken = true;
    return this;
  }

  /**
   * Decides deliberately that this onboarding grants no catalog privileges (e.g. they are managed
   * elsewhere). CAS cannot read data without a grant, so this is an explicit choice.
   *
   * @return this builder
   */
  public CasOnboardingBuilder withoutGrants() {
    s.withoutGrants = true;
    return this;
  }

  /**
   * Adds a Unity Catalog grant for the service principal.
   *
   * @param grant the catalog and its privileges
   * @return this builder
   * @throws IllegalArgumentException if the grant carries write privileges without
   *     {@link CatalogGrant#allowWritePrivileges()}, or its catalog is already granted
   */
  public CasOnboardingBuilder grant(CatalogGrant grant) {
    Objects.requireNonNull(grant, "grant(grant) is null; allowed: a CatalogGrant such as CatalogGrant.dataReader(\"cas_demo_east1\"); or call withoutGrants()");
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
   * @param addresses IPv4 addresses or CIDR blocks
   * @param label the ALLOW list's label, e.g. {@code TreasureData}
   * @return this builder
   * @throws IllegalArgumentException naming the first invalid address or a blank label
   */
  public CasOnboardingBuilder allowIps(String label, String... addresses) {
    s.ipAllowList = IpAllowList.of(Objects.requireNonNull(label, "allowIps(label, ..) label is null; allowed: a list label such as \"TreasureData\""), Objects.requireNonNull(addresses, "allowIps(.., addresses) is null; allowed: IPv4 addresses or CIDR blocks such as \"203.0.113.10\", \"198.51.100.0/24\""));
    return this;
  }

  /**
   * Sets the IP allow list.
   *
   * @param list the label and addresses
   * @return this builder
   */
  public CasOnboardingBuilder allowIps(IpAllowList list) {
    s.ipAllowList = Objects.requireNonNull(list, "allowIps(list) is null; allowed: an IpAllowList such as IpAllowList.of(\"TreasureData\", \"203.0.113.10\")");
    return this;
  }

  /**
   * Lets the service principal query through the SQL warehouse with id {@code id}: CAN_USE on it
   * (add-only) and the Databricks SQL entitlement when it lacks it. The result then carries the
   * {@linkplain OnboardingResult#connectionDetails() connection details}. Optional; excludes
   * {@link #warehouseNamed(String)}.
   *
    * @param id the id
    * @return the result
   * @throws IllegalArgumentException if {@code id} is not a warehouse id
   */
  public CasOnboardingBuilder warehouse(String id) {
    Objects.requireNonNull(id, "warehouse(id) is null; allowed: a warehouse id such as \"f562046bc1272886\"");
    Steps.warehouse(id);
    s.warehouseId = id;
    return this;
  }

  /**
   * Like {@link #warehouse(String)}, choosing the warehouse by name; when several warehouses carry
   * the name, the run stops before any write and asks for the id. Excludes {@link #warehouse(String)}.
   *
    * @param name the name
    * @return the result
   * @throws IllegalArgumentException if {@code name} is blank, longer than 99 characters or has control characters
   */
  public CasOnboardingBuilder warehouseNamed(String name) {
    Objects.requireNonNull(name, "warehouseNamed(name) is null; allowed: a warehouse name such as \"cas-warehouse\"");
    Steps.warehouseNamed(name);
    s.warehouseName = name;
    return this;
  }

  /**
   * Allows creating the workspace's first ALLOW list, after which only listed addresses can reach
   * the workspace. Off by default, because it would lock out everyone else.
   *
   * @return this builder
   */
  public CasOnboardingBuilder allowFirstAllowList() {
    s.allowFirstAllowList = true;
    return this;
  }

  /**
   * Allows a {@code /0} block such as {@code 0.0.0.0/0} in {@link #allowIps}. Off by default.
   *
   * @return this builder
   */
  public CasOnboardingBuilder allowAnyAddress() {
    s.allowAnyAddress = true;
    return this;
  }

  /**
   * Adds a custom step; it runs after the steps it {@linkplain OnboardingStep#dependsOn() depends on}.
   *
   * @param step the step to add
   * @return this builder
   */
  public CasOnboardingBuilder addStep(OnboardingStep<?> step) {
    Objects.requireNonNull(step, "addStep(step) is null; allowed: an OnboardingStep");
    Objects.requireNonNull(step.name(), "addStep(step): step.name() returned null; allowed: a unique name such as \"my-step\"");
    s.extraSteps.add(step);
    return this;
  }

  /**
   * Builds the onboarding.
   *
   * @return the onboarding
   * @throws IllegalArgumentException when the workspace or the service principal is missing, there
   *     is no decision on the token ({@code token(..)} or {@code withoutToken()}) or on grants
   *     (a {@code grant(..)} or {@code withoutGrants()}), both
   *     {@code servicePrincipal} and {@code adoptServicePrincipal} were given, {@code alwaysNewToken}
   *     or {@code rotateToken} has no {@code token}, {@code workspaceId} has no {@code account}, an address is {@code /0}
   *     without {@code allowAnyAddress}, or custom steps clash or depend on unknown steps
   */
  public CasOnboarding build() {
    return new CasOnboarding(s, StepAssembly.steps(s));
  }
}
