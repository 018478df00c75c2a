package com.treasuredata.cas.databricks.internal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.ApiCaller;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.ClientSettings;
import com.treasuredata.cas.databricks.internal.Connector;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testing.FakeTokens;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of the adapter against databricks-sdk-java 0.141.0: the SDK's OAuth M2M flow (host
 * metadata, OIDC discovery, client-credentials token) runs entirely over our transport.
 */
class SdkHttpClientAdapterTest {

  private static final String HOST = "http://127.0.0.1:9";
  private static final String CLIENT_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

  private final Secret clientSecret = FakeTokens.clientSecret();
  private final Secret accessToken = FakeTokens.pat();
  private final List<TransportRequest> sent = new ArrayList<>();
  private String tokenEndpoint = HOST + "/oidc/v1/token";
  private boolean serveHostMetadata = true;

  private final Transport fakeDatabricks =
      request -> {
        sent.add(request);
        String path = request.path();
        if (path.equals("/.well-known/databricks-config")) {
          return serveHostMetadata
              ? TransportResponse.json(200, "{\"oidc_endpoint\":\"" + HOST + "/oidc\"}")
              : TransportResponse.json(404, "{\"error_code\":\"NOT_FOUND\",\"message\":\"no\"}");
        }
        if (path.equals("/oidc/.well-known/oauth-authorization-server")) {
          return TransportResponse.json(200, "{\"token_endpoint\":\"" + tokenEndpoint + "\",\"authorization_endpoint\":\""
              + HOST + "/oidc/v1/authorize\"}");
        }
        if (path.equals("/oidc/v1/token")) {
          return TransportResponse.json(200, "{\"access_token\":\"" + accessToken.reveal()
              + "\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\",\"scope\":\"all-apis\"}");
        }
        return TransportResponse.json(200, "{\"userName\":\"" + CLIENT_ID + "\"}");
      };

