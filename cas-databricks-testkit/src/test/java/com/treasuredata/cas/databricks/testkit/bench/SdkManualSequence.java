package com.treasuredata.cas.databricks.testkit.bench;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.UpdateWorkspaceAssignments;
import com.databricks.sdk.service.iam.WorkspacePermission;
import com.databricks.sdk.service.settings.CreateIpAccessList;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.CreateOboTokenResponse;
import com.databricks.sdk.service.settings.ListType;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import java.util.List;
import java.util.Map;

/**
 * What a user would write instead of this library: the manual page's steps as a straight line of
 * databricks-sdk-java calls, with no lookups, no idempotency and no concurrency. Used only as the
 * benchmark baseline.
 */
final class SdkManualSequence {

  record Target(String accountHost, String accountId, String workspaceHost, long workspaceId, String adminToken) {}

  record Outcome(String applicationId, String tokenId) {}

  private SdkManualSequence() {}

  static Outcome run(Target target, String displayName, String catalog, String ipLabel, List<String> ips) {
    AccountClient account =
        new AccountClient(
            new DatabricksConfig()
                .setHost(target.accountHost())
                .setAccountId(target.accountId())
                .setToken(target.adminToken())
                .setAuthType("pat"));
    WorkspaceClient workspace =
        new WorkspaceClient(
            new DatabricksConfig().setHost(target.workspaceHost()).setToken(target.adminToken()).setAuthType("pat"));

    // 1. create the service principal in the account
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName(displayName).setActive(true));
    long scimId = Long.parseLong(sp.getId());
    String applicationId = sp.getApplicationId();
    // 2. add it to the workspace
    account
        .workspaceAssignment()
        .update(
            new UpdateWorkspaceAssignments()
                .setWorkspaceId(target.workspaceId())
                .setPrincipalId(scimId)
                .setPermissions(List.of(WorkspacePermission.USER)));
    // 3. token usage
    workspace
        .tokenManagement()
        .updatePermissions(
            new TokenPermissionsRequest()
                .setAccessControlList(
                    List.of(
                        new TokenAccessControlRequest()
                            .setServicePrincipalName(applicationId)
                            .setPermissionLevel(TokenPermissionLevel.CAN_USE))));
    // 4. first PAT on behalf of the service principal
    CreateOboTokenResponse obo =
        workspace
            .tokenManagement()
            .createOboToken(
                new CreateOboTokenRequest().setApplicationId(applicationId).setLifetimeSeconds(86_400L).setComment("CAS"));
    // 5. check the token works
    WorkspaceClient asSp =
        new WorkspaceClient(
            new DatabricksConfig().setHost(target.workspaceHost()).setToken(obo.getTokenValue()).setAuthType("pat"));
    String me = asSp.currentUser().me(new MeRequest()).getUserName();
    if (!applicationId.equals(me)) {
      throw new IllegalStateException("token authenticates as someone else");
    }
    // 6. grants on the catalog
    workspace.catalogs().get(catalog);
    workspace
        .grants()
        .update(
            new UpdatePermissions()
                .setSecurableType("catalog")
                .setFullName(catalog)
                .setChanges(
                    List.of(
                        new PermissionsChange()
                            .setPrincipal(applicationId)
                            .setAdd(
                                List.of(
                                    Privilege.USE_CATALOG,
                                    Privilege.USE_SCHEMA,
                                    Privilege.BROWSE,
                                    Privilege.EXECUTE,
                                    Privilege.SELECT)))));
    // 7. IP access list, when the workspace uses them
    Map<String, String> conf = workspace.workspaceConf().getStatus("enableIpAccessLists");
    if ("true".equals(conf.get("enableIpAccessLists"))) {
      workspace
          .ipAccessLists()
          .create(new CreateIpAccessList().setLabel(ipLabel).setListType(ListType.ALLOW).setIpAddresses(ips));
    }
    return new Outcome(applicationId, obo.getTokenInfo().getTokenId());
  }
}
