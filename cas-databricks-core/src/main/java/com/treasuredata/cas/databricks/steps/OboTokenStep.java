package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingStep;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.PlannedAction;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.TokenDetails;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.EngineStep;
import com.treasuredata.cas.databricks.internal.engine.Propagation;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints a personal access token on behalf of the service principal
 * ({@code POST /api/2.0/token-management/on-behalf-of/tokens}) with an explicit lifetime, checked
 * before any write against the workspace's {@code maxTokenLifetimeDays}, and a comment that tags
 * it as ours: {@code cas-databricks <applicationId> <run id>}.
 *
 * <p>The value is returned once, as a {@link Secret}. Under the default {@link TokenPolicy} a valid
 * token of ours (our tag, and no expiry or enough lifetime left) is reused instead, and the result
 * says its secret cannot be read back. When a mint's response is lost, the step lists tokens,
 * revokes the ones carrying this run's tag (nobody holds their value) and mints again. After a mint
 * it lists tokens once more: when a concurrent run minted one of ours too, the earlier one is kept
 * and this run revokes its own (the result then reports the kept token, without a secret).
 */
public final class OboTokenStep implements OnboardingStep, EngineStep {

  private static final Logger log = LoggerFactory.getLogger(OboTokenStep.class);
  static final String OBO_PATH = "/api/2.0/token-management/on-behalf-of/tokens";
  static final String TOKENS_PATH = "/api/2.0/token-management/tokens";
  static final String TAG = "cas-databricks";
  private static final String REUSE = "obo-token.reuse";
  private static final String SEEN = "obo-token.seen";
  private static final long PLATFORM_MAX_DAYS = 730;

  private final TokenPolicy policy;

