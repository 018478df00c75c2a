package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.time.Duration;
import java.util.Set;

/**
 * The service principal's first token without on-behalf-of tokens (Azure Databricks has none): the
 * workspace admin creates a short-lived OAuth secret for the service principal (workspace proxy
 * API), the service principal exchanges it for an access token (client credentials at the
 * workspace's token endpoint) and mints its own PAT with the tokens API, tagged as ours; then the
 * bootstrap secret is deleted, unless asked to keep it (it is then the result's OAuth secret).
 * Planning follows the on-behalf-of step's rules (reuse or mint).
 */
final class BootstrapTokenStep extends BuiltInStep<OboTokenStep.Mint> {

  /** Long enough for the exchange and the mint; deleted right after. */
  static final Duration BOOTSTRAP_LIFETIME = Duration.ofHours(1);

  private final OboTokenStep rules;
  private final TokenPolicy policy;
  private final Duration keptSecretLifetime;

  /**
   * @param keptSecretLifetime when not null, the bootstrap secret is kept with this lifetime
   */
  BootstrapTokenStep(TokenPolicy policy, Duration keptSecretLifetime) {
    super(Steps.SP_TOKEN, Set.of(Steps.TOKEN_USAGE), Set.of(Steps.SERVICE_PRINCIPAL), java.util.List.of(SharedReads.WORKSPACE_CONF));
    this.rules = new OboTokenStep(policy);
    this.policy = policy;
    this.keptSecretLifetime = keptSecretLifetime;
  }

  @Override
  public StepPlan<OboTokenStep.Mint> plan(StepContext ctx) {
    StepPlan<OboTokenStep.Mint> plan = rules.plan(ctx);
    if (plan.payload().isEmpty()) {
      return plan;
    }
    return StepPlan.create("no on-behalf-of tokens on Azure: the service principal mints its own, authenticated by a bootstrap OAuth secret"
        + (keptSecretLifetime == null ? " deleted afterwards" : " that is kept") + "; " + plan.reason(), plan.payload().get());
  }

  @Override
  public StepOutcome apply(StepContext ctx, OboTokenStep.Mint mint) {
    return mint(ctx, policy, mint, keptSecretLifetime);
  }

  /** Mints the service principal's token through a bootstrap OAuth secret (also the fallback when OBO is refused). */
  static StepOutcome mint(StepContext ctx, TokenPolicy policy, OboTokenStep.Mint mint, Duration keptSecretLifetime) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    Set<String> before = new java.util.HashSet<>();
    OAuthSecrets.active(ctx, sp).forEach(s -> before.add(s.path("id").asText()));
    JsonNode created = OAuthSecrets.create(ctx, sp, keptSecretLifetime != null ? keptSecretLifetime : BOOTSTRAP_LIFETIME, before);
    Secret secret = Secret.of(created.path("secret").asText());
    String secretId = created.path("id").asText();
    boolean kept = false;
    try {
      String comment = OurTokens.TAG + " " + sp.applicationId() + " " + ctx.runId();
      JsonNode response = ctx.untilVisible(Set.of(ErrorCategory.TOKEN_USAGE, ErrorCategory.AUTHENTICATION),
          () -> SelfTokens.mint(ctx.stepName(), ctx.workspaceAs(sp.applicationId(), secret), mint.lifetime(), comment, policy.scopes()));
      TokenInfo details = OurTokens.publishMinted(ctx, response, "token/create");
      ctx.publish(OurTokens.SEEN, new OurTokens.Seen(mint.seenTokenIds()));
      if (keptSecretLifetime != null) {
        ctx.publish(RunKey.OAUTH_SECRET, secret);
        kept = true;
      }
      return StepOutcome.created("minted token " + details.id() + " as the service principal without on-behalf-of (expires "
          + OurTokens.expiry(details) + "); bootstrap OAuth secret " + secretId + (kept ? " kept" : " deleted"));
    } finally {
      if (!kept) {
        OAuthSecrets.delete(ctx, sp, secretId);
      }
    }
  }
}
