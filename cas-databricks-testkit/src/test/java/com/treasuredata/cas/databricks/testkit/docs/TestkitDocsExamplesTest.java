package com.treasuredata.cas.databricks.testkit.docs;

import static com.treasuredata.cas.databricks.testkit.assertions.FakeDatabricksAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.iam.MeRequest;
import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import com.treasuredata.cas.databricks.testkit.junit5.FakeDatabricksExtension;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every Java example of docs/testkit.md, as written there. */
class TestkitDocsExamplesTest {

  @Nested
  class InProcess {

    @RegisterExtension
    final FakeDatabricksExtension databricks = FakeDatabricksExtension.create();

    @Test
    void onboardsAWorkspace(FakeDatabricks fake) {
      CasOnboarding onboarding = CasOnboarding.builder()
          .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken()))
          .servicePrincipal("TD-CAS-Service")
          .token(Duration.ofDays(1))
          .grant(CatalogGrant.dataReader("cas_demo_east1"))
          .transport(fake.transport())          // in-process: no sockets
          .build();

      OnboardingResult result = onboarding.apply();

      assertThat(fake).hasServicePrincipalNamed("TD-CAS-Service").withTokenUsage().isAssignedToWorkspace();
      assertThat(fake).catalog("cas_demo_east1")
          .grantsExactly(result.applicationId(), "USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT");

      fake.journal().clear();
      onboarding.plan();                        // planning only reads
      assertThat(fake).journal().madeNoWrites();
    }

    @Test
    void readsThroughTheTransport(FakeDatabricks fake) throws Exception {
      TransportResponse me = fake.transport().execute(
          TransportRequest.get(URI.create(fake.workspaceHost() + "/api/2.0/preview/scim/v2/Me"))
              .withHeader("Authorization", "Bearer " + fake.adminToken().reveal()));

      assertThat(me.status()).isEqualTo(200);
      assertThat(fake).journal().madeRequests(1).madeNoWrites();
    }
  }

  @Nested
  class OverHttp {

    @RegisterExtension
    static final FakeDatabricksExtension databricks = FakeDatabricksExtension.create().overHttp();

    @Test
    void theSdkTalksToTheFake(FakeDatabricksServer server, FakeDatabricks fake) {
      WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
          .setHost(server.url().toString())
          .setToken(fake.adminToken().reveal()));

      assertThat(workspace.currentUser().me(new MeRequest()).getUserName()).isEqualTo(fake.adminUserName());
    }

    @Test
    void aScriptedFaultMustFire(FakeDatabricks fake) {
      fake.faults().add(FaultRule.on("GET", "/api/2.0/preview/scim/v2/Me",
          Fault.status(403, "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"no\"}")));
      WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
          .setHost(databricks.url().toString())
          .setToken(fake.adminToken().reveal()));

      assertThatThrownBy(() -> workspace.currentUser().me(new MeRequest()))
          .isInstanceOf(com.databricks.sdk.core.error.platform.PermissionDenied.class);
      // had the request not been made, the extension would fail this test after it ran
    }
  }
}
