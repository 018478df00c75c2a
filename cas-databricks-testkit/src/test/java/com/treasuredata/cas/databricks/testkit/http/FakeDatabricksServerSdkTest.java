package com.treasuredata.cas.databricks.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The official databricks-sdk-java clients against the server, on one port for account and workspace. */
class FakeDatabricksServerSdkTest {

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final FakeDatabricksServer server = FakeDatabricksServer.create(fake).start();

  @AfterEach
  void close() {
    server.close();
    fake.close();
  }

  private WorkspaceClient workspaceClient() {
    return new WorkspaceClient(new DatabricksConfig()
        .setHost(server.url().toString())
        .setToken(fake.adminToken().reveal()));
  }

  @Test
  void theWorkspaceClientReadsTheCurrentUser() {
    // when
    User me = workspaceClient().currentUser().me(new MeRequest());

    // then
    assertThat(me.getUserName()).isEqualTo(fake.adminUserName());
  }

  @Test
  void theAccountClientCreatesAServicePrincipalOnTheSamePort() {
    // given
    AccountClient account = new AccountClient(new DatabricksConfig()
        .setHost(server.url().toString())
        .setAccountId(fake.accountId())
        .setToken(fake.adminToken().reveal()));

    // when
    ServicePrincipal created = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("cas-sdk"));

    // then
    assertThat(fake.account().servicePrincipal(created.getApplicationId()))
        .hasValueSatisfying(sp -> assertThat(sp.displayName()).isEqualTo("cas-sdk"));
  }

  @Test
  void anInjectedErrorReachesTheSdkAsItsExceptionType() {
    // given
    fake.faults().add(FaultRule.on("GET", "/api/2.0/preview/scim/v2/Me", Fault.status(400,
        "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"injected\"}")));
    WorkspaceClient workspace = workspaceClient();

    // when / then
    assertThatThrownBy(() -> workspace.currentUser().me(new MeRequest()))
        .isInstanceOf(InvalidParameterValue.class)
        .hasMessageContaining("injected");
  }
}
