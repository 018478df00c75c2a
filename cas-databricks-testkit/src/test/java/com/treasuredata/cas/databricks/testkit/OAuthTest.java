package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OAuthTest {

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Onboard onboard = new Onboard(fake);
  private final Api account = Api.account(fake);
  private final Api ws = Api.workspace(fake);

  private String secretsPath(Onboard.Sp sp) {
    return account.accountPath("/servicePrincipals/" + sp.id() + "/credentials/secrets");
  }

  private TransportResponse token(URI host, String path, String clientId, String secret, boolean basic) throws IOException {
    TransportRequest request = TransportRequest.of("POST", URI.create(host + path))
        .withHeader("Content-Type", "application/x-www-form-urlencoded");
    if (basic) {
      String creds = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
      request = request.withHeader("Authorization", "Basic " + creds)
          .withBody("grant_type=client_credentials&scope=all-apis");
    } else {
      request = request.withBody("grant_type=client_credentials&scope=all-apis&client_id=" + clientId + "&client_secret=" + secret);
    }
    return fake.transport().execute(request);
  }

  private static JsonNode parse(String body) throws IOException {
    return Api.MAPPER.readTree(body);
  }

  @Test
  void secretsAreCreatedOnceShownListedAndDeleted() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp created = account.post(secretsPath(sp), json("lifetime", "63072000s"));
    Api.Resp list = account.get(secretsPath(sp));
    Api.Resp deleted = account.delete(secretsPath(sp) + "/" + created.text("/id"));
    Api.Resp again = account.delete(secretsPath(sp) + "/" + created.text("/id"));

    // then
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/secret")).startsWith("dose");
    assertThat(created.text("/status")).isEqualTo("ACTIVE");
    assertThat(Instant.parse(created.text("/expire_time"))).isEqualTo(fake.clock().now().plus(Duration.ofDays(730)));
    assertThat(list.json().path("secrets")).hasSize(1);
    assertThat(list.json().path("secrets").get(0).has("secret")).isFalse();
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(404);
  }

  @Test
  void atMostFiveSecretsPerPrincipal() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    for (int i = 0; i < 5; i++) {
      account.post(secretsPath(sp), json("lifetime", "3600s"));
    }

    // when
    Api.Resp r = account.post(secretsPath(sp), json("lifetime", "3600s"));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(fake.account().secrets(Long.parseLong(sp.id()))).hasSize(5);
  }

  @Test
  void lifetimeOver730DaysOrWithoutSuffixWhenStrictIsRejected() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    FakeDatabricks strict = FakeDatabricks.builder()
        .behaviours(Behaviours.defaults().withSecretLifetimeWithoutSuffix(false)).build();
    Onboard.Sp strictSp = new Onboard(strict).createSp("cas");
    Api strictAccount = Api.account(strict);

    // when
    Api.Resp tooLong = account.post(secretsPath(sp), json("lifetime", "63072001s"));
    Api.Resp bare = account.post(secretsPath(sp), json("lifetime", "86400"));
    Api.Resp strictBare = strictAccount.post(strictAccount.accountPath("/servicePrincipals/" + strictSp.id()
        + "/credentials/secrets"), json("lifetime", "86400"));

    // then
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(bare.status()).isEqualTo(200);
    assertThat(strictBare.status()).isEqualTo(400);
  }

  @Test
  void theWorkspaceProxyNeedsThePrincipalInTheWorkspace() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    String proxy = "/api/2.0/accounts/servicePrincipals/" + sp.id() + "/credentials/secrets";

    // when
    Api.Resp before = ws.post(proxy, json("lifetime", "3600s"));
    onboard.assign(sp, "USER");
    Api.Resp after = ws.post(proxy, json("lifetime", "3600s"));

    // then
    assertThat(before.status()).isEqualTo(404);
    assertThat(after.status()).isEqualTo(200);
  }

  @Test
  void clientCredentialsOnTheWorkspaceGiveAnAccessTokenThatWorksWithoutCanUse() throws IOException {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    Secret secret = fake.account().addSecret(sp.appId(), Duration.ofDays(1));

    // when
    TransportResponse basic = token(fake.workspaceHost(), "/oidc/v1/token", sp.appId(), secret.reveal(), true);
    TransportResponse form = token(fake.workspaceHost(), "/oidc/v1/token", sp.appId(), secret.reveal(), false);
    Secret access = Secret.of(parse(basic.body()).path("access_token").asText());
    Api.Resp me = ws.as(access).get("/api/2.0/preview/scim/v2/Me");

    // then
    JsonNode body = parse(basic.body());
    assertThat(basic.status()).isEqualTo(200);
    assertThat(form.status()).isEqualTo(200);
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asInt()).isEqualTo(3600);
    assertThat(body.path("scope").asText()).isEqualTo("all-apis");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("/userName")).isEqualTo(sp.appId());
    assertThat(fake.journal().requests("POST", "/oidc/v1/token")).extracting(JournalEntry::principal)
        .containsExactly(sp.appId(), sp.appId());
    assertThat(fake.journal().writes()).noneMatch(e -> e.path().endsWith("/v1/token"));
  }

  @Test
  void accessTokensExpireWithTheClockWith401() throws IOException {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    Secret secret = fake.account().addSecret(sp.appId(), Duration.ofDays(1));
    Secret access = Secret.of(parse(token(fake.workspaceHost(), "/oidc/v1/token", sp.appId(), secret.reveal(), true).body())
        .path("access_token").asText());

    // when
    fake.clock().advance(Duration.ofHours(1));
    Api.Resp r = ws.as(access).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.message()).isEqualTo("Token is expired");
  }

  @Test
  void aWrongSecretIsInvalidClient() throws IOException {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    TransportResponse r = token(fake.workspaceHost(), "/oidc/v1/token", sp.appId(), "dose-wrong", true);

    // then
    assertThat(r.status()).isEqualTo(401);
    assertThat(parse(r.body()).path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void accountTokensNeedAnAccountAdminRoleForAccountApis() throws IOException {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    Secret secret = fake.account().addSecret(sp.appId(), Duration.ofDays(1));
    String path = "/oidc/accounts/" + fake.accountId() + "/v1/token";
    Secret access = Secret.of(parse(token(fake.accountHost(), path, sp.appId(), secret.reveal(), true).body())
        .path("access_token").asText());

    // when
    Api.Resp denied = account.as(access).get(account.accountPath("/workspaces"));
    account.patch(account.accountPath("/scim/v2/ServicePrincipals/" + sp.id()), json("Operations",
        java.util.List.of(java.util.Map.of("op", "add", "path", "roles", "value",
            java.util.List.of(java.util.Map.of("value", "account_admin"))))));
    Api.Resp allowed = account.as(access).get(account.accountPath("/workspaces"));

    // then
    assertThat(denied.status()).isEqualTo(403);
    assertThat(allowed.status()).isEqualTo(200);
  }

  @Test
  void oidcDiscoveryUsesTheAddressedHost() {
    // when
    Api.Resp r = ws.anonymous().get("/oidc/.well-known/oauth-authorization-server");
    Api.Resp acct = account.anonymous().get("/oidc/accounts/" + fake.accountId() + "/.well-known/oauth-authorization-server");

    // then
    assertThat(r.text("/token_endpoint")).isEqualTo(fake.workspaceHost() + "/oidc/v1/token");
    assertThat(r.text("/authorization_endpoint")).isEqualTo(fake.workspaceHost() + "/oidc/v1/authorize");
    assertThat(acct.text("/token_endpoint")).isEqualTo(fake.accountHost() + "/oidc/accounts/" + fake.accountId() + "/v1/token");
  }

  @Test
  void hostMetadataCarriesOnlyTheFieldsTheSdkKnows() {
    // when
    Api.Resp w = ws.anonymous().get("/.well-known/databricks-config");
    Api.Resp a = account.anonymous().get("/.well-known/databricks-config");

    // then
    assertThat(w.json().fieldNames()).toIterable().containsExactlyInAnyOrder("account_id", "workspace_id", "oidc_endpoint", "cloud");
    assertThat(w.text("/workspace_id")).isEqualTo(Long.toString(fake.workspaceId()));
    assertThat(w.text("/oidc_endpoint")).isEqualTo(fake.workspaceHost() + "/oidc");
    assertThat(a.json().has("workspace_id")).isFalse();
    assertThat(a.text("/oidc_endpoint")).isEqualTo(fake.accountHost() + "/oidc/accounts/" + fake.accountId());
  }
}
