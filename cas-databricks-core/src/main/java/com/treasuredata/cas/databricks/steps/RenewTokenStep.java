package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.TokenScopes;
import com.treasuredata.cas.databricks.internal.Durations;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The service principal renews its own token: with only its current PAT, it learns who it is
 * (SCIM Me), lists its tokens, and mints a new one through {@code POST /api/2.0/token/create},
 * tagged {@code cas-databricks <applicationId> <run id>}. {@code verify-token} then proves the new
 * token, and {@code revoke-previous-tokens} revokes the older tokens of ours with it.
 *
 * <p>The plan refuses before any write when every token of ours lacks the right to renew. With a
 * threshold, it renews only when our newest token expires within it, or when more than one valid
 * token of ours exists (an earlier renewal did not finish), so a scheduled job can run it daily.
 */
final class RenewTokenStep extends BuiltInStep<OboTokenStep.Mint> {

  private final Duration lifetime;
  private final TokenScopes scopes;
  private final Optional<Duration> onlyIfExpiringWithin;
  private final Consumer<String> notices;

  RenewTokenStep(Duration lifetime, TokenScopes scopes, Optional<Duration> onlyIfExpiringWithin, Consumer<String> notices) {
    super(Steps.RENEW_TOKEN, Set.of(), Set.of(), List.of());
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.scopes = Objects.requireNonNull(scopes, "scopes");
    this.onlyIfExpiringWithin = Objects.requireNonNull(onlyIfExpiringWithin, "onlyIfExpiringWithin");
    this.notices = Objects.requireNonNull(notices, "notices");
  }

  @Override
  public StepPlan<OboTokenStep.Mint> plan(StepContext ctx) {
    JsonNode me = ctx.workspace().get(VerifyTokenStep.ME);
    String applicationId = me.path("userName").asText("");
    if (applicationId.isEmpty()) {
      throw new OnboardingException(ctx.stepName() + ": SCIM Me answered no userName; is this the service principal's token?");
    }
    ServicePrincipalRef sp = new ServicePrincipalRef(me.path("id").asText(""), applicationId, me.path("displayName").asText(applicationId));
    ctx.publish(RunKey.SERVICE_PRINCIPAL, sp);
    List<JsonNode> ours = new ArrayList<>();
    for (JsonNode info : listOrRefuse(ctx)) {
      if (OurTokens.isTagged(info, sp) && OurTokens.details(info, false).isValidAt(ctx.now())) { // own list: every token is the SP's
        ours.add(info);
      }
    }
    Duration warn = onlyIfExpiringWithin.orElse(Duration.ofDays(14));
    ours.forEach(info -> OurTokens.notices(info, ctx.now(), warn).forEach(notices));
    if (!ours.isEmpty() && ours.stream().allMatch(OurTokens::hasScopeFields) && ours.stream().noneMatch(OurTokens::canRenew)) {
      throw refused("the service principal's token(s) " + ids(ours), null);
    }
    Set<String> seen = Set.copyOf(ids(ours));
    if (onlyIfExpiringWithin.isPresent() && ours.size() == 1) {
      TokenInfo only = OurTokens.details(ours.get(0), false);
      Instant horizon = ctx.now().plus(onlyIfExpiringWithin.get());
      if (only.isValidAt(horizon)) {
        ctx.publish(RunKey.TOKEN, only);
        return StepPlan.noOp("our token " + only.id() + " expires " + OurTokens.expiry(only) + ", not within "
            + Durations.describe(onlyIfExpiringWithin.get()) + ": nothing to renew");
      }
    }
    return StepPlan.create(
        "mint a token valid for " + Durations.describe(lifetime) + " as the service principal; after it verifies, "
            + Steps.REVOKE_PREVIOUS_TOKENS + " revokes the " + ours.size() + " older token(s) of ours",
        new OboTokenStep.Mint(lifetime, seen));
  }

  /** Lists the service principal's tokens; a token that may not even list them (no authentication scope) cannot renew. */
  private static List<JsonNode> listOrRefuse(StepContext ctx) {
    try {
      return SelfTokens.list(ctx.workspace());
    } catch (CasApiException e) {
      if (e.category() == ErrorCategory.PERMISSION && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("scope")) {
        throw refused("the current token", e);
      }
      throw e;
    }
  }

  private static OnboardingException refused(String which, Exception cause) {
    return new OnboardingException(
        "renewal refused: " + which + " has scopes without '" + TokenScopes.AUTHENTICATION
            + "', so it cannot mint a successor (auto-scoping narrows tokens to what they were seen doing). Nothing was written."
            + " What to do: a workspace admin mints a new token (CasOnboarding with rotateToken(); its default TokenScopes keep"
            + " the right to renew), and this renewal then works again.",
        cause);
  }

  private static List<String> ids(List<JsonNode> infos) {
    List<String> out = new ArrayList<>();
    infos.forEach(i -> out.add(i.path("token_id").asText()));
    return out;
  }

  @Override
  public StepOutcome apply(StepContext ctx, OboTokenStep.Mint mint) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    String comment = OurTokens.TAG + " " + sp.applicationId() + " " + ctx.runId();
    JsonNode response = SelfTokens.mint(ctx.stepName(), ctx.workspace(), mint.lifetime(), comment, scopes);
    TokenInfo details = OurTokens.publishMinted(ctx, response, "token/create");
    return StepOutcome.created("minted token " + details.id() + " as " + sp.applicationId() + " (expires " + OurTokens.expiry(details) + ")");
  }
}