  OboTokenStep(TokenPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Returns the token policy. */
  public TokenPolicy policy() {
    return policy;
  }

  @Override
  public String name() {
    return Steps.OBO_TOKEN;
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(Steps.TOKEN_USAGE);
  }

  @Override
  public Set<String> planDependsOn() {
    return Set.of(Steps.SERVICE_PRINCIPAL);
  }

  @Override
  public void prefetch(StepContext context) {
    RunContext ctx = RunContext.of(context);
    SharedReads.prefetchWorkspaceConf(ctx);
  }

  @Override
  public StepPlan plan(StepContext context) {
    RunContext ctx = RunContext.of(context);
    checkLifetime(SharedReads.workspaceConf(ctx));
    ctx.put(VerifyTokenStep.PLANNED_MINT, Boolean.TRUE);
    String lifetime = describe(policy.lifetime());
    if (ctx.isNewServicePrincipal()) {
      return StepPlan.create(name(), "new service principal has no token: mint one valid for " + lifetime);
    }
    if (policy.revokePrevious()) {
      return StepPlan.create(name(), "rotateToken(): mint one valid for " + lifetime + "; " + Steps.REVOKE_PREVIOUS_TOKENS
          + " revokes the older tokens of ours once it verified");
    }
    if (policy.alwaysNew()) {
      return StepPlan.create(name(), "alwaysNewToken(): mint one valid for " + lifetime);
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    Instant needed = ctx.now().plus(policy.minRemaining());
    TokenDetails best = null;
    int ours = 0;
    Set<String> seen = new HashSet<>();
    for (JsonNode info : listTokens(ctx)) {
      if (!isOurs(info, sp)) {
        continue;
      }
      ours++;
      seen.add(info.path("token_id").asText());
      long expiry = info.path("expiry_time").asLong(0);
      boolean valid = expiry == -1 || Instant.ofEpochMilli(expiry).isAfter(needed);
      if (valid && (best == null || expiry == -1 || (best.expiresAt().isPresent() && Instant.ofEpochMilli(expiry).isAfter(best.expiresAt().get())))) {
        best = details(info, false);
      }
    }
    ctx.put(SEEN, Set.copyOf(seen));
    if (best != null) {
      ctx.put(REUSE, best);
      ctx.put(VerifyTokenStep.PLANNED_MINT, Boolean.FALSE);
      return StepPlan.noOp(
          name(), "reusing our token " + best.id() + " (expires " + best.expiresAt().map(Object::toString).orElse("never")
              + "); its secret cannot be read back. Use alwaysNewToken() to mint a new one");
    }
    return StepPlan.create(
        name(), (ours == 0 ? "no token of ours" : ours + " token(s) of ours with less than " + describe(policy.minRemaining()) + " left")
            + ": mint one valid for " + lifetime);
  }

  @Override
  public StepResult apply(StepContext context, StepPlan plan) {
    RunContext ctx = RunContext.of(context);
    if (plan.action() == PlannedAction.NO_OP) {
      TokenDetails reused = ctx.get(REUSE, TokenDetails.class).orElseThrow();
      ctx.token(reused, Optional.empty());
      return new StepResult.Completed(name(), StepResult.Change.UNCHANGED, plan.reason());
    }
    ServicePrincipalRef sp = ctx.requireServicePrincipal();
    String comment = TAG + " " + sp.applicationId() + " " + ctx.runId();
    for (int attempt = 1; ; attempt++) {
      try {
        JsonNode response = mint(ctx, sp, comment);
        String value = response.path("token_value").asText("");
        if (value.isEmpty()) {
          throw new OnboardingException(name() + ": the on-behalf-of response carried no token_value; nothing to return");
        }
        TokenDetails details = details(response.path("token_info"), true);
        Secret secret = Secret.of(value);
        AtomicBoolean revokedOurs = new AtomicBoolean();
        if (!policy.alwaysNew()) {
          // The check for a concurrent run's token is one more round trip; verify's SCIM Me call goes
          // out at the same time so that the check does not lengthen the dependent chain.
          ctx.put(VerifyTokenStep.PENDING_ME,
              CompletableFuture.supplyAsync(() -> VerifyTokenStep.me(ctx, secret, revokedOurs::get), ctx.executor()));
        }
        Optional<TokenDetails> earlier = policy.alwaysNew() ? Optional.empty() : mintedEarlierByAnotherRun(ctx, sp, details);
        if (earlier.isPresent()) {
          // A concurrent run minted one too: keep one valid token of ours, the earlier; revoke ours.
          revokedOurs.set(true);
          ctx.workspace().call(ApiRequest.delete(name(), TOKENS_PATH + "/" + details.id()));
          ctx.token(earlier.get(), Optional.empty());
          return new StepResult.Completed(
              name(), StepResult.Change.UNCHANGED,
              "a concurrent run minted token " + earlier.get().id() + " first; revoked ours (" + details.id()
                  + ") so that one valid token remains; its secret went to that run and cannot be read back");
        }
        ctx.token(details, Optional.of(secret));
        return new StepResult.Completed(
            name(), StepResult.Change.CREATED,
            "minted token " + details.id() + " (expires " + details.expiresAt().map(Object::toString).orElse("never") + ")");
      } catch (OnboardingTransportException | CasApiException e) {
        if (!ServicePrincipalStep.isAmbiguous(e)) {
          throw e;
        }
        // The token may exist while nobody holds its value: revoke what this run's tag finds, then mint again.
        int revoked = revokeOrphans(ctx, comment);
        log.debug("{}: mint attempt {} ended ambiguously; revoked {} orphan token(s)", name(), attempt, revoked);
        if (attempt >= 2) {
          throw e;
        }
      }
    }
  }

  private JsonNode mint(RunContext ctx, ServicePrincipalRef sp, String comment) {
    ObjectNode body = Json.object();
    body.put("application_id", sp.applicationId());
    body.put("lifetime_seconds", policy.lifetime().getSeconds());
    body.put("comment", comment);
    return ctx.untilPropagated(
        name(),
        e -> Propagation.isPropagationError(e) || Propagation.isTokenPermissionLag(e),
        () -> ctx.workspace().call(ApiRequest.write(name(), "POST", OBO_PATH, body, ApiRequest.Safety.CREATE)));
  }

  /**
   * Returns the valid token of ours that another run minted before {@code mine}, if any: tokens of
   * ours this run did not see while planning, ordered by creation time (ties in the order the API
   * lists them). Every concurrent run applies the same order, so all keep the same token.
   */
  private Optional<TokenDetails> mintedEarlierByAnotherRun(RunContext ctx, ServicePrincipalRef sp, TokenDetails mine) {
    @SuppressWarnings("unchecked")
    Set<String> seen = ctx.get(SEEN, Set.class).orElse(Set.of());
    long now = ctx.now().toEpochMilli();
    List<JsonNode> candidates = new ArrayList<>();
    for (JsonNode info : listTokens(ctx)) {
      long expiry = info.path("expiry_time").asLong(0);
      if (isOurs(info, sp) && !seen.contains(info.path("token_id").asText()) && (expiry == -1 || expiry > now)) {
        candidates.add(info);
      }
    }
    candidates.sort(Comparator.comparingLong(info -> info.path("creation_time").asLong(Long.MAX_VALUE)));
    if (candidates.isEmpty() || candidates.get(0).path("token_id").asText().equals(mine.id())) {
      return Optional.empty();
    }
    return Optional.of(details(candidates.get(0), false));
  }

  private int revokeOrphans(RunContext ctx, String comment) {
    int revoked = 0;
    for (JsonNode info : listTokens(ctx)) {
      if (comment.equals(info.path("comment").asText())) {
        String id = info.path("token_id").asText();
        try {
          ctx.workspace().call(ApiRequest.delete(name(), TOKENS_PATH + "/" + id));
          revoked++;
        } catch (CasApiException e) {
          if (e.statusCode() != 404) {
            throw e;
          }
        }
      }
    }
    return revoked;
  }

  private void checkLifetime(Map<String, String> conf) {
    String raw = conf.get("maxTokenLifetimeDays");
    long maxDays = PLATFORM_MAX_DAYS;
    if (raw != null && !raw.isBlank()) {
      try {
        maxDays = Long.parseLong(raw.trim());
      } catch (NumberFormatException e) {
        log.debug("maxTokenLifetimeDays is not a number; assuming the platform maximum");
      }
    }
    if (maxDays > 0 && policy.lifetime().compareTo(Duration.ofDays(maxDays)) > 0) {
      throw new OnboardingException(
          "token lifetime " + describe(policy.lifetime()) + " is above this workspace's maxTokenLifetimeDays=" + maxDays
              + "; choose at most " + maxDays + " days, or ask a workspace admin to raise the limit. Nothing was written.");
    }
  }

  private List<JsonNode> listTokens(RunContext ctx) {
    return listTokens(ctx, name());
  }

  /** Lists the workspace's tokens ({@code token_infos}) on behalf of {@code step}. */
  static List<JsonNode> listTokens(RunContext ctx, String step) {
    List<JsonNode> out = new ArrayList<>();
    ctx.workspace().call(ApiRequest.get(step, TOKENS_PATH)).path("token_infos").forEach(out::add);
    return out;
  }

  /** True when the token carries our tag for the service principal {@code sp}. */
  static boolean isOurs(JsonNode info, ServicePrincipalRef sp) {
    String comment = info.path("comment").asText("");
    return comment.equals(TAG + " " + sp.applicationId()) || comment.startsWith(TAG + " " + sp.applicationId() + " ");
  }

  private static TokenDetails details(JsonNode info, boolean minted) {
    long expiry = info.path("expiry_time").asLong(-1);
    return new TokenDetails(
        info.path("token_id").asText(""),
        expiry <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiry)),
        minted,
        info.path("comment").asText(""));
  }

  static String describe(Duration d) {
    if (d.toSeconds() % 86400 == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    return d.toString();
  }
}
