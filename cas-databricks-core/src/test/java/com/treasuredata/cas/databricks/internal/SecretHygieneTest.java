package com.treasuredata.cas.databricks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.ApiRequest.Safety;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testing.FakeTokens;
import com.treasuredata.cas.databricks.testing.TestClock;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs PAT traffic (successes, retries, errors, a freshly minted token in a response) through the
 * real connector stack at DEBUG and scans everything a user could see for the token values.
 */
class SecretHygieneTest {

  private final Secret adminToken = FakeTokens.pat();
  private final Secret mintedToken = FakeTokens.pat();
  private final TestClock clock = TestClock.create();
  private final List<TransportRequest> sent = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  private final Transport fake =
      request -> {
        sent.add(request);
        int n = calls.incrementAndGet();
        String path = request.path();
        if (path.endsWith("/on-behalf-of/tokens")) {
          return TransportResponse.json(200, "{\"token_value\":\"" + mintedToken.reveal() + "\",\"token_info\":{\"token_id\":\"t1\"}}");
        }
        if (path.endsWith("/flaky") && n % 2 == 1) {
          return TransportResponse.json(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"busy\"}");
        }
        if (path.endsWith("/denied")) {
          return TransportResponse.json(403, "{\"error_code\":403,\"message\":\"Invalid access token.\"}");
        }
        return TransportResponse.json(200, "{\"userName\":\"app\"}");
      };

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  @Test
  void tokensNeverAppearInLogsExceptionsOrToStrings() {
    // given
    ClientSettings settings = ClientSettings.of(fake).withClock(clock).withSleeper(clock.sleeper())
        .withRetryPolicy(RetryPolicy.builder().maxAttempts(3).build());
    DatabricksTarget target = DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", adminToken);
    ApiCaller admin = Connector.connect(target, settings);
    List<String> seen = new ArrayList<>();

    // when
    admin.call(ApiRequest.get("lookup", "/api/2.0/preview/scim/v2/ServicePrincipals", java.util.Map.of("filter", "displayName eq \"x\"")));
    admin.call(ApiRequest.get("lookup", "/api/2.0/flaky"));
    var minted = admin.call(ApiRequest.write("obo-token", "POST", "/api/2.0/token-management/on-behalf-of/tokens",
        Json.object().put("application_id", "app").put("lifetime_seconds", 3600), Safety.CREATE));
    Secret fresh = Secret.of(minted.path("token_value").asText());
    ApiCaller verifier = Connector.connect(target.host(), fresh, settings);
    verifier.call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));
    for (ApiCaller caller : List.of(admin, verifier)) {
      try {
        caller.call(ApiRequest.get("verify", "/api/2.0/denied"));
      } catch (CasApiException e) {
        seen.add(stackTrace(e));
      }
    }
    try {
      Connector.connect(DatabricksTarget.pat("https://accounts.cloud.databricks.com", adminToken), settings);
    } catch (IllegalArgumentException e) {
      seen.add(stackTrace(e));
    }
    seen.add(target.toString());
    seen.add(settings.toString());
    seen.add(admin.toString());
    seen.add(fresh.toString());
    sent.forEach(request -> seen.add(request.toString()));

    // then
    assertThat(CapturedLogs.all()).hasSizeGreaterThanOrEqualTo(sent.size());
    assertThat(seen).hasSizeGreaterThan(sent.size());
    String everything = CapturedLogs.text() + "\n" + String.join("\n", seen);
    assertThat(adminToken.occursIn(everything)).as("admin token leaked").isFalse();
    assertThat(mintedToken.occursIn(everything)).as("minted token leaked").isFalse();
    // and the tokens did reach the wire, where they belong
    assertThat(sent.get(0).header("Authorization")).contains("Bearer " + adminToken.reveal());
    assertThat(sent).anySatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer " + mintedToken.reveal()));
  }

  @Test
  void anOnboardingExceptionFromAnErrorResponseCarriesNoBody() {
    // given
    Transport leaky = request -> TransportResponse.json(400,
        "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad\",\"token_value\":\"" + mintedToken.reveal() + "\"}");
    ApiCaller caller = Connector.connect(DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", adminToken),
        ClientSettings.of(leaky).withRetryPolicy(RetryPolicy.none()));

    // when
    OnboardingException error = org.assertj.core.api.Assertions.catchThrowableOfType(OnboardingException.class,
        () -> caller.call(ApiRequest.get("x", "/api/2.0/x")));

    // then
    assertThat(mintedToken.occursIn(stackTrace(error))).isFalse();
    assertThat(mintedToken.occursIn(CapturedLogs.text())).isFalse();
  }

  private static String stackTrace(Throwable throwable) {
    StringWriter out = new StringWriter();
    throwable.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
