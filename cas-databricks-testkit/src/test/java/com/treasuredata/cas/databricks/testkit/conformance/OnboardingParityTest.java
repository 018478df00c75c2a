package com.treasuredata.cas.databricks.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.catalog.GetEffectiveRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.iam.ListAccountServicePrincipalsRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.UpdateWorkspaceAssignments;
import com.databricks.sdk.service.iam.WorkspacePermission;
import com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretRequest;
import com.databricks.sdk.service.settings.CreateIpAccessList;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.ListType;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parity test in its strictest form: the whole onboarding of reference §k, run through the
 * official SDK once over HTTP and once in-process from the same starting state, must leave the
 * same journal (every request, its status and principal) and the same state, ids included (a
 * {@code reset()} replays the fake's id generator).
 */
class OnboardingParityTest {

  private static final String CATALOG = "cas_demo_east1";

  private static ConformanceFixture fx;

  @BeforeAll
  static void startFake() {
    fx = ConformanceFixture.start();
  }

  @AfterAll
  static void stopFake() {
    fx.close();
  }

  /** What a run leaves behind, without times or hosts. */
  record Outcome(List<String> journal, List<Object> state, List<String> answers) {}

  @Test
  void theFullOnboardingLeavesTheSameJournalAndStateOverHttpAndInProcess() {
    // given
    Outcome overHttp = onboard(Mode.HTTP);

    // when
    Outcome inProcess = onboard(Mode.IN_PROCESS);

    // then
    assertThat(inProcess.journal()).isNotEmpty().containsExactlyElementsOf(overHttp.journal());
    assertThat(inProcess.answers()).containsExactlyElementsOf(overHttp.answers());
    assertThat(inProcess.state()).containsExactlyElementsOf(overHttp.state());
  }

  private static Outcome onboard(Mode mode) {
    fx.reset();
    FakeDatabricks fake = fx.fake();
    String admin = fake.adminToken().reveal();
    AccountClient account = new AccountClient(fx.patConfig(mode, fx.accountHost(mode), admin)
        .setAccountId(fake.accountId()));
    WorkspaceClient ws = fx.workspace(mode, admin);
    List<String> answers = new ArrayList<>();

    // 1. find or create the service principal
    List<ServicePrincipal> existing = ConformanceFixture.toList(account.servicePrincipals().list(
        new ListAccountServicePrincipalsRequest().setFilter("displayName eq \"TD-CAS-Service\"")));
    ServicePrincipal sp = existing.isEmpty()
        ? account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"))
        : existing.get(0);
    String appId = sp.getApplicationId();
    // 2. put it into the workspace
    account.workspaceAssignment().update(new UpdateWorkspaceAssignments().setWorkspaceId(fake.workspaceId())
        .setPrincipalId(Long.parseLong(sp.getId())).setPermissions(List.of(WorkspacePermission.USER)));
    // 3. CAN_USE on tokens, by PATCH
    ws.tokenManagement().updatePermissions(new TokenPermissionsRequest().setAccessControlList(List.of(
        new TokenAccessControlRequest().setServicePrincipalName(appId).setPermissionLevel(TokenPermissionLevel.CAN_USE))));
    // 4. the first PAT on behalf of the SP, 5. checked with Me, then a second PAT minted by the SP
    String pat = ws.tokenManagement().createOboToken(new CreateOboTokenRequest().setApplicationId(appId)
        .setLifetimeSeconds(86_400L).setComment("cas")).getTokenValue();
    WorkspaceClient asSp = fx.workspace(mode, pat);
    answers.add(asSp.currentUser().me(new MeRequest()).getUserName());
    answers.add(asSp.tokens().create(new CreateTokenRequest().setLifetimeSeconds(3600L)).getTokenInfo().getTokenId());
    // 6. the catalog exists, grant the Data Reader privileges, read them back as effective
    answers.add(ws.catalogs().get(CATALOG).getFullName());
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal(appId).setAdd(List.of(Privilege.USE_CATALOG,
            Privilege.USE_SCHEMA, Privilege.BROWSE, Privilege.EXECUTE, Privilege.SELECT)))));
    answers.add(String.valueOf(ws.grants().getEffective(new GetEffectiveRequest().setSecurableType("catalog")
        .setFullName(CATALOG).setPrincipal(appId)).getPrivilegeAssignments().iterator().next().getPrivileges().size()));
    // 7. IP access lists: read the flag, add TD's egress list
    Map<String, String> conf = ws.apiClient().getStringMap(
        new Request("GET", "/api/2.0/workspace-conf").withQueryParam("keys", "enableIpAccessLists"));
    answers.add(conf.get("enableIpAccessLists"));
    answers.add(ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData").setListType(ListType.ALLOW)
        .setIpAddresses(List.of("203.0.113.0/24"))).getIpAccessList().getListId());
    // OAuth M2M as the alternative credential
    String secret = account.servicePrincipalSecrets().create(new CreateServicePrincipalSecretRequest()
        .setServicePrincipalId(sp.getId())).getSecret();
    answers.add(fx.oauthWorkspace(mode, appId, secret).currentUser().me(new MeRequest()).getUserName());

    List<String> journal = new ArrayList<>();
    for (JournalEntry e : fake.journal().entries()) {
      journal.add(e.method() + " " + e.path() + "?" + e.query().orElse("") + " -> " + e.status() + " as "
          + e.principal() + " ws=" + e.workspaceId().map(String::valueOf).orElse("-") + " write=" + e.write()
          + e.fault().map(f -> " fault=" + f).orElse(""));
    }
    List<Object> state = List.of(fake.account().servicePrincipals(), fake.workspace().assignments(),
        fake.workspace().tokenAcl(), fake.workspace().tokens(), fake.workspace().grants(CATALOG),
        fake.workspace().ipAccessLists(), fake.workspace().conf(),
        fake.account().secrets(Long.parseLong(sp.getId())), Optional.of(fake.clock().now()));
    return new Outcome(journal, state, answers);
  }
}
