package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.EffectivePermissionsList;
import com.databricks.sdk.service.catalog.GetEffectiveRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.iam.ListAccountServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.UpdateWorkspaceAssignments;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.WorkspacePermission;
import com.databricks.sdk.service.settings.CreateIpAccessList;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.CreateOboTokenResponse;
import com.databricks.sdk.service.settings.GetStatusRequest;
import com.databricks.sdk.service.settings.ListType;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import com.treasuredata.cas.databricks.internal.sdk.SdkHttpClientAdapter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A smoke test: the official SDK, in-process through the fake's transport, runs the onboarding calls. */
class SdkSmokeTest {

  // databricks-sdk-java 0.141's workspaceConf().getStatus(..) never sends ?keys=, so this fake answers every key
  private final FakeDatabricks fake = FakeDatabricks.builder()
      .behaviours(Behaviours.defaults().withConfKeysRequired(false)).build();

  private DatabricksConfig config(URI host, String token) {
    return new DatabricksConfig().setHost(host.toString()).setToken(token).setAuthType("pat")
        .setHttpClient(new SdkHttpClientAdapter(host, fake.transport()));
  }

  @Test
  void theOfficialSdkRunsTheOnboardingCallsAgainstTheEngine() {
    // given
    AccountClient account = new AccountClient(config(fake.accountHost(), fake.adminToken().reveal())
        .setAccountId(fake.accountId()));
    WorkspaceClient ws = new WorkspaceClient(config(fake.workspaceHost(), fake.adminToken().reveal()));

    // when
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    List<ServicePrincipal> found = new java.util.ArrayList<>();
    account.servicePrincipals().list(new ListAccountServicePrincipalsRequest()
        .setFilter("displayName eq \"TD-CAS-Service\"")).forEach(found::add);
    account.workspaceAssignment().update(new UpdateWorkspaceAssignments().setWorkspaceId(fake.workspaceId())
        .setPrincipalId(Long.parseLong(sp.getId())).setPermissions(List.of(WorkspacePermission.USER)));
    ws.tokenManagement().updatePermissions(new TokenPermissionsRequest().setAccessControlList(List.of(
        new TokenAccessControlRequest().setServicePrincipalName(sp.getApplicationId())
            .setPermissionLevel(TokenPermissionLevel.CAN_USE))));
    CreateOboTokenResponse obo = ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.getApplicationId()).setLifetimeSeconds(86_400L).setComment("cas"));
    User me = new WorkspaceClient(config(fake.workspaceHost(), obo.getTokenValue())).currentUser().me(new com.databricks.sdk.service.iam.MeRequest());
    CatalogInfo catalog = ws.catalogs().get("cas_demo_east1");
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName("cas_demo_east1")
        .setChanges(List.of(new PermissionsChange().setPrincipal(sp.getApplicationId())
            .setAdd(List.of(Privilege.USE_CATALOG, Privilege.USE_SCHEMA, Privilege.BROWSE, Privilege.EXECUTE, Privilege.SELECT)))));
    EffectivePermissionsList effective = ws.grants().getEffective(new GetEffectiveRequest().setSecurableType("catalog")
        .setFullName("cas_demo_east1").setPrincipal(sp.getApplicationId()));
    Map<String, String> conf = ws.workspaceConf().getStatus(new GetStatusRequest().setKeys("enableIpAccessLists"));
    ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData").setListType(ListType.ALLOW)
        .setIpAddresses(List.of("1.2.3.4")));

    // then
    assertThat(found).extracting(ServicePrincipal::getId).containsExactly(sp.getId());
    assertThat(obo.getTokenInfo().getOwnerId()).isEqualTo(Long.parseLong(sp.getId()));
    assertThat(me.getUserName()).isEqualTo(sp.getApplicationId());
    assertThat(catalog.getName()).isEqualTo("cas_demo_east1");
    assertThat(effective.getPrivilegeAssignments().iterator().next().getPrivileges()).hasSize(5);
    assertThat(conf).containsEntry("enableIpAccessLists", "false");
    assertThat(fake.workspace().ipAccessLists()).hasSize(1);
    assertThat(fake.journal().unknownRoutes()).isEmpty();
  }

  @Test
  void theSdkReadsEveryShapeTheEngineWrites() {
    // given
    AccountClient account = new AccountClient(config(fake.accountHost(), fake.adminToken().reveal())
        .setAccountId(fake.accountId()));
    WorkspaceClient ws = new WorkspaceClient(config(fake.workspaceHost(), fake.adminToken().reveal()));
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("cas"));
    long spId = Long.parseLong(sp.getId());

    // when
    account.servicePrincipals().patch(new com.databricks.sdk.service.iam.PartialUpdate().setId(sp.getId())
        .setOperations(List.of(new com.databricks.sdk.service.iam.Patch().setOp(com.databricks.sdk.service.iam.PatchOp.REPLACE)
            .setPath("displayName").setValue("renamed"))));
    account.servicePrincipals().update(account.servicePrincipals().get(sp.getId()).setDisplayName("again"));
    account.workspaceAssignment().update(new UpdateWorkspaceAssignments().setWorkspaceId(fake.workspaceId())
        .setPrincipalId(spId).setPermissions(List.of(WorkspacePermission.USER)));
    List<com.databricks.sdk.service.iam.PermissionAssignment> assignments = new java.util.ArrayList<>();
    account.workspaceAssignment().list(fake.workspaceId()).forEach(assignments::add);
    var levels = account.workspaceAssignment().get(fake.workspaceId());
    List<ServicePrincipal> wsSps = new java.util.ArrayList<>();
    ws.servicePrincipals().list(new com.databricks.sdk.service.iam.ListServicePrincipalsRequest()).forEach(wsSps::add);
    // the SDK pitfall: TokenPermissionLevel has no CAN_MANAGE, so a PUT cannot keep the admins entry
    assertThatThrownBy(() -> ws.tokenManagement().setPermissions(new TokenPermissionsRequest().setAccessControlList(List.of(
        new TokenAccessControlRequest().setGroupName("admins").setPermissionLevel(null),
        new TokenAccessControlRequest().setServicePrincipalName(sp.getApplicationId())
            .setPermissionLevel(TokenPermissionLevel.CAN_USE))))).hasMessageContaining("Cannot change permissions for group 'admins' to None.");
    var acl = ws.tokenManagement().updatePermissions(new TokenPermissionsRequest().setAccessControlList(List.of(
        new TokenAccessControlRequest().setServicePrincipalName(sp.getApplicationId())
            .setPermissionLevel(TokenPermissionLevel.CAN_USE))));
    var tokenLevels = ws.tokenManagement().getPermissionLevels();
    CreateOboTokenResponse obo = ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.getApplicationId()).setLifetimeSeconds(3600L));
    List<com.databricks.sdk.service.settings.TokenInfo> infos = new java.util.ArrayList<>();
    ws.tokenManagement().list(new com.databricks.sdk.service.settings.ListTokenManagementRequest()).forEach(infos::add);
    WorkspaceClient asSp = new WorkspaceClient(config(fake.workspaceHost(), obo.getTokenValue()));
    var own = asSp.tokens().create(new com.databricks.sdk.service.settings.CreateTokenRequest().setLifetimeSeconds(600L));
    List<com.databricks.sdk.service.settings.PublicTokenInfo> ownList = new java.util.ArrayList<>();
    asSp.tokens().list().forEach(ownList::add);
    asSp.tokens().delete(own.getTokenInfo().getTokenId());
    var created = ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TD").setListType(ListType.ALLOW)
        .setIpAddresses(List.of("1.2.3.4")));
    String listId = created.getIpAccessList().getListId();
    ws.ipAccessLists().update(new com.databricks.sdk.service.settings.UpdateIpAccessList().setIpAccessListId(listId)
        .setIpAddresses(List.of("1.2.3.4", "5.6.7.0/24")));
    ws.ipAccessLists().replace(new com.databricks.sdk.service.settings.ReplaceIpAccessList().setIpAccessListId(listId)
        .setLabel("TD").setListType(ListType.ALLOW).setEnabled(true).setIpAddresses(List.of("9.9.9.9")));
    var fetched = ws.ipAccessLists().get(listId);
    ws.workspaceConf().setStatus(Map.of("maxTokenLifetimeDays", "90"));
    var secret = account.servicePrincipalSecrets().create(new com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretRequest()
        .setServicePrincipalId(sp.getId()).setLifetime("3600s"));
    List<com.databricks.sdk.service.oauth2.SecretInfo> secrets = new java.util.ArrayList<>();
    ws.servicePrincipalSecretsProxy().list(new com.databricks.sdk.service.oauth2.ListServicePrincipalSecretsRequest()
        .setServicePrincipalId(sp.getId())).forEach(secrets::add);
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName("cas_demo_east1")
        .setChanges(List.of(new PermissionsChange().setPrincipal(sp.getApplicationId()).setAdd(List.of(Privilege.SELECT)))));
    var grants = ws.grants().get(new com.databricks.sdk.service.catalog.GetGrantRequest().setSecurableType("catalog")
        .setFullName("cas_demo_east1"));
    List<CatalogInfo> catalogs = new java.util.ArrayList<>();
    ws.catalogs().list(new com.databricks.sdk.service.catalog.ListCatalogsRequest()).forEach(catalogs::add);
    List<com.databricks.sdk.service.catalog.SchemaInfo> schemas = new java.util.ArrayList<>();
    ws.schemas().list(new com.databricks.sdk.service.catalog.ListSchemasRequest().setCatalogName("cas_demo_east1"))
        .forEach(schemas::add);
    account.servicePrincipals().delete(sp.getId());

    // then
    assertThat(fake.journal().unknownRoutes()).isEmpty();
    assertThat(assignments).extracting(a -> a.getPrincipal().getServicePrincipalName()).contains(sp.getApplicationId());
    assertThat(levels.getPermissions()).hasSize(2);
    assertThat(wsSps).extracting(ServicePrincipal::getDisplayName).containsExactly("again");
    assertThat(acl.getAccessControlList()).hasSize(2);
    assertThat(tokenLevels.getPermissionLevels()).isNotEmpty();
    assertThat(infos).extracting(i -> i.getOwnerId()).containsExactly(spId);
    assertThat(ownList).hasSize(2);
    assertThat(fetched.getIpAccessList().getIpAddresses()).containsExactly("9.9.9.9");
    assertThat(fetched.getIpAccessList().getListType()).isEqualTo(ListType.ALLOW);
    assertThat(fake.workspace().conf()).containsEntry("maxTokenLifetimeDays", "90");
    assertThat(secret.getSecret()).startsWith("dose");
    assertThat(secrets).extracting(com.databricks.sdk.service.oauth2.SecretInfo::getId).containsExactly(secret.getId());
    assertThat(grants.getPrivilegeAssignments()).hasSize(1);
    assertThat(catalogs).extracting(CatalogInfo::getName).containsExactly("cas_demo_east1");
    assertThat(schemas).extracting(com.databricks.sdk.service.catalog.SchemaInfo::getName).containsExactly("default");
    assertThat(fake.account().servicePrincipals()).isEmpty();
  }

  @Test
  void sdkErrorsCarryTheRealCodes() {
    // given
    WorkspaceClient ws = new WorkspaceClient(config(fake.workspaceHost(), fake.adminToken().reveal()));

    // then
    assertThatThrownBy(() -> ws.catalogs().get("nope")).isInstanceOfSatisfying(DatabricksError.class,
        e -> assertThat(e.getErrorCode()).isEqualTo("CATALOG_DOES_NOT_EXIST"));
    assertThatThrownBy(() -> ws.tokenManagement().get("nope")).isInstanceOfSatisfying(DatabricksError.class,
        e -> assertThat(e.getErrorCode()).isEqualTo("NOT_FOUND"));
  }
}
