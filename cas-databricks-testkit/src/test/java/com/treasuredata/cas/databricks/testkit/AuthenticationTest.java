package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Onboard onboard = new Onboard(fake);
  private final Api ws = Api.workspace(fake);
  private final Api account = Api.account(fake);

  @Test
  void anUnknownTokenGetsTheRealInvalidAccessTokenAnswer() {
    // given
    Secret bogus = Secret.of("dapi" + "0".repeat(31) + "1");

    // when
    Api.Resp r = ws.as(bogus).get("/api/2.0/ip-access-lists");

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("error_code").isNumber()).isTrue();
    assertThat(r.json().path("error_code").asInt()).isEqualTo(403);
    assertThat(r.message()).isEqualTo("Invalid access token.");
    assertThat(r.headers()).containsEntry("X-Databricks-Reason-Phrase", "Invalid access token.");
  }

  @Test
  void aMissingTokenIs401() {
    // when
    Api.Resp r = ws.anonymous().get("/api/2.0/ip-access-lists");

    // then
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void theAdminTokenWorksOnAccountAndWorkspace() {
    // when
    Api.Resp a = account.get(account.accountPath("/scim/v2/ServicePrincipals"));
    Api.Resp w = ws.get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(a.status()).isEqualTo(200);
    assertThat(w.status()).isEqualTo(200);
  }

  @Test
  void anSpPatIsNotAnAccountCredential() {
    // given
    Secret pat = onboard.onboarded(onboard.createSp("cas"));

    // when
    Api.Resp r = account.as(pat).get(account.accountPath("/scim/v2/ServicePrincipals"));

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.message()).isEqualTo("Invalid access token.");
  }

  @Test
  void anSpPatIsRefusedOnUseOnceItsPrincipalLosesCanUse() {
    // given: CAN_USE only through the users group, then the group loses it via a seed edit
    fake.workspace().grantTokenPermission(TokenPermission.group("users", "CAN_USE"));
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    Secret pat = fake.workspace().issueToken(sp.appId(), Duration.ofDays(1));
    Api.Resp put = ws.put("/api/2.0/permissions/authorization/tokens", json("access_control_list",
        List.of(java.util.Map.of("group_name", "admins", "permission_level", "CAN_MANAGE"))));

    // when
    Api.Resp r = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(put.status()).isEqualTo(200);
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void anSpPatWithoutCanUseIsPermissionDeniedOnUse() {
    // given: a token seeded without the API's checks, for a principal that never had CAN_USE
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    Secret pat = fake.workspace().issueToken(sp.appId(), Duration.ofDays(1));

    // when
    Api.Resp r = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(r.message()).isEqualTo("User " + sp.appId() + " does not have permission to use tokens.");
  }

  @Test
  void adminOnlyEndpointsRefuseSpTokensWithPermissionDenied() {
    // given
    Secret pat = onboard.onboarded(onboard.createSp("cas"));

    // when
    Api.Resp lists = ws.as(pat).get("/api/2.0/ip-access-lists");
    Api.Resp conf = ws.as(pat).get("/api/2.0/workspace-conf?keys=enableIpAccessLists");
    Api.Resp scim = ws.as(pat).post("/api/2.0/preview/scim/v2/ServicePrincipals", json("displayName", "x"));

    // then
    assertThat(lists.status()).isEqualTo(403);
    assertThat(lists.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(conf.status()).isEqualTo(403);
    assertThat(scim.status()).isEqualTo(403);
    assertThat(scim.text("/status")).isEqualTo("403");
  }

  @Test
  void aWorkspaceAdminSpMayCallAdminEndpoints() {
    // given
    Onboard.Sp sp = onboard.createSp("admin-sp");
    onboard.assign(sp, "ADMIN");
    Secret pat = fake.workspace().issueToken(sp.appId(), Duration.ofDays(1));

    // when
    Api.Resp r = ws.as(pat).get("/api/2.0/ip-access-lists");

    // then
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void aPatOfOneWorkspaceIsInvalidOnAnother() {
    // given
    FakeWorkspace second = fake.addWorkspace(42L, "second");
    Onboard.Sp sp = onboard.createSp("cas");
    Secret pat = onboard.onboarded(sp);
    second.assign(sp.appId(), "USER");

    // when
    Api.Resp r = ws.at(second.host()).as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.message()).isEqualTo("Invalid access token.");
  }

  @Test
  void aDeactivatedPrincipalsTokenStopsWorking() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    Secret pat = onboard.onboarded(sp);
    account.put(account.accountPath("/scim/v2/ServicePrincipals/" + sp.id()), json("active", false));

    // when
    Api.Resp r = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(403);
  }
}
