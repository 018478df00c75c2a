package com.treasuredata.cas.databricks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testing.FakeTokens;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorTest {

  private final List<TransportRequest> sent = new ArrayList<>();
  private final ClientSettings settings =
      ClientSettings.of(request -> {
        sent.add(request);
        return TransportResponse.json(200, "{\"userName\":\"me\"}");
      }).withRetryPolicy(RetryPolicy.none());

  @Test
  void patTargetSendsBearerTokenAndUserAgentToItsHostOnly() {
    // given
    Secret token = FakeTokens.pat();
    DatabricksTarget target = DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", token);

    // when
    ApiCaller caller = Connector.connect(target, settings);
    caller.call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));

    // then
    assertThat(caller.host()).isEqualTo(URI.create("https://dbc-1234.cloud.databricks.com"));
    assertThat(sent).singleElement().satisfies(request -> {
      assertThat(request.uri()).isEqualTo(URI.create("https://dbc-1234.cloud.databricks.com/api/2.0/preview/scim/v2/Me"));
      assertThat(request.header("Authorization")).contains("Bearer " + token.reveal());
      assertThat(request.header("User-Agent")).get().asString().startsWith("cas-databricks/");
    });
  }

  @Test
  void bearerConnectionVerifiesAFreshTokenAgainstTheGivenHost() {
    // given
    Secret fresh = FakeTokens.pat();

    // when
    Connector.connect(URI.create("http://127.0.0.1:8080"), fresh, settings)
        .call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));

    // then
    assertThat(sent).singleElement().satisfies(request -> {
      assertThat(request.uri().toString()).isEqualTo("http://127.0.0.1:8080/api/2.0/preview/scim/v2/Me");
      assertThat(request.header("Authorization")).contains("Bearer " + fresh.reveal());
    });
  }

  @Test
  void userAgentCarriesTheConfiguredSuffix() {
    // given
    DatabricksTarget target = DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", FakeTokens.pat());

    // when
    Connector.connect(target, settings.withUserAgentSuffix("td-onboarder/3"))
        .call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));

    // then
    assertThat(sent.get(0).header("User-Agent")).get().asString().matches("cas-databricks/\\S+ td-onboarder/3");
  }

  @Test
  void accountHostWithoutAccountIdIsRefusedBeforeAnyRequest() {
    // given
    DatabricksTarget account = DatabricksTarget.pat("https://accounts.cloud.databricks.com", FakeTokens.pat());

    // when / then
    assertThatThrownBy(() -> Connector.connect(account, settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no account id")
        .hasMessageContaining("withAccountId");
    assertThat(sent).isEmpty();
  }

  @Test
  void accountIdIsReportedForAccountTargets() {
    // given
    DatabricksTarget account = DatabricksTarget.pat("https://accounts.cloud.databricks.com", FakeTokens.pat())
        .withAccountId("0D3E7A6C-1B2F-4C5D-8E9F-A0B1C2D3E4F5");

    // when
    String accountId = Connector.requireAccountId(account);

    // then
    assertThat(accountId).isEqualTo("0d3e7a6c-1b2f-4c5d-8e9f-a0b1c2d3e4f5");
    assertThat(Connector.accountId(account)).contains(accountId);
  }

  @Test
  void aBearerConnectionToADisallowedHostIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> Connector.connect(URI.create("http://dbc-1234.cloud.databricks.com"), FakeTokens.pat(), settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowed only for loopback");
    assertThatThrownBy(() -> Connector.connect(URI.create("https://dbc-1234.cloud.databricks.com/x?token=abc"), FakeTokens.pat(), settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("token=abc");
    assertThat(sent).isEmpty();
  }
}
