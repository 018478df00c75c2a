package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.TokenScopes;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the token steps list tokens and recognise ours: owned by the service principal
 * ({@code owner_id}) and tagged {@code cas-databricks <applicationId> [run id]} in the comment.
 */
final class OurTokens {

  static final String OBO_PATH = "/api/2.0/token-management/on-behalf-of/tokens";
  static final String TOKENS_PATH = "/api/2.0/token-management/tokens";
  static final String TAG = "cas-databricks";

  /** The ids of the tokens of ours that the token step's plan saw, for the check for a concurrent run's token. */
  record Seen(Set<String> ids) {
    Seen {
      ids = Set.copyOf(ids);
    }
  }

  static final RunKey<Seen> SEEN = RunKey.of("token-ids-seen-while-planning", Seen.class);

  /** The {@code owner_id} the mint answered for the new token (the service principal's id), when it answered one. */
  static final RunKey<String> MINTED_OWNER = RunKey.of("minted-token-owner", String.class);

  private OurTokens() {}

  /** Lists the workspace's tokens ({@code token_infos}). */
  static List<JsonNode> list(DatabricksApi workspace) {
    List<JsonNode> out = new ArrayList<>();
    workspace.get(TOKENS_PATH).path("token_infos").forEach(out::add);
    return out;
  }

  /**
   * True when the token is ours: its owner ({@code owner_id}) is the service principal {@code sp}
   * and its comment carries our tag for {@code sp}. A comment can be copied by anyone, so the tag
   * alone never makes a token ours; a token without {@code owner_id} is never ours.
   */
  static boolean isOurs(JsonNode info, ServicePrincipalRef sp) {
    return isTagged(info, sp) && isOwnedBy(info, sp);
  }

  /**
   * True when the comment carries our tag for {@code sp}. Enough only in the caller's own token list
   * ({@code /api/2.0/token/list} as the service principal), where every token is the caller's.
   */
  static boolean isTagged(JsonNode info, ServicePrincipalRef sp) {
    String comment = info.path("comment").asText("");
    return comment.equals(TAG + " " + sp.applicationId()) || comment.startsWith(TAG + " " + sp.applicationId() + " ");
  }

  /** True when {@code owner_id} is the SCIM id of {@code sp}. */
  static boolean isOwnedBy(JsonNode info, ServicePrincipalRef sp) {
    String owner = info.path("owner_id").asText("");
    return !owner.isEmpty() && owner.equals(sp.id());
  }

  static TokenInfo details(JsonNode info, boolean minted) {
    return TokenInfo.from(info, minted);
  }

  static String expiry(TokenInfo token) {
    return token.expiresAt().map(Object::toString).orElse("never");
  }

  /** Adds what {@code scopes} asks for to a mint body: {@code scopes} and {@code autoscope_enabled}, when set. */
  static void putScopes(ObjectNode body, TokenScopes scopes) {
    if (!scopes.scopes().isEmpty()) {
      ArrayNode list = body.putArray("scopes");
      scopes.scopes().forEach(list::add);
    }
    scopes.autoscopeEnabled().ifPresent(enabled -> body.put("autoscope_enabled", enabled));
  }

  /** True for the error a workspace without on-behalf-of tokens (Azure) answers. */
  static boolean isOboNotEnabled(CasApiException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    return m.contains("on-behalf-of token creation") && m.contains("not enabled");
  }

  /** True when the token info carries scope fields (a workspace with token scopes). */
  static boolean hasScopeFields(JsonNode info) {
    return info.has("scopes") || info.has("autoscope_state");
  }

  /** True when the token can mint its successor: no scope list, or one with {@code authentication}. */
  static boolean canRenew(JsonNode info) {
    JsonNode scopes = info.get("scopes");
    if (scopes == null || !scopes.isArray() || scopes.isEmpty()) {
      return true;
    }
    for (JsonNode s : scopes) {
      if (s.asText().equals(TokenScopes.AUTHENTICATION)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What to tell about a valid token of ours: no right to renew, auto-scoping under way, expiry
   * within {@code warnBefore}, or close to the 90-day revocation of unused tokens; each with what to do.
   */
  static List<String> notices(JsonNode info, Instant now, Duration warnBefore) {
    List<String> out = new ArrayList<>();
    TokenInfo token = TokenInfo.from(info, false);
    String id = token.id();
    if (!canRenew(info)) {
      out.add("token " + id + " has scopes " + info.get("scopes") + " without '" + TokenScopes.AUTHENTICATION
          + "': it cannot mint its successor. A workspace admin must mint a new one (CasOnboarding with rotateToken()).");
    } else if ("AUTOSCOPE_STATE_RUNNING".equals(info.path("autoscope_state").asText())) {
      out.add("token " + id + " is being auto-scoped: after its observation period it keeps only the APIs it was seen using"
          + " and loses the right to renew. Renew it now; renewed tokens ask for auto-scoping off (TokenScopes).");
    }
    if (token.expiresAt().isPresent() && token.expiresAt().get().isBefore(now.plus(warnBefore))) {
      out.add("token " + id + " expires at " + token.expiresAt().get() + ": renew it before then (TokenRenewal).");
    }
    long lastUsed = info.path("last_used_day").asLong(0);
    if (lastUsed > 0) {
      Instant revokedAt = Instant.ofEpochMilli(lastUsed).plus(Duration.ofDays(IDLE_DAYS));
      if (revokedAt.isBefore(now.plus(warnBefore))) {
        out.add("token " + id + " was last used on " + Instant.ofEpochMilli(lastUsed) + "; unused tokens are revoked after "
            + IDLE_DAYS + " days, at about " + revokedAt + ": use or renew it before then.");
      }
    }
    return out;
  }

  static final long IDLE_DAYS = 90;

  /** Publishes the token a create answered ({@code token_value}, {@code token_info}) and returns its details. */
  static TokenInfo publishMinted(com.treasuredata.cas.databricks.StepContext ctx, JsonNode response, String api) {
    String value = response.path("token_value").asText("");
    if (value.isEmpty()) {
      throw new com.treasuredata.cas.databricks.OnboardingException(ctx.stepName() + ": the " + api + " response carried no token_value; nothing to return");
    }
    TokenInfo details = TokenInfo.from(response.path("token_info"), true);
    ctx.publish(RunKey.TOKEN_SECRET, com.treasuredata.cas.databricks.Secret.of(value));
    ctx.publish(RunKey.TOKEN, details);
    return details;
  }
}
