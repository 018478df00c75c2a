package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.TokenScopes;
import java.time.Duration;
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
 *        └──────────► catalog-grant:&lt;catalog&gt;      ip-access-list (independent)
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
  /** Prefix of the catalog grant steps: {@code catalog-grant:<catalog>}. */
  public static final String CATALOG_GRANT_PREFIX = "catalog-grant:";

  private Steps() {}

  /** Returns a step that finds the service principal by display name, or creates it; a deactivated one stops the run. */
  public static OnboardingStep<?> servicePrincipal(String displayName) {
    return ServicePrincipalStep.named(displayName, false);
  }

  /**
   * Returns a step that finds the service principal by display name, or creates it.
   *
   * @param reactivate whether a deactivated match may be reactivated (SCIM PATCH {@code active=true}) instead of stopping the run
   */
  public static OnboardingStep<?> servicePrincipal(String displayName, boolean reactivate) {
    return ServicePrincipalStep.named(displayName, reactivate);
  }

  /** Returns a step that adopts an existing service principal by applicationId (never by name); a deactivated one stops the run. */
  public static OnboardingStep<?> adoptServicePrincipal(String applicationId) {
    return ServicePrincipalStep.adopting(applicationId, false);
  }

  /**
   * Returns a step that adopts an existing service principal by applicationId.
   *
   * @param reactivate whether a deactivated one may be reactivated (SCIM PATCH {@code active=true}) instead of stopping the run
   */
  public static OnboardingStep<?> adoptServicePrincipal(String applicationId, boolean reactivate) {
    return ServicePrincipalStep.adopting(applicationId, reactivate);
  }

  /**
   * Returns the workspace membership step.
   *
   * @param viaAccount whether the service principal lives in the account (an account target is configured)
   */
  public static OnboardingStep<?> workspaceMembership(boolean viaAccount) {
    return new WorkspaceMembershipStep(viaAccount);
  }

  /** Returns the token usage step. */
  public static OnboardingStep<?> tokenUsage() {
    return new TokenUsageStep();
  }

  /** Returns the on-behalf-of token step with {@code policy}. */
  public static OnboardingStep<?> oboToken(TokenPolicy policy) {
    return new OboTokenStep(policy);
  }

  /**
   * Returns the token verification step.
   *
   * @param checkConcurrentMint whether to look for a token a concurrent run minted first (reuse-or-mint runs)
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

  /** Returns the step that revokes the older tokens of ours once the new token verified (rotation). */
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
  public static OnboardingStep<?> catalogGrant(CatalogGrant grant) {
    return new CatalogGrantStep(grant);
  }

  /**
   * Returns the IP allow list step.
   *
   * @param allowFirstAllowList whether creating the workspace's first ALLOW list is allowed
   */
  public static OnboardingStep<?> ipAllowList(IpAllowList list, boolean allowFirstAllowList) {
    return new IpAccessListStep(list, allowFirstAllowList);
  }
}
