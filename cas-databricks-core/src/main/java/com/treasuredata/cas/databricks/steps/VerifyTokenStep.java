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
import com.treasuredata.cas.databricks.TokenDetails;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Proves the freshly minted token works and belongs to the service principal: with the new token,
 * {@code GET /api/2.0/preview/scim/v2/Me} must answer {@code userName} equal to the applicationId.
 * Skipped when the token step reused a token, whose value cannot be read back.
 *
 * <p>When the token was minted to reuse-or-mint, runs for the same service principal may have
 * overlapped: it lists tokens again, and when another run minted a valid token of ours first, keeps
 * that one and revokes ours, so that the runs end with one valid token of ours. When the mint said
 * the service principal owns the new token, one request answers both: the new token's own list
 * ({@code GET /api/2.0/token/list}) holds the new token (it authenticates as its owner; when it is
 * not listed, SCIM Me decides) and shows a concurrent run's tokens. Otherwise SCIM Me goes out at the same time as the admin's
 * token list, so the check costs no extra round trip.
 */
final class VerifyTokenStep extends BuiltInStep<VerifyTokenStep.Verify> {

  static final String ME = "/api/2.0/preview/scim/v2/Me";

  /** The plan's payload: whether to check for a token a concurrent run minted. */
  record Verify(boolean checkConcurrentMint) {}

  private final boolean checkConcurrentMint;

  VerifyTokenStep(boolean checkConcurrentMint) {
    this(checkConcurrentMint, Steps.OBO_TOKEN);
  }

  /** Verifies the token that step {@code tokenStep} minted. */
  VerifyTokenStep(boolean checkConcurrentMint, String tokenStep) {
    super(Steps.VERIFY_TOKEN, Set.of(tokenStep), Set.of(tokenStep), List.of());
    this.checkConcurrentMint = checkConcurrentMint;
  }

  @Override
  public StepPlan<Verify> plan(StepContext ctx) {
    if (ctx.output(RunKey.TOKEN).isPresent()) {
      return StepPlan.skip("no new token: an existing token's secret cannot be read back, so it cannot be used to verify");
    }
    return StepPlan.check("reads only: will check with the new token that it authenticates as the service principal", new Verify(checkConcurrentMint));
  }

