package com.treasuredata.cas.databricks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testing.FakeTokens;
import com.treasuredata.cas.databricks.testing.TestClock;
import com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole stack on real loopback sockets: connector, interceptors, retries, OkHttp. */
class ConnectorWireTest {

  private final MockWebServer workspace = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private final TestClock clock = TestClock.create();
  private final Secret token = FakeTokens.pat();
  private ClientSettings settings;
  private DatabricksTarget target;

  @BeforeEach
  void start() throws IOException {
    workspace.start();
    elsewhere.start();
    settings = ClientSettings.of(OkHttpTransport.create())
        .withRetryPolicy(RetryPolicy.builder().jitter(0).build())
        .withClock(clock)
        .withSleeper(clock.sleeper());
    target = DatabricksTarget.pat("http://127.0.0.1:" + workspace.getPort(), token);
  }

  @AfterEach
  void stop() {
    workspace.close();
    elsewhere.close();
  }

  @Test
  void aThrottledReadIsRetriedOverTheWireWithTheTokenEachTime() throws Exception {
    // given
    workspace.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2")
        .body("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}").build());
    workspace.enqueue(new MockResponse.Builder().code(200).body("{\"Resources\":[]}").build());

    // when
    var body = Connector.connect(target, settings)
        .call(ApiRequest.get("lookup", "/api/2.0/preview/scim/v2/ServicePrincipals", java.util.Map.of("filter", "displayName eq \"TD CAS\"")));

    // then
    assertThat(body.path("Resources").isArray()).isTrue();
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2));
    for (int i = 0; i < 2; i++) {
      RecordedRequest recorded = workspace.takeRequest();
      assertThat(recorded.getTarget())
          .isEqualTo("/api/2.0/preview/scim/v2/ServicePrincipals?filter=displayName%20eq%20%22TD%20CAS%22");
      assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + token.reveal());
      assertThat(recorded.getHeaders().get("User-Agent")).startsWith("cas-databricks/");
    }
  }

  @Test
  void aRedirectToAnotherHostIsRefusedAndTheTokenNeverTravels() {
    // given
    workspace.enqueue(new MockResponse.Builder().code(307)
        .setHeader("Location", elsewhere.url("/api/2.0/preview/scim/v2/Me").toString()).build());

    // when
    CasApiException error = catchThrowableOfType(CasApiException.class,
        () -> Connector.connect(target, settings).call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me")));

    // then
    assertThat(error.errorCode()).isEqualTo("REDIRECT_REFUSED");
    assertThat(error).hasMessageContaining(":" + elsewhere.getPort()).hasMessageNotContaining("/scim/v2/Me refused");
    assertThat(workspace.getRequestCount()).isEqualTo(1);
    assertThat(elsewhere.getRequestCount()).isZero();
  }
}
