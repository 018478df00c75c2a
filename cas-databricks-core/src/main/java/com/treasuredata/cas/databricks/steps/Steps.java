package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.IpAllowList;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.TokenPolicy;

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
  /** Ensures the ALLOW list holds the addresses. */
  public static final String IP_ACCESS_LIST = "ip-access-list";
  /** Prefix of the catalog grant steps: {@code catalog-grant:<catalog>}. */
  public static final String CATALOG_GRANT_PREFIX = "catalog-grant:";

  private Steps() {}

  /**
   * Returns a step that finds the service principal by display name, or creates it.
   *
   * @param displayName the service principal's display name, e.g. {@code TD-CAS-Service}
   * @return a step that finds the service principal by display name, or creates it
   */
  public static OnboardingStep<?> servicePrincipal(String displayName) {
    return ServicePrincipalStep.named(displayName);
  }

  /**
   * Returns a step that adopts an existing service principal by applicationId (never creates one).
   *
   * @param applicationId the service principal's application id (a UUID)
   * @return a step that adopts an existing service principal by applicationId (never creates one)
   */
  public static OnboardingStep<?> adoptServicePrincipal(String applicationId) {
    return ServicePrincipalStep.adopting(applicationId);
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
   * Returns the step that revokes the older tokens of ours once the new token verified (rotation).
   *
   * @return the step that revokes the older tokens of ours once the new token verified (rotation)
   */
  public static OnboardingStep<?> revokePreviousTokens() {
    return new RevokePreviousTokensStep();
  }

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
}
