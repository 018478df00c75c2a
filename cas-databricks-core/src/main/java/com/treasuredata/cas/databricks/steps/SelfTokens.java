package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.TokenScopes;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens API as the caller itself (here the service principal, by its PAT or an OAuth token):
 * {@code POST /api/2.0/token/create}, {@code GET /api/2.0/token/list} (only the caller's tokens),
 * {@code POST /api/2.0/token/delete}. The same tag and reconciliation rules as the admin-side mint.
 */
final class SelfTokens {

  private static final Logger log = LoggerFactory.getLogger(SelfTokens.class);

  static final String CREATE = "/api/2.0/token/create";
  static final String LIST = "/api/2.0/token/list";
  static final String DELETE = "/api/2.0/token/delete";

  private SelfTokens() {}

  /** Lists the caller's own tokens ({@code token_infos}). */
  static List<JsonNode> list(DatabricksApi asCaller) {
    List<JsonNode> out = new ArrayList<>();
    asCaller.get(LIST).path("token_infos").forEach(out::add);
    return out;
  }

  /**
   * Mints a token for the caller, tagged {@code comment}. The create is reconciled by its tag: when
   * the answer is lost, the caller's tokens with this tag are revoked (nobody holds their value)
   * before it is sent again, so no orphan stays valid.
   *
   * @return the response: {@code token_value} and {@code token_info}
   * @throws OnboardingException with what to do when the token lacks the right to mint tokens
   */
  static JsonNode mint(String step, DatabricksApi asCaller, Duration lifetime, String comment, TokenScopes scopes) {
    ObjectNode body = Json.object();
    body.put("lifetime_seconds", lifetime.getSeconds());
    body.put("comment", comment);
    OurTokens.putScopes(body, scopes);
    try {
      return asCaller.send(
          Write.post(CREATE, body)
              .reconciledBy(
                  api -> {
                    int revoked = 0;
                    for (JsonNode info : list(api)) {
                      if (comment.equals(info.path("comment").asText()) && revoke(api, info.path("token_id").asText())) {
                        revoked++;
                      }
                    }
                    log.debug("{}: token create ended ambiguously; revoked {} orphan token(s)", step, revoked);
                    return Optional.empty();
                  }));
    } catch (CasApiException e) {
      if (e.category() == ErrorCategory.PERMISSION && e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("scope")) {
        throw new OnboardingException(
            step + ": the service principal's token may not create tokens: it lacks the '" + TokenScopes.AUTHENTICATION
                + "' scope (auto-scoping or a scoped token took it away). Nothing was created. A workspace admin must mint a new"
                + " token: CasOnboarding with rotateToken() and TokenPolicy.withScopes(..).", e);
      }
      throw e;
    }
  }

  /** Revokes the caller's token {@code id}; returns false when it was already gone. */
  static boolean revoke(DatabricksApi asCaller, String id) {
    ObjectNode body = Json.object();
    body.put("token_id", id);
    try {
      asCaller.send(Write.post(DELETE, body).idempotent());
      return true;
    } catch (CasApiException e) {
      if (e.statusCode() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) || "NOT_FOUND".equals(e.errorCode())) {
        return false;
      }
      throw e;
    }
  }
}
