package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.engine.EngineStep;
import com.treasuredata.cas.databricks.internal.engine.Propagation;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * Proves the freshly minted token works and belongs to the service principal: with the new token,
 * {@code GET /api/2.0/preview/scim/v2/Me} must answer {@code userName} equal to the
 * applicationId. Skipped when the token step reused a token, whose value cannot be read back.
 */
public final class VerifyTokenStep implements OnboardingStep, EngineStep {

  static final String ME = "/api/2.0/preview/scim/v2/Me";

  VerifyTokenStep() {}

  @Override
  public String name() {
    return Steps.VERIFY_TOKEN;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(Steps.OBO_TOKEN);
  }

  @Override
  public Set<String> planDependsOn() {
    return Set.of(Steps.OBO_TOKEN);
  }

  @Override
  public void prefetch(StepContext context) {}

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    boolean minting = ctx.get(PLANNED_MINT, Boolean.class).orElse(true);
    return minting
        ? StepPlan.noOp(name(), "reads only: will call SCIM Me with the new token and compare userName with the applicationId")
        : StepPlan.skip(name(), "no new token: an existing token's secret cannot be read back, so it cannot be used to verify");
  }

  /** A SCIM Me call the token step started right after minting (see {@link OboTokenStep}). */
  static final String PENDING_ME = "verify-token.pending-me";

  /** Calls SCIM Me with {@code token}, retrying while a fresh token or principal propagates, unless {@code abandoned}. */
  static JsonNode me(RunContext ctx, Secret token, BooleanSupplier abandoned) {
    return ctx.untilPropagated(
        Steps.VERIFY_TOKEN,
        e -> !abandoned.getAsBoolean() && (Propagation.isInvalidToken(e) || Propagation.isPropagationError(e)),
        () -> ctx.connectWithToken(token).call(ApiRequest.get(Steps.VERIFY_TOKEN, ME)));
  }

  private static JsonNode join(CompletableFuture<JsonNode> pending) {
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause(); // an Error ends the run, as it does on the step's own thread
      }
      throw e;
    }
  }

  /** Set by the engine-level token plan (see {@link OboTokenStep}); absent means a token is minted. */
  static final String PLANNED_MINT = "obo-token.mint";

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    Optional<Secret> token = ctx.secret();
    if (plan.action() == PlannedAction.SKIP || token.isEmpty()) {
      return new StepResult.Skipped(name(), "no new token to verify");
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    @SuppressWarnings("unchecked")
    CompletableFuture<JsonNode> pending = ctx.get(PENDING_ME, CompletableFuture.class).orElse(null);
    JsonNode me = pending != null ? join(pending) : me(ctx, token.get(), () -> false);
    String userName = me.path("userName").asText("");
    if (!sp.applicationId().equalsIgnoreCase(userName)) {
      throw new OnboardingException(
          "the new token authenticates as '" + userName + "', not as the service principal (applicationId " + sp.applicationId()
              + "). Do not hand it to CAS; revoke token " + ctx.token().map(t -> t.id()).orElse("?")
              + " (DELETE /api/2.0/token-management/tokens/{id}) and check the service principal.");
    }
    return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, "the new token authenticates as " + userName);
  }
}
