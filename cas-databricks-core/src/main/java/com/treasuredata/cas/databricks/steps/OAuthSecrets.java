package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OAuth M2M secrets of the service principal: the account API with an account admin, else the
 * workspace-level proxy ({@code /api/2.0/accounts/servicePrincipals/{id}/credentials/secrets}) with
 * the workspace admin. At most 5 per service principal, each valid at most 730 days.
 */
final class OAuthSecrets {

  static final int MAX_SECRETS = 5;
  static final Duration MAX_LIFETIME = Duration.ofDays(730);

  private OAuthSecrets() {}

  private static String path(StepContext ctx, ServicePrincipalRef sp) {
    if (ctx.account().isPresent() && ctx.accountId().isPresent()) {
      return "/api/2.0/accounts/" + ctx.accountId().get() + "/servicePrincipals/" + sp.id() + "/credentials/secrets";
    }
    return "/api/2.0/accounts/servicePrincipals/" + sp.id() + "/credentials/secrets";
  }

  private static DatabricksApi api(StepContext ctx) {
    return ctx.account().isPresent() && ctx.accountId().isPresent() ? ctx.account().get() : ctx.workspace();
  }

  /** Lists the active, unexpired secrets, oldest first. */
  static List<JsonNode> active(StepContext ctx, ServicePrincipalRef sp) {
    List<JsonNode> out = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = api(ctx).get(path(ctx, sp), token == null ? Map.of() : Map.of("page_token", token));
      for (JsonNode s : page.path("secrets")) {
        Instant expires = parse(s.path("expire_time").asText(""));
        if (!"EXPIRED".equals(s.path("status").asText()) && (expires == null || expires.isAfter(ctx.now()))) {
          out.add(s);
        }
      }
      token = page.path("next_page_token").asText("");
    } while (!token.isEmpty());
    out.sort(Comparator.comparing(s -> s.path("create_time").asText("")));
    return out;
  }

  private static Instant parse(String text) {
    try {
      return text.isEmpty() ? null : Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Creates a secret valid for {@code lifetime}. The create is reconciled: when its answer is lost,
   * secrets that were not there before ({@code before}) are deleted (nobody holds their value)
   * before it is sent again.
   *
   * @return the response: {@code id}, {@code secret}, {@code expire_time}
   */
  static JsonNode create(StepContext ctx, ServicePrincipalRef sp, Duration lifetime, Set<String> before) {
    ObjectNode body = Json.object();
    body.put("lifetime", lifetime.getSeconds() + "s");
    return api(ctx).send(
        Write.post(path(ctx, sp), body)
            .reconciledBy(
                api -> {
                  for (JsonNode s : active(ctx, sp)) {
                    if (!before.contains(s.path("id").asText())) {
                      delete(ctx, sp, s.path("id").asText());
                    }
                  }
                  return Optional.empty();
                }));
  }

  /** Deletes secret {@code id}; false when it was already gone. */
  static boolean delete(StepContext ctx, ServicePrincipalRef sp, String id) {
    try {
      api(ctx).send(Write.delete(path(ctx, sp) + "/" + id).idempotent());
      return true;
    } catch (CasApiException e) {
      if (e.category() == ErrorCategory.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** Proves the secret: a client-credentials exchange, then SCIM Me must answer as the service principal. */
  static void verify(StepContext ctx, ServicePrincipalRef sp, Secret secret) {
    JsonNode me = ctx.untilVisible(Set.of(ErrorCategory.AUTHENTICATION), () -> ctx.workspaceAs(sp.applicationId(), secret).get(VerifyTokenStep.ME));
    String userName = me.path("userName").asText("");
    if (!sp.applicationId().equalsIgnoreCase(userName)) {
      throw new OnboardingException(
          ctx.stepName() + ": the OAuth secret authenticates as '" + userName + "', not as the service principal " + sp.applicationId());
    }
  }
}
