package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.iam.PermissionAssignment;
import com.databricks.sdk.service.iam.PermissionAssignments;
import com.databricks.sdk.service.iam.PermissionOutput;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.UpdateWorkspaceAssignments;
import com.databricks.sdk.service.iam.WorkspacePermission;
import com.databricks.sdk.service.iam.WorkspacePermissions;
import com.treasuredata.cas.databricks.testkit.ConsistencyDelay;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Workspace permission assignments: the account API (reference §b.1) through
 * {@code AccountClient.workspaceAssignment()}, and the workspace {@code preview/permissionassignments}
 * API (§b.2), which the SDK lacks, through {@code ApiClient.execute}.
 */
class AssignmentConformanceTest extends SharedFakeConformanceTest {

  private static final String PREVIEW = "/api/2.0/preview/permissionassignments";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void accountAssignmentUpdateListAndDelete(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    long workspaceId = fx.fake().workspaceId();
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    long principalId = Long.parseLong(sp.getId());

    // when
    PermissionAssignment assigned = account.workspaceAssignment().update(new UpdateWorkspaceAssignments()
        .setWorkspaceId(workspaceId).setPrincipalId(principalId).setPermissions(List.of(WorkspacePermission.USER)));
    PermissionAssignment again = account.workspaceAssignment().update(new UpdateWorkspaceAssignments()
        .setWorkspaceId(workspaceId).setPrincipalId(principalId).setPermissions(List.of(WorkspacePermission.USER)));
    List<PermissionAssignment> listed = toList(account.workspaceAssignment().list(workspaceId));
    account.workspaceAssignment().update(new UpdateWorkspaceAssignments().setWorkspaceId(workspaceId)
        .setPrincipalId(principalId).setPermissions(List.of(WorkspacePermission.USER, WorkspacePermission.ADMIN)));
    List<String> afterAdmin = fx.fake().workspace().assignments().get(0).permissions();
    account.workspaceAssignment().delete(workspaceId, principalId);

    // then
    assertThat(assigned.getError()).isNull();
    assertThat(assigned.getPrincipal().getPrincipalId()).isEqualTo(principalId);
    assertThat(assigned.getPrincipal().getServicePrincipalName()).isEqualTo(sp.getApplicationId());
    assertThat(assigned.getPermissions()).containsExactly(WorkspacePermission.USER);
    assertThat(again.getPermissions()).containsExactly(WorkspacePermission.USER);
    assertThat(listed).filteredOn(a -> principalId == a.getPrincipal().getPrincipalId())
        .singleElement().satisfies(a -> assertThat(a.getPermissions()).containsExactly(WorkspacePermission.USER));
    assertThat(afterAdmin).containsExactly("ADMIN");
    assertThat(fx.fake().workspace().assignments()).isEmpty();
    assertThat(toList(account.workspaceAssignment().list(workspaceId)))
        .noneMatch(a -> a.getPrincipal().getPrincipalId() == principalId);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void accountAssignmentWithoutSupportedPermissionsRemovesThePrincipal(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");

    // when: only unsupported values, as documented, deletes every permission of the principal
    account.workspaceAssignment().update(new UpdateWorkspaceAssignments().setWorkspaceId(fx.fake().workspaceId())
        .setPrincipalId(sp.id()).setPermissions(List.of(WorkspacePermission.UNKNOWN)));

    // then
    assertThat(fx.fake().workspace().assignments()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void accountAssignmentPermissionLevelsAreUserAndAdmin(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when
    WorkspacePermissions levels = account.workspaceAssignment().get(fx.fake().workspaceId());

    // then
    assertThat(levels.getPermissions()).extracting(PermissionOutput::getPermissionLevel)
        .containsExactlyInAnyOrder(WorkspacePermission.USER, WorkspacePermission.ADMIN);
    assertSdkError(() -> account.workspaceAssignment().get(42L), ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void accountAssignmentOfAnUnknownPrincipalIsResourceDoesNotExist(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when / then
    assertSdkError(() -> account.workspaceAssignment().update(new UpdateWorkspaceAssignments()
            .setWorkspaceId(fx.fake().workspaceId()).setPrincipalId(1234567890L)
            .setPermissions(List.of(WorkspacePermission.USER))),
        ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST")
        .hasMessageContaining("not in workspace");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNewPrincipalCanStayInvisibleToAssignmentForOneRead(Mode mode) {
    // given
    fx.fake().consistency(ConsistencyDelay.reads(1));
    AccountClient account = fx.account(mode);
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    UpdateWorkspaceAssignments update = new UpdateWorkspaceAssignments().setWorkspaceId(fx.fake().workspaceId())
        .setPrincipalId(Long.parseLong(sp.getId())).setPermissions(List.of(WorkspacePermission.USER));

    // when / then: the first attempt answers as for an unknown principal, the retry succeeds
    assertSdkError(() -> account.workspaceAssignment().update(update), ResourceDoesNotExist.class,
        "RESOURCE_DOES_NOT_EXIST");
    assertThat(account.workspaceAssignment().update(update).getPermissions()).containsExactly(WorkspacePermission.USER);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void previewPostByNameAnswersPerItemErrorsInsideA2xx(Mode mode) throws IOException {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    String appId = fx.fake().account().addServicePrincipal("TD-CAS-Service").applicationId();
    String body = "{\"permission_assignments\":["
        + "{\"service_principal_name\":\"" + appId + "\",\"permissions\":[\"USER\"]},"
        + "{\"service_principal_name\":\"00000000-0000-4000-8000-000000000000\",\"permissions\":[\"USER\"]}]}";

    // when
    PermissionAssignments answer = ws.apiClient().execute(json("POST", PREVIEW, body), PermissionAssignments.class);

    // then
    List<PermissionAssignment> items = List.copyOf(answer.getPermissionAssignments());
    assertThat(items).hasSize(2);
    assertThat(items.get(0).getError()).isNull();
    assertThat(items.get(0).getPrincipal().getServicePrincipalName()).isEqualTo(appId);
    assertThat(items.get(0).getPrincipal().getPrincipalId()).isPositive();
    assertThat(items.get(1).getError()).isNotBlank();
    assertThat(fx.fake().workspace().assignments()).singleElement()
        .satisfies(a -> assertThat(a.principalName()).isEqualTo(appId));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void previewPutListAndDeleteByPrincipalId(Mode mode) throws IOException {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");

    // when
    PermissionAssignment put = ws.apiClient().execute(
        json("PUT", PREVIEW + "/principals/" + sp.id(), "{\"permissions\":[\"USER\"]}"), PermissionAssignment.class);
    PermissionAssignments listed = ws.apiClient().execute(new Request("GET", PREVIEW), PermissionAssignments.class);
    ws.apiClient().execute(new Request("DELETE", PREVIEW + "/principals/" + sp.id()), Void.class);

    // then
    assertThat(put.getPrincipal().getServicePrincipalName()).isEqualTo(sp.applicationId());
    assertThat(put.getPermissions()).containsExactly(WorkspacePermission.USER);
    assertThat(listed.getPermissionAssignments())
        .anyMatch(a -> sp.applicationId().equals(a.getPrincipal().getServicePrincipalName()));
    assertThat(fx.fake().workspace().assignments()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void previewApiRefusesANonAdminServicePrincipal(Mode mode) {
    // given
    String pat = fx.seedSpToken(fx.seedTokenUser("not-an-admin"));
    WorkspaceClient asSp = fx.workspace(mode, pat);

    // when / then
    assertSdkError(() -> asSp.apiClient().execute(new Request("GET", PREVIEW), Map.class),
        PermissionDenied.class, "PERMISSION_DENIED");
  }

  private static Request json(String method, String path, String body) {
    Request request = new Request(method, path, body);
    request.withHeader("Content-Type", "application/json");
    request.withHeader("Accept", "application/json");
    return request;
  }
}
