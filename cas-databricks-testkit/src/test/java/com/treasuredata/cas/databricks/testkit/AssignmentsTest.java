package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.testkit.state.WorkspaceAssignment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignmentsTest {

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Onboard onboard = new Onboard(fake);
  private final Api account = Api.account(fake);
  private final Api ws = Api.workspace(fake);

  private String wsPath(String rest) {
    return account.accountPath("/workspaces/" + fake.workspaceId() + "/permissionassignments" + rest);
  }

  @Test
  void putAssignsIdempotentlyAndReturnsThePermissionAssignment() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp first = onboard.assign(sp, "USER");
    Api.Resp second = onboard.assign(sp, "USER");

    // then
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(first.json().at("/principal/principal_id").asText()).isEqualTo(sp.id());
    assertThat(first.text("/principal/service_principal_name")).isEqualTo(sp.appId());
    assertThat(first.text("/permissions/0")).isEqualTo("USER");
    assertThat(fake.workspace().assignments()).extracting(WorkspaceAssignment::principalName).containsExactly(sp.appId());
  }

  @Test
  void adminWinsAndUnsupportedOrMissingPermissionsDeleteTheAssignment() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp both = account.put(wsPath("/principals/" + sp.id()), json("permissions", List.of("USER", "ADMIN")));
    boolean adminAfterBoth = fake.workspace().assignments().get(0).isAdmin();
    account.put(wsPath("/principals/" + sp.id()), json("permissions", List.of("user")));

    // then
    assertThat(both.text("/permissions/0")).isEqualTo("ADMIN");
    assertThat(adminAfterBoth).isTrue();
    assertThat(fake.workspace().assignments()).isEmpty();
  }

  @Test
  void listIncludesAssignedPrincipalsAndLevelsAreServed() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");

    // when
    Api.Resp list = account.get(wsPath(""));
    Api.Resp levels = account.get(wsPath("/permissions"));

    // then
    assertThat(list.json().path("permission_assignments").findValuesAsText("service_principal_name")).containsExactly(sp.appId());
    assertThat(levels.json().path("permissions").findValuesAsText("permission_level")).containsExactly("USER", "ADMIN");
  }

  @Test
  void unknownPrincipalIsNotInWorkspace() {
    // when
    Api.Resp r = account.put(wsPath("/principals/999"), json("permissions", List.of("USER")));

    // then
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("Principal 999 not in workspace " + fake.workspaceId());
  }

  @Test
  void deleteRemovesTheAssignmentAndRevokesTokens() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.onboarded(sp);

    // when
    Api.Resp r = account.delete(wsPath("/principals/" + sp.id()));

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(fake.workspace().assignments()).isEmpty();
    assertThat(fake.workspace().tokens()).isEmpty();
  }

  @Test
  void unknownWorkspaceIs404() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp r = account.put(account.accountPath("/workspaces/77/permissionassignments/principals/" + sp.id()),
        json("permissions", List.of("USER")));

    // then
    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void previewAliasOfTheAccountApiWorks() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp r = account.put("/api/2.0/preview/accounts/" + fake.accountId() + "/workspaces/" + fake.workspaceId()
        + "/permissionassignments/principals/" + sp.id(), json("permissions", List.of("USER")));

    // then
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void workspacePostByNameAnswersPerItemErrorsInA200() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp r = ws.post("/api/2.0/preview/permissionassignments", json("permission_assignments", List.of(
        Map.of("service_principal_name", sp.appId(), "permissions", List.of("USER")),
        Map.of("service_principal_name", "TD-CAS-Service", "permissions", List.of("USER")))));

    // then
    JsonNode items = r.json().path("permission_assignments");
    assertThat(r.status()).isEqualTo(200);
    assertThat(items.get(0).has("error")).isFalse();
    assertThat(items.get(0).at("/principal/principal_id").asText()).isEqualTo(sp.id());
    assertThat(items.get(1).path("error").asText()).contains("TD-CAS-Service");
    assertThat(fake.workspace().assignments()).hasSize(1);
  }

  @Test
  void workspacePutAndDeleteByIdAndListWork() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp put = ws.put("/api/2.0/preview/permissionassignments/principals/" + sp.id(), json("permissions", List.of("USER")));
    Api.Resp list = ws.get("/api/2.0/preview/permissionassignments");
    Api.Resp del = ws.delete("/api/2.0/preview/permissionassignments/principals/" + sp.id());

    // then
    assertThat(put.status()).isEqualTo(200);
    assertThat(list.json().path("permission_assignments").findValuesAsText("service_principal_name")).containsExactly(sp.appId());
    assertThat(del.status()).isEqualTo(200);
    assertThat(fake.workspace().assignments()).isEmpty();
  }

  @Test
  void assigningUserPutsThePrincipalInTheUsersGroup() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");

    // when
    Api.Resp r = ws.get("/api/2.0/preview/scim/v2/ServicePrincipals/" + sp.id());

    // then
    assertThat(r.json().path("groups").findValuesAsText("display")).containsExactly("users");
  }

  @Test
  void accountWorkspacesAreListed() {
    // when
    Api.Resp r = account.get(account.accountPath("/workspaces"));

    // then
    assertThat(r.json().get(0).path("workspace_id").asLong()).isEqualTo(fake.workspaceId());
    assertThat(r.json().get(0).path("workspace_status").asText()).isEqualTo("RUNNING");
  }
}
