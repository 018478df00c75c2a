package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.TokenDetails;
import com.treasuredata.cas.databricks.TokenMode;
import com.treasuredata.cas.databricks.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a token rotation ({@link TokenMode#ROTATE}): once {@code verify-token} proved the new
 * token authenticates as the service principal, revokes
 * ({@code DELETE /api/2.0/token-management/tokens/{id}}) every other valid token of ours for this
 * service principal: comment tag {@code cas-databricks <applicationId> ...}. Tokens of other
 * principals and tokens without our tag are never touched. Added to a run only when rotating.
 *
 * <p>Only tokens older than the new one are revoked (by creation time, ties in the order the API
 * lists them): of two concurrent rotations, the later one's token survives instead of each
 * revoking the other's. A token already gone (404) counts as revoked. The plan lists what it
 * would revoke, from GETs only; the result lists the revoked token ids, never a secret.
 */
final class RevokePreviousTokensStep extends BuiltInStep<RevokePreviousTokensStep.Revoke> {

  private static final Logger log = LoggerFactory.getLogger(RevokePreviousTokensStep.class);

  /** The plan's payload: the valid tokens of ours the plan saw. */
  record Revoke(List<String> tokenIds) {
    Revoke {
      tokenIds = List.copyOf(tokenIds);
    }
  }

  private final boolean self;

  RevokePreviousTokensStep() {
    this(false);
  }

  /**
   * With {@code self}, the service principal revokes its own tokens ({@code /api/2.0/token/list},
   * {@code POST /api/2.0/token/delete}) with the new token; otherwise the workspace admin does
   * (token management).
   */
  RevokePreviousTokensStep(boolean self) {
    super(Steps.REVOKE_PREVIOUS_TOKENS, Set.of(Steps.VERIFY_TOKEN), self ? Set.of(Steps.RENEW_TOKEN) : Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    this.self = self;
  }

  private List<JsonNode> list(DatabricksApi api) {
    return self ? SelfTokens.list(api) : OurTokens.list(api);
  }

  /** Revokes token {@code id}; false when it was already gone. */
  private boolean revoke(DatabricksApi api, String id) {
    if (self) {
      return SelfTokens.revoke(api, id);
    }
    try {
      api.send(Write.delete(OurTokens.TOKENS_PATH + "/" + id).idempotent());
      return true;
    } catch (CasApiException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      return false;
    }
  }

  @Override
  public StepPlan<Revoke> plan(StepContext ctx) {
    if (ctx.output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false)) {
      return StepPlan.noOp("new service principal has no older token of ours to revoke");
    }
    if (self && ctx.output(RunKey.TOKEN).filter(t -> !t.minted()).isPresent()) {
      return StepPlan.noOp("no new token: nothing to revoke");
    }
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    List<String> ids = new ArrayList<>();
    for (JsonNode info : list(ctx.workspace())) {
      if (isOurs(info, sp) && OurTokens.details(info, false).isValidAt(ctx.now())) {
        ids.add(info.path("token_id").asText());
      }
    }
    if (ids.isEmpty()) {
      return StepPlan.noOp("no older valid token of ours to revoke");
    }
    return StepPlan.delete("after the new token verifies, revoke " + ids.size() + " older token(s) of ours: " + ids, new Revoke(ids));
  }

  @Override
  public StepOutcome apply(StepContext ctx, Revoke planned) {
    TokenDetails mine = ctx.output(RunKey.TOKEN).filter(TokenDetails::minted).orElse(null);
    if (mine == null || ctx.output(RunKey.TOKEN_SECRET).isEmpty()) {
      return StepOutcome.unchanged("no new verified token: revoked nothing");
    }
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    // the service principal revokes with its new token: the old one may be among those revoked
    DatabricksApi api = self ? ctx.workspaceAs(ctx.output(RunKey.TOKEN_SECRET).orElseThrow()) : ctx.workspace();
    List<JsonNode> ours = new ArrayList<>();
    for (JsonNode info : list(api)) {
      if (isOurs(info, sp)) {
        ours.add(info);
      }
    }
    // A stable sort keeps the listing order for equal creation times.
    ours.sort(Comparator.comparingLong(info -> info.path("creation_time").asLong(Long.MAX_VALUE)));
    int position = -1;
    for (int i = 0; i < ours.size(); i++) {
      if (ours.get(i).path("token_id").asText().equals(mine.id())) {
        position = i;
      }
    }
    if (position < 0) {
      throw new OnboardingException(
          ctx.stepName() + ": the new token " + mine.id() + " is not listed any more (revoked by someone else?); revoked nothing. "
              + "Re-run with rotateToken() to mint and verify another one.");
    }
    List<String> revoked = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (JsonNode info : ours.subList(0, position)) {
      if (!OurTokens.details(info, false).isValidAt(ctx.now())) {
        continue;
      }
      String id = info.path("token_id").asText();
      if (revoke(api, id)) {
        revoked.add(id);
      } else {
        gone.add(id); // revoked meanwhile (e.g. by a concurrent rotation): the goal is reached
      }
    }
    log.debug("{}: revoked {} token(s), {} already gone", ctx.stepName(), revoked.size(), gone.size());
    if (revoked.isEmpty() && gone.isEmpty()) {
      return StepOutcome.unchanged("no older valid token of ours; kept " + mine.id());
    }
    String detail = "revoked " + revoked.size() + " older token(s) of ours: " + revoked + (gone.isEmpty() ? "" : "; already gone: " + gone) + "; kept " + mine.id();
    return revoked.isEmpty() ? StepOutcome.unchanged(detail) : StepOutcome.deleted(detail);
  }

  /** In the service principal's own list every token is its own, so the tag decides; in the admin's list the owner must match too. */
  private boolean isOurs(JsonNode info, ServicePrincipalRef sp) {
    return self ? OurTokens.isTagged(info, sp) : OurTokens.isOurs(info, sp);
  }
}