  @Override
  public StepOutcome apply(StepContext ctx, Verify verify) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    TokenDetails mine = ctx.require(RunKey.TOKEN);
    Secret secret = ctx.output(RunKey.TOKEN_SECRET).filter(s -> mine.minted()).orElse(null);
    if (secret == null) {
      return StepOutcome.unchanged("no new token to verify");
    }
    if (verify.checkConcurrentMint() && ctx.output(OurTokens.MINTED_OWNER).filter(sp.id()::equals).isPresent()) {
      return verifyByOwnList(ctx, sp, mine, secret);
    }
    AtomicBoolean abandoned = new AtomicBoolean();
    CompletableFuture<JsonNode> me = ctx.async(() -> me(ctx, secret, abandoned));
    Optional<TokenInfo> earlier =
        verify.checkConcurrentMint()
            ? mintedEarlierByAnotherRun(ctx, OurTokens.list(ctx.workspace()), info -> OurTokens.isOurs(info, sp), mine)
            : Optional.empty();
    if (earlier.isPresent()) {
      abandoned.set(true);
      return keepEarlier(ctx, mine, earlier.get());
    }
    return checkUserName(sp, mine, join(me));
  }

  /** Passes when SCIM Me's {@code userName} is the service principal's applicationId. */
  private static StepOutcome checkUserName(ServicePrincipalRef sp, TokenDetails mine, JsonNode me) {
    String userName = me.path("userName").asText("");
    if (!sp.applicationId().equalsIgnoreCase(userName)) {
      throw new OnboardingException(
          "the new token authenticates as '" + userName + "', not as the service principal (applicationId " + sp.applicationId()
              + "). Do not hand it to CAS; revoke token " + mine.id() + " (DELETE /api/2.0/token-management/tokens/{id}) and check the service principal.");
    }
    return StepOutcome.unchanged("the new token authenticates as " + userName);
  }

  /**
   * One read answers both questions when the mint said the service principal owns the new token:
   * the caller's own token list ({@code GET /api/2.0/token/list} with the new token) holds only its
   * caller's tokens, so finding the new token there proves it authenticates as its owner, the
   * service principal; and the same list shows the tokens of ours a concurrent run minted.
   */
  private static StepOutcome verifyByOwnList(StepContext ctx, ServicePrincipalRef sp, TokenDetails mine, Secret secret) {
    List<JsonNode> own = ctx.untilVisible(Set.of(ErrorCategory.AUTHENTICATION), () -> SelfTokens.list(ctx.workspaceAs(secret)));
    Optional<TokenInfo> earlier = mintedEarlierByAnotherRun(ctx, own, info -> OurTokens.isTagged(info, sp), mine);
    if (earlier.isPresent()) {
      return keepEarlier(ctx, mine, earlier.get());
    }
    if (own.stream().noneMatch(info -> mine.id().equals(info.path("token_id").asText()))) {
      // Not listed (a list that lags behind the mint, or another caller): SCIM Me decides.
      return checkUserName(sp, mine, me(ctx, secret, new AtomicBoolean()));
    }
    return StepOutcome.unchanged("the new token authenticates as its owner, the service principal " + sp.applicationId()
        + " (it lists itself among its own tokens)");
  }

  /** Revokes {@code mine} in favour of {@code earlier}, the token a concurrent run minted first. */
  private static StepOutcome keepEarlier(StepContext ctx, TokenDetails mine, TokenInfo earlier) {
    ctx.workspace().send(Write.delete(OurTokens.TOKENS_PATH + "/" + mine.id()).idempotent());
    ctx.publish(RunKey.TOKEN, earlier);
    return StepOutcome.unchanged(
        "a concurrent run minted token " + earlier.id() + " first; revoked ours (" + mine.id()
            + ") so that one valid token remains; its secret went to that run and cannot be read back");
  }

  /** Calls SCIM Me with {@code token}, retrying while a fresh token or principal propagates, until {@code abandoned}. */
  private static JsonNode me(StepContext ctx, Secret token, AtomicBoolean abandoned) {
    return ctx.untilVisible(
        Set.of(ErrorCategory.AUTHENTICATION),
        () -> {
          if (abandoned.get()) {
            throw new OnboardingException(ctx.stepName() + ": verification abandoned; the token was revoked in favour of an earlier one");
          }
          return ctx.workspaceAs(token).get(ME);
        });
  }

  /**
   * Returns the valid token of ours that another run minted before {@code mine}, if any: tokens of
   * ours this run did not see while planning, ordered by creation time (ties in the order the API
   * lists them) among {@code tokens}, of which {@code ours} tells ours. Every concurrent run applies the same order, so all keep the same token.
   */
  private static Optional<TokenInfo> mintedEarlierByAnotherRun(StepContext ctx, List<JsonNode> tokens, Predicate<JsonNode> ours, TokenDetails mine) {
    Set<String> seen = ctx.output(OurTokens.SEEN).map(OurTokens.Seen::ids).orElse(Set.of());
    List<JsonNode> candidates = new ArrayList<>();
    for (JsonNode info : tokens) {
      if (ours.test(info) && !seen.contains(info.path("token_id").asText()) && OurTokens.details(info, false).isValidAt(ctx.now())) {
        candidates.add(info);
      }
    }
    candidates.sort(Comparator.comparingLong(info -> info.path("creation_time").asLong(Long.MAX_VALUE)));
    if (candidates.isEmpty() || candidates.get(0).path("token_id").asText().equals(mine.id())) {
      return Optional.empty();
    }
    return Optional.of(OurTokens.details(candidates.get(0), false));
  }
}
