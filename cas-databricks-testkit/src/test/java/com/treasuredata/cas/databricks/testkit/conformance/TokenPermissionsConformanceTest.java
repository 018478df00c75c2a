package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.AccessControlResponse;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenAccessControlResponse;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissions;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The token usage ACL {@code /api/2.0/permissions/authorization/tokens} (reference §c). */
class TokenPermissionsConformanceTest extends SharedFakeConformanceTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void defaultAclHoldsTheAdminsGroupWithCanManage(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    TokenPermissions typed = ws.tokenManagement().getPermissions();
    ObjectPermissions generic = ws.permissions().get("authorization", "tokens");

    // then
    assertThat(typed.getObjectId()).isEqualTo("/authorization/tokens");
    assertThat(typed.getObjectType()).isEqualTo("tokens");
    assertThat(typed.getAccessControlList()).extracting(TokenAccessControlResponse::getGroupName).containsExactly("admins");
    // settings.TokenPermissionLevel has only CAN_USE: the SDK reads CAN_MANAGE as null (reference §c pitfall)
    assertThat(typed.getAccessControlList().iterator().next().getAllPermissions().iterator().next().getPermissionLevel())
        .isNull();
    assertThat(generic.getAccessControlList()).singleElement().satisfies(e -> {
      assertThat(e.getGroupName()).isEqualTo("admins");
      assertThat(e.getAllPermissions().iterator().next().getPermissionLevel()).isEqualTo(PermissionLevel.CAN_MANAGE);
    });
    assertThat(ws.tokenManagement().getPermissionLevels().getPermissionLevels()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void patchAddsCanUseAndKeepsTheOtherEntries(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");

    // when
    TokenPermissions after = ws.tokenManagement().updatePermissions(new TokenPermissionsRequest()
        .setAccessControlList(List.of(new TokenAccessControlRequest().setServicePrincipalName(sp.applicationId())
            .setPermissionLevel(TokenPermissionLevel.CAN_USE))));
    TokenPermissions again = ws.tokenManagement().updatePermissions(new TokenPermissionsRequest()
        .setAccessControlList(List.of(new TokenAccessControlRequest().setServicePrincipalName(sp.applicationId())
            .setPermissionLevel(TokenPermissionLevel.CAN_USE))));

    // then
    assertThat(after.getAccessControlList()).extracting(TokenAccessControlResponse::getGroupName).contains("admins");
    assertThat(after.getAccessControlList()).filteredOn(e -> sp.applicationId().equals(e.getServicePrincipalName()))
        .singleElement().satisfies(e -> assertThat(e.getAllPermissions().iterator().next().getPermissionLevel())
            .isEqualTo(TokenPermissionLevel.CAN_USE));
    assertThat(again.getAccessControlList()).hasSameSizeAs(after.getAccessControlList());
    assertThat(fx.fake().workspace().tokenAcl())
        .contains(TokenPermission.servicePrincipal(sp.applicationId(), "CAN_USE"), TokenPermission.group("admins", "CAN_MANAGE"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void putWithoutTheAdminsEntryIsRefusedAndChangesNothing(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    List<TokenPermission> before = fx.fake().workspace().tokenAcl();

    // when / then: the typed API cannot even express CAN_MANAGE, so its PUT always drops admins
    assertSdkError(() -> ws.tokenManagement().setPermissions(new TokenPermissionsRequest()
            .setAccessControlList(List.of(new TokenAccessControlRequest().setServicePrincipalName(sp.applicationId())
                .setPermissionLevel(TokenPermissionLevel.CAN_USE)))),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("Cannot change permissions for group 'admins' to None.");
    assertThat(fx.fake().workspace().tokenAcl()).containsExactlyInAnyOrderElementsOf(before);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void putReplacesTheListAndRevokesTheTokensOfEveryoneWhoLostCanUse(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal loser = fx.seedTokenUser("loses-can-use");
    ServicePrincipal keeper = fx.seedTokenUser("keeps-can-use");
    String loserPat = fx.seedSpToken(loser);
    String keeperPat = fx.seedSpToken(keeper);

    // when
    ObjectPermissions after = ws.permissions().set(new SetObjectPermissions()
        .setRequestObjectType("authorization").setRequestObjectId("tokens")
        .setAccessControlList(List.of(
            new AccessControlRequest().setGroupName("admins").setPermissionLevel(PermissionLevel.CAN_MANAGE),
            new AccessControlRequest().setServicePrincipalName(keeper.applicationId())
                .setPermissionLevel(PermissionLevel.CAN_USE))));

    // then
    assertThat(after.getAccessControlList()).extracting(AccessControlResponse::getServicePrincipalName)
        .contains(keeper.applicationId()).doesNotContain(loser.applicationId());
    assertThat(fx.fake().workspace().tokens()).extracting(IssuedToken::owner)
        .containsExactly(keeper.applicationId());
    assertThat(fx.workspace(mode, keeperPat).currentUser().me(new MeRequest()).getUserName())
        .isEqualTo(keeper.applicationId());
    assertSdkError(() -> fx.workspace(mode, loserPat).currentUser().me(new MeRequest()), PermissionDenied.class, "403")
        .hasMessageContaining("Invalid access token.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theOlderPreviewPathReachesTheSameAcl(Mode mode) throws java.io.IOException {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    Request request = new Request("GET", "/api/2.0/preview/permissions/authorization/tokens");
    request.withHeader("Accept", "application/json");

    // when
    TokenPermissions viaPreview = ws.apiClient().execute(request, TokenPermissions.class);

    // then
    assertThat(viaPreview.getAccessControlList()).extracting(TokenAccessControlResponse::getServicePrincipalName)
        .contains(sp.applicationId());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anUnknownPrincipalIsRefused(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when / then: a display name is not a principal name
    assertSdkError(() -> ws.tokenManagement().updatePermissions(new TokenPermissionsRequest()
            .setAccessControlList(List.of(new TokenAccessControlRequest().setServicePrincipalName("TD-CAS-Service")
                .setPermissionLevel(TokenPermissionLevel.CAN_USE)))),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("Principal: ServicePrincipalName(TD-CAS-Service) does not exist");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServicePrincipalTokenCannotReadOrChangeTheAcl(Mode mode) {
    // given
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    WorkspaceClient asSp = fx.workspace(mode, fx.seedSpToken(sp));

    // when / then
    assertSdkError(() -> asSp.tokenManagement().getPermissions(), PermissionDenied.class, "PERMISSION_DENIED");
    assertSdkError(() -> asSp.tokenManagement().updatePermissions(new TokenPermissionsRequest()
            .setAccessControlList(List.of(new TokenAccessControlRequest().setGroupName("users")
                .setPermissionLevel(TokenPermissionLevel.CAN_USE)))),
        PermissionDenied.class, "PERMISSION_DENIED");
  }
}
