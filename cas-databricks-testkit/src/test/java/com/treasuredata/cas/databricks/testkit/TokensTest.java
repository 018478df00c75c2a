package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokensTest {

  private static final String ACL = "/api/2.0/permissions/authorization/tokens";
  private static final String OBO = "/api/2.0/token-management/on-behalf-of/tokens";

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Onboard onboard = new Onboard(fake);
  private final Api ws = Api.workspace(fake);

  private static Map<String, String> sp(String appId, String level) {
    return Map.of("service_principal_name", appId, "permission_level", level);
  }

  // ------------------------------------------------------------------ token ACL

  @Test
  void defaultAclHoldsOnlyAdminsCanManage() {
    // when
    Api.Resp r = ws.get(ACL);

    // then
    assertThat(r.text("/object_id")).isEqualTo("/authorization/tokens");
    assertThat(r.text("/object_type")).isEqualTo("tokens");
    assertThat(r.json().path("access_control_list")).hasSize(1);
    assertThat(r.text("/access_control_list/0/group_name")).isEqualTo("admins");
    assertThat(r.text("/access_control_list/0/all_permissions/0/permission_level")).isEqualTo("CAN_MANAGE");
    assertThat(r.json().at("/access_control_list/0/all_permissions/0/inherited").asBoolean()).isFalse();
  }

  @Test
  void initialAclIsConfigurable() {
    // given
    FakeDatabricks custom = FakeDatabricks.builder()
        .initialTokenAcl(List.of(TokenPermission.group("users", "CAN_USE"))).build();

    // then
    assertThat(custom.workspace().tokenAcl()).containsExactly(TokenPermission.group("admins", "CAN_MANAGE"),
        TokenPermission.group("users", "CAN_USE"));
  }

  @Test
  void patchAddsAnSpAndAliasesAndLevelsWork() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");

    // when
    Api.Resp r = ws.patch("/api/2.0/preview/permissions/authorization/tokens",
        json("access_control_list", List.of(sp(sp.appId(), "CAN_USE"))));
    Api.Resp levels = ws.get(ACL + "/permissionLevels");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(fake.workspace().tokenAcl()).contains(TokenPermission.servicePrincipal(sp.appId(), "CAN_USE"));
    assertThat(r.json().path("access_control_list")).hasSize(2);
    assertThat(levels.text("/permission_levels/0/permission_level")).isEqualTo("CAN_USE");
  }

  @Test
  void unknownPrincipalIsRefusedWithTheServicePrincipalNameMessage() {
    // when
    Api.Resp r = ws.patch(ACL, json("access_control_list", List.of(sp("TD-CAS-Service", "CAN_USE"))));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(r.message()).isEqualTo("Principal: ServicePrincipalName(TD-CAS-Service) does not exist");
  }

  @Test
  void unknownPrincipalStatusAndCodeAreConfigurable() {
    // given
    FakeDatabricks custom = FakeDatabricks.builder()
        .behaviours(Behaviours.defaults().withTokenAclUnknownPrincipal(404, "RESOURCE_DOES_NOT_EXIST")).build();

    // when
    Api.Resp r = Api.workspace(custom).patch(ACL, json("access_control_list", List.of(sp("nobody", "CAN_USE"))));

    // then
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void putWithoutAdminsIsRefusedWithTheAdminsMessage() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");

    // when
    Api.Resp r = ws.put(ACL, json("access_control_list", List.of(sp(sp.appId(), "CAN_USE"))));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("Cannot change permissions for group 'admins' to None.");
    assertThat(fake.workspace().tokenAcl()).containsExactly(TokenPermission.group("admins", "CAN_MANAGE"));
  }

  @Test
  void putReplacesTheListAndRevokesTokensOfPrincipalsLosingCanUse() {
    // given
    Onboard.Sp keep = onboard.createSp("keep");
    Onboard.Sp lose = onboard.createSp("lose");
    Secret keepPat = onboard.onboarded(keep);
    Secret losePat = onboard.onboarded(lose);

    // when
    Api.Resp r = ws.put(ACL, json("access_control_list", List.of(
        Map.of("group_name", "admins", "permission_level", "CAN_MANAGE"), sp(keep.appId(), "CAN_USE"))));

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(fake.workspace().tokens()).extracting(IssuedToken::owner).containsExactly(keep.appId());
    assertThat(ws.as(losePat).get("/api/2.0/preview/scim/v2/Me").status()).isEqualTo(403);
    assertThat(ws.as(keepPat).get("/api/2.0/preview/scim/v2/Me").status()).isEqualTo(200);
  }

  @Test
  void canManageCannotGoToAnyoneButAdmins() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");

    // when
    Api.Resp r = ws.patch(ACL, json("access_control_list", List.of(sp(sp.appId(), "CAN_MANAGE"))));
    Api.Resp admins = ws.patch(ACL, json("access_control_list",
        List.of(Map.of("group_name", "admins", "permission_level", "CAN_USE"))));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(admins.status()).isEqualTo(400);
    assertThat(admins.message()).isEqualTo("Cannot change permissions for group 'admins' to CAN_USE.");
  }

  @Test
  void aclIsAdminOnly() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    Secret pat = onboard.onboarded(sp);

    // when
    Api.Resp r = ws.as(pat).get(ACL);

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("PERMISSION_DENIED");
  }

  // ------------------------------------------------------------------ OBO

  @Test
  void oboReturnsTheValueOnceAndFullTokenInfo() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    onboard.grantCanUse(sp);

    // when
    Api.Resp r = onboard.obo(sp, 86_400);
    JsonNode info = r.json().path("token_info");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("/token_value")).matches("dapi[0-9a-f]{32}");
    assertThat(info.path("token_id").asText()).matches("[0-9a-f]{64}");
    assertThat(info.path("creation_time").asLong()).isEqualTo(fake.clock().millis());
    assertThat(info.path("expiry_time").asLong()).isEqualTo(fake.clock().millis() + 86_400_000L);
    assertThat(info.path("comment").asText()).isEqualTo("cas");
    assertThat(info.path("owner_id").asText()).isEqualTo(sp.id());
    assertThat(info.path("created_by_username").asText()).isEqualTo(fake.adminUserName());
    assertThat(info.path("workspace_id").asLong()).isEqualTo(fake.workspaceId());
    assertThat(ws.get("/api/2.0/token-management/tokens/" + info.path("token_id").asText()).body())
        .doesNotContain(r.text("/token_value"));
  }

  @Test
  void oboWithoutCanUseIsPermissionDeniedWithTheKbMessage() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");

    // when
    Api.Resp r = onboard.obo(sp, 3600);

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(r.message()).isEqualTo("User " + sp.appId() + " does not have permission to use tokens.");
  }

  @Test
  void oboForAPrincipalNotInTheWorkspaceIsPermissionDenied() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp r = onboard.obo(sp, 3600);

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.message()).contains("does not have permission to use tokens");
  }

  @Test
  void canUseThroughTheUsersGroupIsEnough() {
    // given
    fake.workspace().grantTokenPermission(TokenPermission.group("users", "CAN_USE"));
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");

    // when
    Api.Resp r = onboard.obo(sp, 3600);

    // then
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void lifetimeAboveMaxTokenLifetimeDaysIsRejectedByDefault() {
    // given
    fake.workspace().setConf("maxTokenLifetimeDays", "1");
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    onboard.grantCanUse(sp);

    // when
    Api.Resp r = onboard.obo(sp, 2 * 86_400);

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(fake.workspace().tokens()).isEmpty();
  }

  @Test
  void anAbsurdLifetimeIsRejectedNotOverflowed() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    onboard.grantCanUse(sp);

    // when
    Api.Resp r = onboard.obo(sp, Long.MAX_VALUE);

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void lifetimeAboveMaxIsClampedWhenConfigured() {
    // given
    FakeDatabricks custom = FakeDatabricks.builder()
        .behaviours(Behaviours.defaults().withOverMaxLifetime(Behaviours.OverMaxLifetime.CLAMP)).build();
    custom.workspace().setConf("maxTokenLifetimeDays", "1");
    Onboard o = new Onboard(custom);
    Onboard.Sp sp = o.createSp("cas");
    o.assign(sp, "USER");
    o.grantCanUse(sp);

    // when
    Api.Resp r = o.obo(sp, 5 * 86_400);

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/token_info/expiry_time").asLong()).isEqualTo(custom.clock().millis() + 86_400_000L);
  }

  @Test
  void omittedOboLifetimeGetsTheWorkspaceMaximumElse730Days() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    onboard.grantCanUse(sp);

    // when
    Api.Resp r = ws.post(OBO, json("application_id", sp.appId()));
    fake.workspace().setConf("maxTokenLifetimeDays", "7");
    Api.Resp capped = ws.post(OBO, json("application_id", sp.appId()));

    // then
    assertThat(r.json().at("/token_info/expiry_time").asLong()).isEqualTo(fake.clock().millis() + 730 * 86_400_000L);
    assertThat(capped.json().at("/token_info/expiry_time").asLong()).isEqualTo(fake.clock().millis() + 7 * 86_400_000L);
  }

  @Test
  void listFiltersByCreatorAndGetAndDeleteWork() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.onboarded(sp);
    String tokenId = fake.workspace().tokens().get(0).tokenId();

    // when
    Api.Resp all = ws.get("/api/2.0/token-management/tokens");
    Api.Resp byName = ws.get("/api/2.0/token-management/tokens?created_by_username=" + fake.adminUserName());
    Api.Resp byOther = ws.get("/api/2.0/token-management/tokens?created_by_username=someone");
    Api.Resp get = ws.get("/api/2.0/token-management/tokens/" + tokenId);
    Api.Resp del = ws.delete("/api/2.0/token-management/tokens/" + tokenId);
    Api.Resp again = ws.delete("/api/2.0/token-management/tokens/" + tokenId);

    // then
    assertThat(all.json().path("token_infos")).hasSize(1);
    assertThat(byName.json().path("token_infos")).hasSize(1);
    assertThat(byOther.json().path("token_infos")).isEmpty();
    assertThat(get.text("/token_info/token_id")).isEqualTo(tokenId);
    assertThat(del.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(again.message()).isEqualTo("Token does not exist");
  }

  @Test
  void tokenManagementIsAdminOnly() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    Secret pat = onboard.onboarded(sp);

    // when
    Api.Resp r = ws.as(pat).get("/api/2.0/token-management/tokens");

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("PERMISSION_DENIED");
  }

  // ------------------------------------------------------------------ tokens API

  @Test
  void anSpWithAPatCreatesListsAndDeletesItsOwnTokens() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    Secret pat = onboard.onboarded(sp);
    Api asSp = ws.as(pat);

    // when
    Api.Resp created = asSp.post("/api/2.0/token/create", json("lifetime_seconds", 3600, "comment", "self"));
    Api.Resp list = asSp.get("/api/2.0/token/list");
    Api.Resp adminList = ws.get("/api/2.0/token/list");
    Api.Resp deleted = asSp.post("/api/2.0/token/delete", json("token_id", created.text("/token_info/token_id")));
    Api.Resp unknown = asSp.post("/api/2.0/token/delete", json("token_id", "nope"));

    // then
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/token_value")).startsWith("dapi");
    assertThat(created.json().path("token_info").has("owner_id")).isFalse();
    assertThat(list.json().path("token_infos")).hasSize(2);
    assertThat(adminList.json().path("token_infos")).isEmpty();
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(fake.workspace().tokens()).filteredOn(t -> !t.onBehalfOf()).isEmpty();
  }

  @Test
  void selfCreatedTokensAppearInTokenManagementWithTheSpAsCreator() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    Secret pat = onboard.onboarded(sp);
    ws.as(pat).post("/api/2.0/token/create", json("lifetime_seconds", 3600));

    // when
    Api.Resp r = ws.get("/api/2.0/token-management/tokens?created_by_username=" + sp.appId());

    // then
    assertThat(r.json().path("token_infos")).hasSize(1);
  }

  @Test
  void enableTokensConfigFalseDisablesPatCreateAndUse() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    Secret pat = onboard.onboarded(sp);

    // when
    Api.Resp patch = ws.patch("/api/2.0/workspace-conf", json("enableTokensConfig", "false"));
    Api.Resp use = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");
    Api.Resp obo = onboard.obo(sp, 3600);
    Api.Resp adminStillWorks = ws.get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(patch.status()).isEqualTo(204);
    assertThat(use.status()).isEqualTo(403);
    assertThat(obo.status()).isEqualTo(403);
    assertThat(adminStillWorks.status()).isEqualTo(200);
    assertThat(fake.workspace().tokens()).hasSize(1);
  }

  @Test
  void seededTokensWorkAndExpireWithTheClock() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    onboard.grantCanUse(sp);
    Secret pat = fake.workspace().issueToken(sp.appId(), Duration.ofHours(1));

    // when
    int before = ws.as(pat).get("/api/2.0/preview/scim/v2/Me").status();
    fake.clock().advance(Duration.ofHours(1));
    Api.Resp after = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(before).isEqualTo(200);
    assertThat(after.status()).isEqualTo(403);
    assertThat(after.message()).isEqualTo("Invalid access token.");
  }
}
