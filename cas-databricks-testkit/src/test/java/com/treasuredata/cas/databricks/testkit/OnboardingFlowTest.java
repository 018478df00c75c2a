package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnboardingFlowTest {

  @Test
  void fullOnboardingSequenceWorksInProcess() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    Api account = Api.account(fake);
    Api ws = Api.workspace(fake);

    // when
    Api.Resp created = account.post(account.accountPath("/scim/v2/ServicePrincipals"),
        json("displayName", "TD-CAS-Service"));
    String id = created.text("/id");
    String appId = created.text("/applicationId");
    Api.Resp assigned = account.put(account.accountPath("/workspaces/" + fake.workspaceId()
        + "/permissionassignments/principals/" + id), json("permissions", List.of("USER")));
    Api.Resp acl = ws.patch("/api/2.0/permissions/authorization/tokens",
        json("access_control_list", List.of(Map.of("service_principal_name", appId, "permission_level", "CAN_USE"))));
    Api.Resp obo = ws.post("/api/2.0/token-management/on-behalf-of/tokens",
        json("application_id", appId, "lifetime_seconds", 86400, "comment", "cas"));
    Secret pat = Secret.of(obo.text("/token_value"));
    Api.Resp me = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(created.status()).isEqualTo(201);
    assertThat(assigned.status()).isEqualTo(200);
    assertThat(acl.status()).isEqualTo(200);
    assertThat(obo.status()).isEqualTo(200);
    assertThat(pat.reveal()).matches("dapi[0-9a-f]{32}");
    assertThat(me.text("/userName")).isEqualTo(appId);
    assertThat(fake.workspace().tokens()).singleElement().satisfies(t -> assertThat(t.owner()).isEqualTo(appId));
  }
}
