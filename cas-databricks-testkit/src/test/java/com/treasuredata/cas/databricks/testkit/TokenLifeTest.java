package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.Secret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The life of a token in the fake: the 730-day default and cap, no new non-expiring tokens, the
 * tokens API as the service principal, last use and the 90-day idle revocation, scopes and
 * auto-scoping behind their switches, and Azure without on-behalf-of tokens.
 */
class TokenLifeTest {

  private static final String OBO = "/api/2.0/token-management/on-behalf-of/tokens";
  private static final long DAY_MS = 86_400_000L;

  private FakeDatabricks fake = FakeDatabricks.create();

  private Secret spToken(FakeDatabricks f) {
    Onboard onboard = new Onboard(f);
    return onboard.onboarded(onboard.createSp("cas"));
  }

  @Test
  void aServicePrincipalCreatesItsOwnTokenAndANegativeLifetimeStillExpires() {
    // given
    Api sp = Api.workspace(fake).as(spToken(fake));

    // when
    Api.Resp own = sp.post("/api/2.0/token/create", json("comment", "mine", "lifetime_seconds", -1));

    // then
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().at("/token_info/expiry_time").asLong()).isEqualTo(fake.clock().millis() + 730 * DAY_MS);
    assertThat(sp.get("/api/2.0/token/list").json().path("token_infos")).hasSize(2);
  }

  @Test
  void aTokenUnusedFor90DaysIsRevokedAndUseIsRecordedByDay() {
    // given
    Api.Resp own = Api.workspace(fake).as(spToken(fake)).post("/api/2.0/token/create", json("lifetime_seconds", 365 * 86_400));
    Api sp = Api.workspace(fake).as(Secret.of(own.text("/token_value")));
    sp.get("/api/2.0/preview/scim/v2/Me");

    // when
    fake.clock().advance(Duration.ofDays(89));
    Api.Resp stillAlive = sp.get("/api/2.0/token/list");
    fake.clock().advance(Duration.ofDays(90));
    Api.Resp revoked = sp.get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(stillAlive.status()).isEqualTo(200);
    assertThat(stillAlive.json().path("token_infos")).anySatisfy(
        info -> assertThat(info.path("last_used_day").asLong()).isPositive().matches(day -> day % DAY_MS == 0));
    assertThat(revoked.status()).isEqualTo(403);
    assertThat(revoked.body()).contains("Invalid access token");
    assertThat(fake.workspace().tokens()).isEmpty();
  }

  @Test
  void scopeFieldsAreIgnoredAndNeverReturnedWhileTheSwitchIsOff() {
    // given
    Api sp = Api.workspace(fake).as(spToken(fake));

    // when
    Api.Resp own = sp.post("/api/2.0/token/create", "{\"scopes\":[\"sql\"],\"autoscope_enabled\":false}");

    // then
    assertThat(own.json().path("token_info").has("scopes")).isFalse();
    assertThat(own.json().path("token_info").has("autoscope_state")).isFalse();
    assertThat(Api.workspace(fake).as(Secret.of(own.text("/token_value"))).get("/api/2.0/token/list").status()).isEqualTo(200);
  }

  @Test
  void aScopedTokenWithoutAuthenticationMayNotMintOrListTokens() {
    // given
    fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withTokenScopes(true)).build();
    Api sp = Api.workspace(fake).as(spToken(fake));
    Api.Resp scoped = sp.post("/api/2.0/token/create", "{\"scopes\":[\"sql\"]}");
    Api narrow = Api.workspace(fake).as(Secret.of(scoped.text("/token_value")));

    // when
    Api.Resp mint = narrow.post("/api/2.0/token/create", "{}");
    Api.Resp me = narrow.get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(scoped.json().at("/token_info/scopes/0").asText()).isEqualTo("sql");
    assertThat(mint.status()).isEqualTo(403);
    assertThat(mint.body()).contains("does not have required scopes: authentication");
    assertThat(me.status()).isEqualTo(200);
  }

  @Test
  void autoScopingNarrowsALongLivedTokenToTheApisItWasSeenUsingAfter30Days() {
    // given
    fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withTokenAutoscope(true)).build();
    Api sp = Api.workspace(fake).as(spToken(fake));
    Api.Resp running = sp.post("/api/2.0/token/create", json("lifetime_seconds", 90 * 86_400));
    Api.Resp disabled = sp.post("/api/2.0/token/create", "{\"lifetime_seconds\":7776000,\"autoscope_enabled\":false}");
    Api auto = Api.workspace(fake).as(Secret.of(running.text("/token_value")));
    auto.get("/api/2.1/unity-catalog/catalogs");

    // when
    fake.clock().advance(Duration.ofDays(31));
    Api.Resp mint = auto.post("/api/2.0/token/create", "{}");
    Api.Resp viaOther = Api.workspace(fake).as(Secret.of(disabled.text("/token_value"))).post("/api/2.0/token/create", "{}");

    // then
    assertThat(running.text("/token_info/autoscope_state")).isEqualTo("AUTOSCOPE_STATE_RUNNING");
    assertThat(disabled.text("/token_info/autoscope_state")).isEqualTo("AUTOSCOPE_STATE_DISABLED");
    assertThat(mint.status()).isEqualTo(403);
    assertThat(viaOther.status()).isEqualTo(200);
  }

  @Test
  void anAzureWorkspaceRefusesOnBehalfOfTokensWithTheRealErrorAndServesItsAzureHost() {
    // given
    Onboard onboard = new Onboard(fake);
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    onboard.grantCanUse(sp);
    java.net.URI azure = fake.workspace().seedAzure();

    // when
    Api.Resp obo = Api.workspace(fake).post(OBO, json("application_id", sp.appId(), "lifetime_seconds", 3600));

    // then
    assertThat(azure.getHost()).endsWith(".azuredatabricks.net");
    assertThat(obo.status()).isEqualTo(403);
    assertThat(obo.body()).contains("On-behalf-of token creation for service principals is not enabled for this workspace");
    assertThat(fake.workspace().tokens()).isEmpty();
    assertThat(List.of(azure)).allSatisfy(h -> assertThat(fake.handle(new FakeRequest("GET", "/.well-known/databricks-config", null,
        java.util.Map.of(), "", "127.0.0.1", h.toString())).body()).contains("\"cloud\":\"azure\""));
  }
}
