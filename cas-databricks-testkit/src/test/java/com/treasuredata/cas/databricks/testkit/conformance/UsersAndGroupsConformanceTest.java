package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListAccountGroupsRequest;
import com.databricks.sdk.service.iam.ListAccountUsersRequest;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.PermissionAssignment;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.UpdateWorkspaceAssignments;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.WorkspacePermission;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Minimal SCIM Users and Groups (account and workspace level) and what a user can hold. */
class UsersAndGroupsConformanceTest extends SharedFakeConformanceTest {

  private static final String ANALYST = "analyst@example.com";

  private static PartialUpdate patch(String id, PatchOp op, String path, Object value) {
    return new PartialUpdate().setId(id)
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
        .setOperations(List.of(new Patch().setOp(op).setPath(path).setValue(value)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void accountUsersCreateGetListFilterPatchAndDelete(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when
    User created = account.users().create(new User().setUserName(ANALYST).setDisplayName("Data Analyst"));
    User fetched = account.users().get(created.getId());
    List<User> filtered = toList(account.users().list(
        new ListAccountUsersRequest().setFilter("userName eq \"" + ANALYST + "\"")));
    List<User> all = toList(account.users().list(new ListAccountUsersRequest()));
    account.users().patch(patch(created.getId(), PatchOp.REPLACE, "active", List.of(Map.of("value", "false"))));
    User patched = account.users().get(created.getId());
    account.users().delete(created.getId());

    // then
    assertThat(created.getId()).matches("\\d+");
    assertThat(fetched.getUserName()).isEqualTo(ANALYST);
    assertThat(fetched.getDisplayName()).isEqualTo("Data Analyst");
    assertThat(fetched.getEmails()).extracting(ComplexValue::getValue).containsExactly(ANALYST);
    assertThat(filtered).extracting(User::getId).containsExactly(created.getId());
    assertThat(all).extracting(User::getUserName).contains(ANALYST, fx.fake().adminUserName());
    assertThat(patched.getActive()).isFalse();
    assertSdkError(() -> account.users().get(created.getId()), NotFound.class, "SCIM_404");
    assertThat(fx.fake().account().user(ANALYST)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aDuplicateUserNameIsAConflictWhateverItsCase(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    account.users().create(new User().setUserName(ANALYST));

    // when / then
    assertSdkError(() -> account.users().create(new User().setUserName("Analyst@Example.com")),
        ResourceConflict.class, "SCIM_409")
        .hasMessageContaining("User with username Analyst@Example.com already exists.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWorkspaceUserCreateAssignsTheAccountUserAndDeleteOnlyUnassigns(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    User created = ws.users().create(new User().setUserName(ANALYST).setDisplayName("Data Analyst"));
    List<User> listed = toList(ws.users().list(new ListUsersRequest()));
    List<PermissionAssignment> assignments = toList(fx.account(mode).workspaceAssignment().list(fx.fake().workspaceId()));
    ws.users().delete(created.getId());

    // then
    assertThat(listed).extracting(User::getUserName).containsExactlyInAnyOrder(fx.fake().adminUserName(), ANALYST);
    assertThat(assignments).filteredOn(a -> ANALYST.equals(a.getPrincipal().getUserName()))
        .singleElement().satisfies(a -> assertThat(a.getPermissions()).containsExactly(WorkspacePermission.USER));
    assertThat(fx.fake().workspace().userAssignments()).extracting(a -> a.principalName())
        .containsExactly(fx.fake().adminUserName());
    assertThat(fx.fake().account().user(ANALYST)).isPresent();
    assertSdkError(() -> ws.users().get(created.getId()), NotFound.class, "SCIM_404");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theAdminUserTheAssignmentListShowsCanBeAssignedLikeAnyPrincipal(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    long workspaceId = fx.fake().workspaceId();
    PermissionAssignment admin = toList(account.workspaceAssignment().list(workspaceId)).stream()
        .filter(a -> fx.fake().adminUserName().equals(a.getPrincipal().getUserName())).findFirst().orElseThrow();
    long adminId = admin.getPrincipal().getPrincipalId();
    fx.fake().account().addUser(ANALYST, "Data Analyst");
    long analystId = fx.fake().account().user(ANALYST).orElseThrow().id();

    // when
    PermissionAssignment reassigned = account.workspaceAssignment().update(new UpdateWorkspaceAssignments()
        .setWorkspaceId(workspaceId).setPrincipalId(adminId).setPermissions(List.of(WorkspacePermission.USER)));
    account.workspaceAssignment().update(new UpdateWorkspaceAssignments()
        .setWorkspaceId(workspaceId).setPrincipalId(analystId).setPermissions(List.of(WorkspacePermission.ADMIN)));

    // then
    assertThat(admin.getPermissions()).containsExactly(WorkspacePermission.ADMIN);
    assertThat(reassigned.getPrincipal().getUserName()).isEqualTo(fx.fake().adminUserName());
    assertThat(reassigned.getPermissions()).containsExactly(WorkspacePermission.USER);
    assertThat(fx.fake().workspace().userAssignments())
        .extracting(a -> a.principalName() + "=" + a.permissions())
        .containsExactly(fx.fake().adminUserName() + "=[USER]", ANALYST + "=[ADMIN]");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aUserHoldsUnityCatalogGrantsAndTokenAclEntries(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    fx.fake().account().addUser(ANALYST, "Data Analyst");
    fx.fake().workspace().assignUser(ANALYST, "USER");

    // when
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName("cas_demo_east1")
        .setChanges(List.of(new PermissionsChange().setPrincipal(ANALYST).setAdd(List.of(Privilege.USE_CATALOG)))));
    ws.tokenManagement().updatePermissions(new TokenPermissionsRequest().setAccessControlList(List.of(
        new TokenAccessControlRequest().setUserName(ANALYST).setPermissionLevel(TokenPermissionLevel.CAN_USE))));

    // then
    assertThat(fx.fake().workspace().privileges("cas_demo_east1", ANALYST)).containsExactly("USE_CATALOG");
    assertThat(fx.fake().workspace().tokenAcl()).contains(TokenPermission.user(ANALYST, "CAN_USE"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aUserMayHaveTheDisplayNameOfAServicePrincipal(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));

    // when
    User user = account.users().create(new User().setUserName(ANALYST).setDisplayName("TD-CAS-Service"));

    // then
    assertThat(user.getDisplayName()).isEqualTo(sp.getDisplayName());
    assertThat(fx.fake().account().servicePrincipalsNamed("TD-CAS-Service")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void accountGroupsHoldUsersAndServicePrincipalsAsMembers(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    User user = account.users().create(new User().setUserName(ANALYST));
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));

    // when
    Group group = account.groups().create(new Group().setDisplayName("cas-readers")
        .setMembers(List.of(new ComplexValue().setValue(user.getId()))));
    account.groups().patch(patch(group.getId(), PatchOp.ADD, "members",
        List.of(Map.of("value", sp.getId()))));
    Group withBoth = account.groups().get(group.getId());
    User userView = account.users().get(user.getId());
    account.groups().patch(patch(group.getId(), PatchOp.REMOVE, "members[value eq \"" + user.getId() + "\"]", null));
    List<Group> listed = toList(account.groups().list(new ListAccountGroupsRequest()));

    // then
    assertThat(withBoth.getMembers()).extracting(ComplexValue::getValue).containsExactly(user.getId(), sp.getId());
    assertThat(userView.getGroups()).extracting(ComplexValue::getDisplay).containsExactly("cas-readers");
    assertThat(listed).extracting(Group::getDisplayName).containsExactly("cas-readers");
    assertThat(fx.fake().account().groupMembers("cas-readers")).containsExactly(sp.getApplicationId());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void workspaceGroupsAdminsAndUsersListTheAssignedPrincipals(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    fx.fake().account().addUser(ANALYST, "Data Analyst");
    fx.fake().workspace().assignUser(ANALYST, "USER");

    // when
    List<Group> groups = toList(ws.groups().list(new ListGroupsRequest()));
    Group admins = groups.stream().filter(g -> g.getDisplayName().equals("admins")).findFirst().orElseThrow();
    Group users = groups.stream().filter(g -> g.getDisplayName().equals("users")).findFirst().orElseThrow();

    // then
    assertThat(admins.getMembers()).extracting(ComplexValue::getDisplay).containsExactly("Fake Admin");
    assertThat(users.getMembers()).extracting(ComplexValue::getDisplay).containsExactlyInAnyOrder("Fake Admin", "Data Analyst");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void membershipOfAdminsAndUsersIsTheWorkspaceAssignment(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    String analystId = Long.toString(fx.fake().account().addUser(ANALYST, "Data Analyst").id());
    fx.fake().workspace().assignUser(ANALYST, "USER");
    List<Group> groups = toList(ws.groups().list(new ListGroupsRequest()));
    String adminsId = groups.stream().filter(g -> g.getDisplayName().equals("admins")).findFirst().orElseThrow().getId();
    String usersId = groups.stream().filter(g -> g.getDisplayName().equals("users")).findFirst().orElseThrow().getId();

    // when
    ws.groups().patch(patch(adminsId, PatchOp.ADD, "members", List.of(Map.of("value", analystId))));
    List<String> asAdmin = fx.fake().workspace().userAssignments().stream()
        .filter(a -> a.principalName().equals(ANALYST)).findFirst().orElseThrow().permissions();
    ws.groups().patch(patch(usersId, PatchOp.REMOVE, "members[value eq \"" + analystId + "\"]", null));

    // then
    assertThat(asAdmin).containsExactly("ADMIN");
    assertThat(fx.fake().workspace().userAssignments()).extracting(a -> a.principalName())
        .containsExactly(fx.fake().adminUserName());
  }
}
