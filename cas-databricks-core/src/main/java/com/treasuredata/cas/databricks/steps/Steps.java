package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.TokenScopes;
import com.treasuredata.cas.databricks.internal.engine.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Factories and names of the built-in steps. {@link com.treasuredata.cas.databricks.CasOnboarding}
 * composes them from its builder; the names are what plans, results, logs and
 * {@link com.treasuredata.cas.databricks.OnboardingStep#dependsOn()} refer to.
 *
 * <p>Run order (a step starts when the steps it depends on succeeded):
 * <pre>
 * service-principal ──► workspace-membership ──► token-usage ──► obo-token ──► verify-token
 *                                                       (when rotating) ──► revoke-previous-tokens
 *        ├──────────► catalog-grant:&lt;catalog&gt;      ip-access-list (independent)
 *        └─ workspace-membership ──► warehouse-access
 * </pre>
 */
public final class Steps {

  /** Finds or creates the service principal. */
  public static final String SERVICE_PRINCIPAL = "service-principal";
  /** Makes the service principal a workspace USER. */
  public static final String WORKSPACE_MEMBERSHIP = "workspace-membership";
  /** Grants CAN_USE on workspace tokens (PATCH, never PUT). */
  public static final String TOKEN_USAGE = "token-usage";
  /** Mints (or reuses) a personal access token on behalf of the service principal. */
  public static final String OBO_TOKEN = "obo-token";
  /** Checks that the new token authenticates as the service principal. */
  public static final String VERIFY_TOKEN = "verify-token";
  /** When rotating, revokes the older tokens of ours after the new one verified. */
  public static final String REVOKE_PREVIOUS_TOKENS = "revoke-previous-tokens";
  /** The service principal mints its own next token (renewal, no admin). */
  public static final String RENEW_TOKEN = "renew-token";
  /** Without on-behalf-of tokens (Azure): the service principal mints its first token, authenticated by a bootstrap OAuth secret. */
  public static final String SP_TOKEN = "sp-token";
  /** Creates (or rotates) an OAuth M2M secret for the service principal and verifies it. */
  public static final String OAUTH_SECRET = "oauth-secret";
  /** Ensures the ALLOW list holds the addresses. */
  public static final String IP_ACCESS_LIST = "ip-access-list";
  /** Grants the service principal CAN_USE on a SQL warehouse and the Databricks SQL entitlement. */
  public static final String WAREHOUSE_ACCESS = "warehouse-access";
  /** Prefix of the catalog grant steps: {@code catalog-grant:<catalog>}. */
  public static final String CATALOG_GRANT_PREFIX = "catalog-grant:";

  /** Offboarding: revokes our tokens (tag {@code cas-databricks <applicationId>}, owned by the service principal). */
  public static final String REVOKE_TOKENS = "revoke-tokens";
  /** Offboarding: prefix of the steps revoking its privileges on a granted catalog: {@code revoke-grant:<catalog>}. */
  public static final String REVOKE_GRANT_PREFIX = "revoke-grant:";
  /** Offboarding: removes its entry from the warehouse ACL. */
  public static final String REMOVE_WAREHOUSE_ACCESS = "remove-warehouse-access";
  /** Offboarding: removes its entry from the token ACL. */
  public static final String REMOVE_TOKEN_USAGE = "remove-token-usage";
  /** Offboarding: removes Treasure Data's addresses from the ALLOW list (deletes the list when only they remain). */
  public static final String REMOVE_IP_ADDRESSES = "remove-ip-addresses";
  /** Offboarding: removes its workspace membership. */
  public static final String REMOVE_WORKSPACE_MEMBERSHIP = "remove-workspace-membership";
  /** Offboarding: deletes it from the account when no other workspace uses it. */
  public static final String REMOVE_SERVICE_PRINCIPAL = "remove-service-principal";

  /** A token with less than this left is reported {@code EXPIRING} by the health check. */
  public static final Duration EXPIRING_WITHIN = Duration.ofDays(7);

  private Steps() {}

  /**
   * Returns a step that finds the service principal by display name, or creates it; a deactivated one stops the run.
   *
   * @param displayName the service principal's display name, e.g. {@code TD-CAS-Service}
   * @return a step that finds the service principal by display name, or creates it
   */
  public static OnboardingStep<?> servicePrincipal(String displayName) {
    return ServicePrincipalStep.named(displayName, false);
  }

  /**
   * Returns a step that finds the service principal by display name, or creates it.
   *
   * @param displayName the service principal's display name
   * @param reactivate whether a deactivated match may be reactivated (SCIM PATCH {@code active=true}) instead of stopping the run
   * @return the step
   */
  public static OnboardingStep<?> servicePrincipal(String displayName, boolean reactivate) {
    return ServicePrincipalStep.named(displayName, reactivate);
  }

  /**
   * Returns a step that adopts an existing service principal by applicationId (never creates one).
   *
   * @param applicationId the service principal's application id (a UUID)
   * @return a step that adopts an existing service principal by applicationId (never creates one)
   */
  public static OnboardingStep<?> adoptServicePrincipal(String applicationId) {
    return ServicePrincipalStep.adopting(applicationId, false);
  }

  /**
   * Returns a step that adopts an existing service principal by applicationId.
   *
    * @param applicationId the application id
   * @param reactivate whether a deactivated one may be reactivated (SCIM PATCH {@code active=true}) instead of stopping the run
    * @return a step that adopts an existing service principal by applicationId
   */
  public static OnboardingStep<?> adoptServicePrincipal(String applicationId, boolean reactivate) {
    return ServicePrincipalStep.adopting(applicationId, reactivate);
  }

  /**
   * Returns the workspace membership step.
   *
   * @param viaAccount whether the service principal lives in the account (an account target is configured)
   * @return the workspace membership step
   */
  public static OnboardingStep<?> workspaceMembership(boolean viaAccount) {
    return new WorkspaceMembershipStep(viaAccount);
  }

  /**
   * Returns the token usage step.
   *
   * @return the token usage step
   */
  public static OnboardingStep<?> tokenUsage() {
    return new TokenUsageStep();
  }

  /**
   * Returns the on-behalf-of token step with {@code policy}.
   *
   * @param policy how the token is minted or reused
   * @return the on-behalf-of token step with {@code policy}
   */
  public static OnboardingStep<?> oboToken(TokenPolicy policy) {
    return new OboTokenStep(policy);
  }

  /**
   * Returns the token verification step.
   *
   * @param checkConcurrentMint whether to look for a token a concurrent run minted first (reuse-or-mint runs)
   * @return the token verification step
   */
  public static OnboardingStep<?> verifyToken(boolean checkConcurrentMint) {
    return new VerifyTokenStep(checkConcurrentMint);
  }

  /**
   * Returns the token verification step for the token that step {@code tokenStep} minted.
   *
   * @param checkConcurrentMint whether to look for a token a concurrent run minted first
   * @param tokenStep the name of the step that mints the token
   * @return the step
   */
  public static OnboardingStep<?> verifyToken(boolean checkConcurrentMint, String tokenStep) {
    return new VerifyTokenStep(checkConcurrentMint, tokenStep);
  }

  /**
   * Returns the step that mints the service principal's first token without on-behalf-of tokens
   * (Azure): a bootstrap OAuth secret, a client-credentials exchange, the tokens API as the
   * service principal.
   *
   * @param policy the token policy
   * @param keptSecretLifetime when present, the bootstrap secret is kept with this lifetime (the result's OAuth secret)
   * @return the step, named {@link #SP_TOKEN}
   */
  public static OnboardingStep<?> bootstrapToken(TokenPolicy policy, Optional<Duration> keptSecretLifetime) {
    return new BootstrapTokenStep(policy, keptSecretLifetime.orElse(null));
  }

  /**
   * Returns the OAuth M2M secret step.
   *
   * @param lifetime the secret's lifetime, at most 730 days
   * @param rotate whether to delete the older secrets once the new one verified
   * @return the step, named {@link #OAUTH_SECRET}
   */
  public static OnboardingStep<?> oauthSecret(Duration lifetime, boolean rotate) {
    return new OAuthSecretStep(lifetime, rotate);
  }

  /**
   * Returns the step that revokes the older tokens of ours once the new token verified (rotation).
   *
   * @return the step that revokes the older tokens of ours once the new token verified (rotation)
   */
  public static OnboardingStep<?> revokePreviousTokens() {
    return new RevokePreviousTokensStep();
  }

  /**
   * Returns the steps with which the service principal renews its own token: {@code renew-token},
   * {@code verify-token}, {@code revoke-previous-tokens}; all authenticate as the service principal.
   *
   * @param lifetime the new token's lifetime
   * @param scopes what the new token asks for
   * @param onlyIfExpiringWithin renew only when our token expires within this (empty: always)
   * @param notices receives what to tell about the tokens (no right to renew, expiry, idle revocation)
   * @return the steps in order
   */
  public static List<OnboardingStep<?>> renewal(
      Duration lifetime, TokenScopes scopes, Optional<Duration> onlyIfExpiringWithin, Consumer<String> notices) {
    return List.of(
        new RenewTokenStep(lifetime, scopes, onlyIfExpiringWithin, notices),
        new VerifyTokenStep(false, RENEW_TOKEN),
        new RevokePreviousTokensStep(true));
  }

  /** Returns the grant step for {@code grant}. */
  /**
   * Returns the grant step for {@code grant}.
   *
   * @param grant the catalog and its privileges
   * @return the grant step for {@code grant}
   */
  public static OnboardingStep<?> catalogGrant(CatalogGrant grant) {
    return new CatalogGrantStep(grant);
  }

  /**
   * Returns the IP allow list step.
   *
   * @param allowFirstAllowList whether creating the workspace's first ALLOW list is allowed
   * @param list the label and addresses
   * @return the IP allow list step
   */
  public static OnboardingStep<?> ipAllowList(IpAllowList list, boolean allowFirstAllowList) {
    return new IpAccessListStep(list, allowFirstAllowList);
  }

  /**
   * Returns the read-only health checks for what {@code onboarding} sets up: one check per built-in
   * step (custom steps contribute none), each publishing a {@link com.treasuredata.cas.databricks.HealthItem}
   * from GET requests only. With {@code credential} (the service principal's token, as CAS holds
   * it), the token check also authenticates with it, and when a warehouse is configured a deep check
   * runs a statement on it as the service principal in the apply phase.
    *
    * @param onboarding the onboarding
    * @param credential the credential
    * @return the read-only health checks for what {@code onboarding} sets up: one check per built-in step (custom steps contribute none), each publishing a {@link com.treasuredata.cas.databricks.HealthItem} from GET requests only
   */
  public static List<OnboardingStep<?>> healthChecks(List<OnboardingStep<?>> onboarding, Optional<Secret> credential) {
    Optional<String> catalog = onboarding.stream().filter(s -> s instanceof CatalogGrantStep).map(s -> ((CatalogGrantStep) s).grant().catalog()).findFirst();
    HealthChecks.Options options = new HealthChecks.Options(credential, EXPIRING_WITHIN, catalog);
    List<OnboardingStep<?>> out = new ArrayList<>();
    for (OnboardingStep<?> step : onboarding) {
      if (step instanceof BuiltInStep) {
        out.addAll(((BuiltInStep<?>) step).healthChecks(options));
      }
    }
    return out;
  }

  /**
   * Returns the steps that remove what {@code onboarding} sets up (custom steps contribute none), in
   * this order: find the service principal ({@code service-principal}, reads only); revoke our tokens,
   * its catalog privileges, its warehouse entry and its token ACL entry; remove Treasure Data's
   * addresses; remove its workspace membership; and delete it from the account when no other
   * workspace uses it. Every step plans from GET requests and applies idempotently.
    *
    * @param onboarding the onboarding
    * @return the steps that remove what {@code onboarding} sets up (custom steps contribute none), in this order: find the service principal ({@code service-principal}, reads only); revoke our tokens, its catalog privileges, its warehouse entry and its token ACL entry; remove Treasure Data's addresses; remove its workspace membership; and delete it from the account when no other workspace uses it
   */
  public static List<OnboardingStep<?>> offboarding(List<OnboardingStep<?>> onboarding) {
    List<OnboardingStep<?>> out = new ArrayList<>();
    boolean viaAccount = false;
    for (OnboardingStep<?> step : onboarding) {
      if (step instanceof ServicePrincipalStep) {
        out.add(new OffboardingSteps.FindServicePrincipal((ServicePrincipalStep) step));
        out.add(new OffboardingSteps.RevokeTokens());
      } else if (step instanceof WorkspaceMembershipStep) {
        viaAccount = ((WorkspaceMembershipStep) step).viaAccount();
      } else if (step instanceof CatalogGrantStep) {
        out.add(new OffboardingSteps.RevokeGrant(((CatalogGrantStep) step).grant()));
      } else if (step instanceof WarehouseAccessStep) {
        out.add(new OffboardingSteps.RemoveWarehouseAccess(((WarehouseAccessStep) step).choice()));
      } else if (step instanceof TokenUsageStep) {
        out.add(new OffboardingSteps.RemoveTokenUsage());
      } else if (step instanceof IpAccessListStep) {
        out.add(new OffboardingRemovals.RemoveIpAddresses(((IpAccessListStep) step).list()));
      }
    }
    java.util.Set<String> after = new java.util.LinkedHashSet<>();
    for (OnboardingStep<?> step : out) {
      if (!step.name().equals(REMOVE_IP_ADDRESSES)) {
        after.add(step.name());
      }
    }
    out.add(new OffboardingRemovals.RemoveMembership(after, viaAccount));
    out.add(new OffboardingRemovals.RemoveServicePrincipal());
    return out;
  }

  /**
   * Returns the step that lets the service principal query through the warehouse with id {@code id}.
   *
    * @param id the id
    * @return the step that lets the service principal query through the warehouse with id {@code id}
   * @throws IllegalArgumentException if {@code id} is not a warehouse id (letters, digits, {@code -} or {@code _})
   */
  public static OnboardingStep<?> warehouse(String id) {
    return new WarehouseAccessStep(new Warehouses.Choice(Validation.warehouseId(id), null));
  }

  /**
   * Returns the step that lets the service principal query through the warehouse named {@code name};
   * a name several warehouses share is refused before any write.
   *
    * @param name the name
    * @return the step that lets the service principal query through the warehouse named {@code name}; a name several warehouses share is refused before any write
   * @throws IllegalArgumentException if {@code name} is blank, longer than 100 characters or has control characters
   */
  public static OnboardingStep<?> warehouseNamed(String name) {
    return new WarehouseAccessStep(new Warehouses.Choice(null, Validation.warehouseName(name)));
  }
}
