package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenInfo;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.RateLimitRule;
import com.databricks.sdk.service.iam.PermissionAssignments;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviours the reference marks unconfirmed (§l) are switches; this class runs a fake with
 * every switch away from its default and shows what the SDK then sees, in both modes.
 */
class BehaviourSwitchConformanceTest {

  private static ConformanceFixture fx;

  @BeforeAll
  static void startFake() {
    fx = ConformanceFixture.start(FakeDatabricks.builder().behaviours(Behaviours.defaults()
        .withDuplicateApplicationIdStatus(400)
        .withWorkspaceScimAttachesExisting(false)
        .withOverMaxLifetime(Behaviours.OverMaxLifetime.CLAMP)
        .withTokenAclUnknownPrincipal(404, "RESOURCE_DOES_NOT_EXIST")
        .withUcUnknownPrincipalStatus(404)
        .withConfUnsetKeysAsNull(false)
        .withRateLimitRetryAfter(false)
        .withAssignmentErrorCodePrefix(true)
        .withTokenAclNeedsAToken(true)
        .withDuplicateApplicationIdAsUserEmail(true)
        .withWrongAccountStatus(404)));
  }

  @AfterAll
  static void stopFake() {
    fx.close();
  }

  @BeforeEach
  void resetFake() {
    fx.reset();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aDuplicateApplicationIdCanBeA400WithTheUserEmailText(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    String appId = UUID.randomUUID().toString();
    account.servicePrincipals().create(new ServicePrincipal().setDisplayName("first").setApplicationId(appId));

    // when / then
    assertSdkError(() -> account.servicePrincipals().create(new ServicePrincipal().setDisplayName("second")
        .setApplicationId(appId)), BadRequest.class, "SCIM_400")
        .hasMessageContaining("User with email " + appId + " already exists in this account");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void workspaceScimCanRefuseAnExistingAccountApplicationId(Mode mode) {
    // given
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");

    // when / then
    assertSdkError(() -> fx.workspace(mode).servicePrincipals().create(new ServicePrincipal()
            .setDisplayName("TD-CAS-Service").setApplicationId(sp.applicationId())),
        BadRequest.class, "SCIM_400");
    assertThat(fx.fake().workspace().assignments()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOboLifetimeAboveTheMaximumCanBeClamped(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    var sp = fx.seedTokenUser("TD-CAS-Service");
    fx.fake().workspace().setConf("maxTokenLifetimeDays", "1");

    // when
    TokenInfo info = ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.applicationId()).setLifetimeSeconds(7 * 86_400L)).getTokenInfo();

    // then
    assertThat(info.getExpiryTime() - info.getCreationTime()).isEqualTo(Duration.ofDays(1).toMillis());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unknownPrincipalAnswersFollowTheirSwitches(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when / then
    assertSdkError(() -> ws.tokenManagement().updatePermissions(new TokenPermissionsRequest().setAccessControlList(
            List.of(new TokenAccessControlRequest().setServicePrincipalName("nobody")
                .setPermissionLevel(TokenPermissionLevel.CAN_USE)))),
        ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST");
    assertSdkError(() -> ws.grants().update(new UpdatePermissions().setSecurableType("catalog")
            .setFullName("cas_demo_east1").setChanges(List.of(new PermissionsChange().setPrincipal("nobody")
                .setAdd(List.of(Privilege.SELECT))))),
        NotFound.class, "PRINCIPAL_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unsetWorkspaceConfKeysCanBeLeftOut(Mode mode) {
    // given
    fx.fake().workspace().setConf("maxTokenLifetimeDays", null);
    Request request = new Request("GET", "/api/2.0/workspace-conf")
        .withQueryParam("keys", "maxTokenLifetimeDays,enableIpAccessLists");

    // when
    Map<String, String> conf = fx.workspace(mode).apiClient().getStringMap(request);

    // then
    assertThat(conf).containsOnlyKeys("enableIpAccessLists");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withoutRetryAfterTheSdkFallsBackToItsOwnBackoff(Mode mode) {
    // given
    fx.fake().rateLimits().add(RateLimitRule.of("GET", "/api/2.0/preview/scim/v2/Me", 1, Duration.ofMillis(500)));
    List<Duration> sleeps = new ArrayList<>();
    CurrentUserAPI me = new CurrentUserAPI(fx.retryingApiClient(mode, sleeps));
    me.me(new MeRequest());

    // when
    String userName = me.me(new MeRequest()).getUserName();

    // then: about 1 s plus 50..750 ms of jitter, instead of a server-chosen wait
    assertThat(userName).isEqualTo(fx.fake().adminUserName());
    assertThat(sleeps).singleElement().satisfies(d ->
        assertThat(d).isBetween(Duration.ofMillis(1050), Duration.ofMillis(1750)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void perItemAssignmentErrorsCanCarryTheErrorCodePrefix(Mode mode) throws IOException {
    // given: the SDK has no typed call for the workspace-level assignment API
    WorkspaceClient ws = fx.workspace(mode);
    Request request = new Request("POST", "/api/2.0/preview/permissionassignments",
        "{\"permission_assignments\":[{\"service_principal_name\":\"00000000-0000-4000-8000-000000000000\","
            + "\"permissions\":[\"USER\"]}]}");
    request.withHeader("Content-Type", "application/json").withHeader("Accept", "application/json");

    // when
    PermissionAssignments answer = ws.apiClient().execute(request, PermissionAssignments.class);

    // then
    assertThat(answer.getPermissionAssignments()).singleElement()
        .satisfies(a -> assertThat(a.getError()).startsWith("RESOURCE_DOES_NOT_EXIST: "));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tokenPermissionsCanNotExistUntilTheWorkspaceHasAToken(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when / then
    assertSdkError(() -> ws.tokenManagement().getPermissions(), ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST")
        .hasMessageContaining("tokens tokens does not exist");
    fx.fake().workspace().issueToken(fx.fake().adminUserName(), Duration.ofDays(1));
    assertThat(ws.tokenManagement().getPermissions().getAccessControlList()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anotherAccountsIdCanAnswerNotFound(Mode mode) {
    // given
    fx.fake().account().addOtherAccount("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
    AccountClient other = new AccountClient(fx.patConfig(mode, fx.accountHost(mode), fx.fake().adminToken().reveal())
        .setAccountId("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"));

    // when / then
    assertSdkError(() -> ConformanceFixture.toList(other.workspaces().list()), ResourceDoesNotExist.class,
        "RESOURCE_DOES_NOT_EXIST").hasMessageContaining("does not exist");
  }
}
