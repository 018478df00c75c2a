package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.TokenDetails;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.engine.EngineStep;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a token rotation ({@link com.treasuredata.cas.databricks.TokenPolicy#withRevokePrevious()}):
 * once {@code verify-token} proved the new token authenticates as the service principal, revokes
 * ({@code DELETE /api/2.0/token-management/tokens/{id}}) every other valid token of ours for this
 * service principal: comment tag {@code cas-databricks <applicationId> ...}. Tokens of other
 * principals and tokens without our tag are never touched. Added to a run only when rotating.
 *
 * <p>Only tokens older than the new one are revoked (by creation time, ties in the order the API
 * lists them): of two concurrent rotations, the later one's token survives instead of each
 * revoking the other's. A token already gone (404) counts as revoked. The plan lists what it
 * would revoke, from GETs only; the result lists the revoked token ids, never a secret.
 */
public final class RevokePreviousTokensStep implements OnboardingStep, EngineStep {

  private static final Logger log = LoggerFactory.getLogger(RevokePreviousTokensStep.class);

  RevokePreviousTokensStep() {}

  @Override
  public String name() {
    return Steps.REVOKE_PREVIOUS_TOKENS;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(Steps.VERIFY_TOKEN);
  }

  @Override
  public Set<String> planDependsOn() {
    return Set.of(Steps.SERVICE_PRINCIPAL);
  }

  @Override
  public void prefetch(StepContext context) {}

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    if (ctx.isNewServicePrincipal()) {
      return StepPlan.noOp(name(), "new service principal has no older token of ours to revoke");
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    List<String> ids = new ArrayList<>();
    long now = ctx.now().toEpochMilli();
    for (JsonNode info : OboTokenStep.listTokens(ctx, name())) {
      if (OboTokenStep.isOurs(info, sp) && isValid(info, now)) {
        ids.add(info.path("token_id").asText());
      }
    }
    if (ids.isEmpty()) {
      return StepPlan.noOp(name(), "no older valid token of ours to revoke");
    }
    return StepPlan.update(name(), "after the new token verifies, revoke " + ids.size() + " older token(s) of ours: " + ids);
  }

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    Optional<TokenDetails> mine = ctx.token().filter(TokenDetails::minted);
    if (mine.isEmpty() || ctx.secret().isEmpty()) {
      return new StepResult.Skipped(name(), "no new verified token: revoked nothing");
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    String mineId = mine.get().id();
    List<JsonNode> ours = new ArrayList<>();
    for (JsonNode info : OboTokenStep.listTokens(ctx, name())) {
      if (OboTokenStep.isOurs(info, sp)) {
        ours.add(info);
      }
    }
    // A stable sort keeps the listing order for equal creation times.
    ours.sort(Comparator.comparingLong(info -> info.path("creation_time").asLong(Long.MAX_VALUE)));
    int position = -1;
    for (int i = 0; i < ours.size(); i++) {
      if (ours.get(i).path("token_id").asText().equals(mineId)) {
        position = i;
      }
    }
    if (position < 0) {
      throw new OnboardingException(
          name() + ": the new token " + mineId + " is not listed any more (revoked by someone else?); revoked nothing. "
              + "Re-run with rotateToken() to mint and verify another one.");
    }
    long now = ctx.now().toEpochMilli();
    List<String> revoked = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (JsonNode info : ours.subList(0, position)) {
      if (!isValid(info, now)) {
        continue;
      }
      String id = info.path("token_id").asText();
      try {
        ctx.workspace().call(ApiRequest.delete(name(), OboTokenStep.TOKENS_PATH + "/" + id));
        revoked.add(id);
      } catch (CasApiException e) {
        if (e.statusCode() != 404) {
          throw e;
        }
        gone.add(id); // revoked meanwhile (e.g. by a concurrent rotation): the goal is reached
      }
    }
    log.debug("{}: revoked {} token(s), {} already gone", name(), revoked.size(), gone.size());
    if (revoked.isEmpty() && gone.isEmpty()) {
      return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, "no older valid token of ours; kept " + mineId);
    }
    return new StepResult.Completed(
        name(), revoked.isEmpty() ? StepResult.Change.UNCHANGED : StepResult.Change.UPDATED,
        "revoked " + revoked.size() + " older token(s) of ours: " + revoked
            + (gone.isEmpty() ? "" : "; already gone: " + gone) + "; kept " + mineId);
  }

  /** True when the token never expires or has not expired at {@code nowMillis}. */
  private static boolean isValid(JsonNode info, long nowMillis) {
    long expiry = info.path("expiry_time").asLong(-1);
    return expiry <= 0 || expiry > nowMillis;
  }
}
