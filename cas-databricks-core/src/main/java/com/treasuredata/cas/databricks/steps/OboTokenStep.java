package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.TokenMode;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Durations;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints a personal access token on behalf of the service principal
 * ({@code POST /api/2.0/token-management/on-behalf-of/tokens}) with an explicit lifetime, checked
 * before any write against the workspace's {@code maxTokenLifetimeDays}, and a comment that tags
 * it as ours: {@code cas-databricks <applicationId> <run id>}.
 *
 * <p>The value is returned once, as a {@link Secret}. Under {@link TokenMode#REUSE_OR_MINT} a token
 * of ours (owned by the service principal and tagged) is reused instead when it has at least
 * {@link TokenPolicy#minRemaining()} left and expires no later than the requested lifetime and the
 * workspace's current maximum from now (plus a small skew); the result then says its secret cannot
 * be read back. Personal access tokens disabled ({@code enableTokensConfig=false}) stop the run in
 * the plan. The mint is a create reconciled by its tag: when its response is lost, the
 * tokens carrying this run's tag are revoked (nobody holds their value) before it is sent again.
 */
final class OboTokenStep extends BuiltInStep<OboTokenStep.Mint> {

  private static final Logger log = LoggerFactory.getLogger(OboTokenStep.class);
  private static final long PLATFORM_MAX_DAYS = 730;
  /** Clock skew tolerated between this machine and the workspace when judging a token's expiry. */
  static final Duration EXPIRY_SKEW = Duration.ofMinutes(5);

  /** The plan's payload: mint a token of this lifetime; the ids of our tokens the plan saw. */
  record Mint(Duration lifetime, Set<String> seenTokenIds) {
    Mint {
      seenTokenIds = Set.copyOf(seenTokenIds);
    }
  }

  private final TokenPolicy policy;

  OboTokenStep(TokenPolicy policy) {
    super(Steps.OBO_TOKEN, Set.of(Steps.TOKEN_USAGE), Set.of(Steps.SERVICE_PRINCIPAL), List.of(SharedReads.WORKSPACE_CONF));
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public List<SharedRead<?>> prefetch() {
    return policy.mode() == TokenMode.REUSE_OR_MINT
        ? prefetchWhenExisting(List.of(SharedReads.WORKSPACE_CONF), List.of(SharedReads.TOKENS))
        : List.of(SharedReads.WORKSPACE_CONF);
  }

  @Override
  List<BuiltInStep<?>> healthChecks(HealthChecks.Options options) {
    return List.of(new IdentityChecks.TokenCheck(options));
  }

  @Override
  public StepPlan<Mint> plan(StepContext ctx) {
    Map<String, String> conf = ctx.read(SharedReads.WORKSPACE_CONF);
    if ("false".equalsIgnoreCase(conf.getOrDefault("enableTokensConfig", "").trim())) {
      throw new OnboardingException(
          "personal access tokens are disabled in this workspace (enableTokensConfig=false), so no token can be minted and CAS"
              + " cannot connect with one. Ask a workspace admin to enable them (Settings, Advanced, Personal Access Tokens),"
              + " or decide withoutToken(). Nothing was written.");
    }
    long maxDays = checkLifetime(conf);
    String lifetime = Durations.describe(policy.lifetime());
    boolean fresh = ctx.output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false);
    servicePrincipalPlanned();
    if (fresh) {
      return StepPlan.create("new service principal has no token: mint one valid for " + lifetime, new Mint(policy.lifetime(), Set.of()));
    }
    if (policy.mode() == TokenMode.ROTATE) {
      return StepPlan.create("rotateToken(): mint one valid for " + lifetime + "; " + Steps.REVOKE_PREVIOUS_TOKENS
          + " revokes the older tokens of ours once it verified", new Mint(policy.lifetime(), Set.of()));
    }
    if (policy.mode() == TokenMode.ALWAYS_MINT) {
      return StepPlan.create("alwaysNewToken(): mint one valid for " + lifetime, new Mint(policy.lifetime(), Set.of()));
    }
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    Instant needed = ctx.now().plus(policy.minRemaining());
    // A token lasting longer than asked, or than the workspace now allows, is replaced rather than reused.
    Instant latest = ctx.now().plus(policy.lifetime()).plus(EXPIRY_SKEW);
    if (maxDays > 0) {
      Instant workspaceLatest = ctx.now().plus(Duration.ofDays(maxDays)).plus(EXPIRY_SKEW);
      latest = workspaceLatest.isBefore(latest) ? workspaceLatest : latest;
    }
    TokenInfo best = null;
    int ours = 0;
    int tooLong = 0;
    Set<String> seen = new HashSet<>();
    for (JsonNode info : ctx.read(SharedReads.TOKENS)) {
      if (!OurTokens.isOurs(info, sp)) {
        continue;
      }
      ours++;
      TokenInfo token = OurTokens.details(info, false);
      seen.add(token.id());
      if (token.expiresAt().isEmpty() || token.expiresAt().get().isAfter(latest)) {
        tooLong++;
        continue;
      }
      if (token.isValidAt(needed) && (best == null || later(token, best))) {
        best = token;
      }
    }
    if (best != null) {
      ctx.publish(RunKey.TOKEN, best);
      return StepPlan.noOp(
          "reusing our token " + best.id() + " (expires " + OurTokens.expiry(best)
              + "); its secret cannot be read back. Use alwaysNewToken() to mint a new one");
    }
    return StepPlan.create(
        (ours == 0 ? "no token of ours"
            : ours + " token(s) of ours, none with between " + Durations.describe(policy.minRemaining()) + " and "
                + Durations.describe(policy.lifetime()) + " left" + (tooLong > 0 ? " (" + tooLong + " last longer than asked or than the workspace allows)" : ""))
            + ": mint one valid for " + lifetime,
        new Mint(policy.lifetime(), seen));
  }

  /** True when {@code a} expires later than {@code b}; no expiry counts as latest. */
  private static boolean later(TokenInfo a, TokenInfo b) {
    return b.expiresAt().isPresent() && (a.expiresAt().isEmpty() || a.expiresAt().get().isAfter(b.expiresAt().get()));
  }

  @Override
  public StepOutcome apply(StepContext ctx, Mint mint) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    String comment = OurTokens.TAG + " " + sp.applicationId() + " " + ctx.runId();
    ObjectNode body = Json.object();
    body.put("application_id", sp.applicationId());
    body.put("lifetime_seconds", mint.lifetime().getSeconds());
    body.put("comment", comment);
    OurTokens.putScopes(body, policy.scopes());
    JsonNode response;
    try {
      response = sendMint(ctx, body, comment);
    } catch (CasApiException e) {
      if (!OurTokens.isOboNotEnabled(e)) {
        throw e;
      }
      log.info("{}: on-behalf-of tokens are not enabled here (Azure); the service principal mints its own instead", ctx.stepName());
      return BootstrapTokenStep.mint(ctx, policy, mint, null);
    }
    String value = response.path("token_value").asText("");
    if (value.isEmpty()) {
      throw new OnboardingException(ctx.stepName() + ": the on-behalf-of response carried no token_value; nothing to return");
    }
    TokenInfo details = OurTokens.details(response.path("token_info"), true);
    ctx.publish(RunKey.TOKEN_SECRET, Secret.of(value));
    ctx.publish(RunKey.TOKEN, details);
    ctx.publish(OurTokens.SEEN, new OurTokens.Seen(mint.seenTokenIds()));
    String owner = response.path("token_info").path("owner_id").asText("");
    if (!owner.isEmpty()) {
      ctx.publish(OurTokens.MINTED_OWNER, owner);
    }
    return StepOutcome.created("minted token " + details.id() + " (expires " + OurTokens.expiry(details) + ")");
  }

  private static JsonNode sendMint(StepContext ctx, ObjectNode body, String comment) {
    return ctx.untilVisible(
            Set.of(ErrorCategory.TOKEN_USAGE),
            () -> ctx.workspace().send(
                Write.post(OurTokens.OBO_PATH, body)
                    .reconciledBy(
                        api -> {
                          // The token may exist while nobody holds its value: revoke what this run's tag finds, then mint again.
                          int revoked = revokeTagged(ctx, comment);
                          log.debug("{}: mint ended ambiguously; revoked {} orphan token(s)", ctx.stepName(), revoked);
                          return Optional.empty();
                        })));
  }

  private static int revokeTagged(StepContext ctx, String comment) {
    int revoked = 0;
    for (JsonNode info : OurTokens.list(ctx.workspace())) {
      if (comment.equals(info.path("comment").asText()) && OurTokens.isOwnedBy(info, ctx.require(RunKey.SERVICE_PRINCIPAL))) {
        try {
          ctx.workspace().send(Write.delete(OurTokens.TOKENS_PATH + "/" + info.path("token_id").asText()).idempotent());
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

  /** Checks the lifetime against {@code maxTokenLifetimeDays} and returns that maximum (0 or less: none set). */
  private long checkLifetime(Map<String, String> conf) {
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
          "token lifetime " + Durations.describe(policy.lifetime()) + " is above this workspace's maxTokenLifetimeDays=" + maxDays
              + "; choose at most " + maxDays + " days, or ask a workspace admin to raise the limit. Nothing was written.");
    }
    return raw == null || raw.isBlank() ? 0 : maxDays;
  }
}