  private final ClientSettings settings = ClientSettings.of(fakeDatabricks).withRetryPolicy(RetryPolicy.none());

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  @Test
  void oauthM2mTokensAreFetchedThroughOurTransportAndCached() {
    // given
    DatabricksTarget target = DatabricksTarget.oauth(HOST, CLIENT_ID, clientSecret);

    // when
    ApiCaller caller = Connector.connect(target, settings);
    caller.call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));
    caller.call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));

    // then
    List<String> lines = sent.stream().map(r -> r.method() + " " + r.path()).toList();
    assertThat(lines).containsSubsequence(
        "GET /.well-known/databricks-config",
        "GET /oidc/.well-known/oauth-authorization-server",
        "POST /oidc/v1/token",
        "GET /api/2.0/preview/scim/v2/Me",
        "GET /api/2.0/preview/scim/v2/Me");
    assertThat(lines).filteredOn(line -> line.equals("POST /oidc/v1/token")).hasSize(1); // cached
    TransportRequest token = sent.get(lines.indexOf("POST /oidc/v1/token"));
    String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + clientSecret.reveal()).getBytes(StandardCharsets.UTF_8));
    assertThat(token.header("Authorization")).contains("Basic " + basic);
    assertThat(token.header("Content-Type")).get().asString().startsWith("application/x-www-form-urlencoded");
    assertThat(token.body()).get().asString().contains("grant_type=client_credentials").contains("scope=all-apis");
    assertThat(sent).allSatisfy(r -> assertThat(r.header("User-Agent")).get().asString().startsWith("cas-databricks/"));
    assertThat(sent).filteredOn(r -> r.path().endsWith("/Me"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer " + accessToken.reveal()));
  }

  @Test
  void missingHostMetadataFallsBackToDefaultDiscovery() {
    // given
    serveHostMetadata = false;

    // when
    Connector.connect(DatabricksTarget.oauth(HOST, CLIENT_ID, clientSecret), settings)
        .call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));

    // then
    assertThat(sent).extracting(TransportRequest::path).contains("/oidc/.well-known/oauth-authorization-server", "/oidc/v1/token");
    assertThat(sent.get(sent.size() - 1).header("Authorization")).contains("Bearer " + accessToken.reveal());
  }

  @Test
  void aTokenEndpointOnAnotherHostNeverReceivesTheClientSecret() {
    // given
    tokenEndpoint = "https://evil.example.com/oidc/v1/token";

    // when / then
    assertThatThrownBy(() -> Connector.connect(DatabricksTarget.oauth(HOST, CLIENT_ID, clientSecret), settings)
            .call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me")))
        .isInstanceOf(OnboardingTransportException.class);
    assertThat(sent).noneMatch(r -> r.uri().getHost().equals("evil.example.com"));
    assertThat(sent).noneMatch(r -> r.path().equals("/api/2.0/preview/scim/v2/Me"));
  }

  @Test
  void sdkRequestsAndResponsesAreTranslatedFaithfully() throws IOException {
    // given
    SdkHttpClientAdapter adapter = new SdkHttpClientAdapter(URI.create(HOST), fakeDatabricks);
    Request request = new Request("POST", HOST + "/api/2.0/x", "{\"a\":1}")
        .withQueryParam("filter", "displayName eq \"x y\"")
        .withHeader("Content-Type", "application/json");

    // when
    Response response = adapter.execute(request);

    // then
    TransportRequest wire = sent.get(0);
    assertThat(wire.method()).isEqualTo("POST");
    assertThat(wire.uri().getRawQuery()).isEqualTo("filter=displayName+eq+%22x+y%22");
    assertThat(wire.body()).contains("{\"a\":1}");
    assertThat(wire.header("content-type")).contains("application/json");
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getFirstHeader("content-type")).isEqualTo("application/json");
    assertThat(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)).contains(CLIENT_ID);
  }

  @Test
  void requestsToAnotherOriginAreRefused() {
    // given
    SdkHttpClientAdapter adapter = new SdkHttpClientAdapter(URI.create(HOST), fakeDatabricks);

    // when / then
    assertThatThrownBy(() -> adapter.execute(new Request("GET", "http://127.0.0.1:10/x")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("only " + HOST + " is allowed");
    assertThat(sent).isEmpty();
  }

  @Test
  void theSdkTrafficNeverLogsTheClientSecretOrAccessToken() {
    // given
    DatabricksTarget target = DatabricksTarget.oauth(HOST, CLIENT_ID, clientSecret);

    // when
    Connector.connect(target, settings).call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));

    // then
    assertThat(CapturedLogs.all()).isNotEmpty();
    assertThat(CapturedLogs.text()).doesNotContain(clientSecret.reveal()).doesNotContain(accessToken.reveal());
  }

  @Test
  void anAccountOauthProfileUsesTheAccountTokenEndpointWithItsAccountId(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    // given
    String accountId = "0d3e7a6c-1b2f-4c5d-8e9f-a0b1c2d3e4f5";
    java.nio.file.Path config = dir.resolve("cfg");
    java.nio.file.Files.writeString(config, "[acct]\nhost = https://accounts.cloud.databricks.com\naccount_id = " + accountId
        + "\nclient_id = " + CLIENT_ID + "\nclient_secret = " + clientSecret.reveal() + "\n");
    Transport account = request -> {
      sent.add(request);
      if (request.path().equals("/oidc/accounts/" + accountId + "/v1/token")) {
        return TransportResponse.json(200, "{\"access_token\":\"" + accessToken.reveal() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
      }
      if (request.path().startsWith("/api/2.0/accounts/")) {
        return TransportResponse.json(200, "{\"Resources\":[]}");
      }
      return TransportResponse.json(404, "{}");
    };

    // when
    DatabricksTarget target = DatabricksTarget.profile("acct", config);
    Connector.connect(target, ClientSettings.of(account).withRetryPolicy(RetryPolicy.none()))
        .call(ApiRequest.get("lookup", "/api/2.0/accounts/" + accountId + "/scim/v2/ServicePrincipals"));

    // then
    assertThat(sent).extracting(TransportRequest::path).contains("/oidc/accounts/" + accountId + "/v1/token");
    assertThat(sent).allSatisfy(r -> assertThat(r.uri().getHost()).isEqualTo("accounts.cloud.databricks.com"));
    assertThat(sent.get(sent.size() - 1).header("Authorization")).contains("Bearer " + accessToken.reveal());
  }
}
