package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.Secret;
import java.util.List;
import java.util.Map;

/** Test helper: the onboarding steps through the REST API, asserting each succeeded. */
final class Onboard {

  private final FakeDatabricks fake;
  final Api account;
  final Api ws;

  Onboard(FakeDatabricks fake) {
    this.fake = fake;
    this.account = Api.account(fake);
    this.ws = Api.workspace(fake);
  }

  /** A created service principal: SCIM id and applicationId. */
  record Sp(String id, String appId) {}

  Sp createSp(String displayName) {
    Api.Resp r = account.post(account.accountPath("/scim/v2/ServicePrincipals"), json("displayName", displayName));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return new Sp(r.text("/id"), r.text("/applicationId"));
  }

  Api.Resp assign(Sp sp, String permission) {
    return account.put(account.accountPath("/workspaces/" + fake.workspaceId() + "/permissionassignments/principals/" + sp.id()),
        json("permissions", List.of(permission)));
  }

  Api.Resp grantCanUse(Sp sp) {
    return ws.patch("/api/2.0/permissions/authorization/tokens",
        json("access_control_list", List.of(Map.of("service_principal_name", sp.appId(), "permission_level", "CAN_USE"))));
  }

  Api.Resp obo(Sp sp, long lifetimeSeconds) {
    return ws.post("/api/2.0/token-management/on-behalf-of/tokens",
        json("application_id", sp.appId(), "lifetime_seconds", lifetimeSeconds, "comment", "cas"));
  }

  /** Creates, assigns, grants CAN_USE and mints a 1-day OBO token. */
  Secret onboarded(Sp sp) {
    assertThat(assign(sp, "USER").status()).isEqualTo(200);
    assertThat(grantCanUse(sp).status()).isEqualTo(200);
    Api.Resp r = obo(sp, 86_400);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Secret.of(r.text("/token_value"));
  }
}
