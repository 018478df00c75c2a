package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import java.util.Map;

/** What the end-to-end tests share: an onboarding wired to a fake, and asking the fake who a token is. */
public final class FakeOnboarding {

  private FakeOnboarding() {}

  /** Returns a builder with the fake's account and workspace as admin, its clock and its in-process transport. */
  public static CasOnboardingBuilder against(FakeDatabricks fake) {
    Secret admin = fake.adminToken();
    return CasOnboarding.builder()
        .account(DatabricksTarget.pat(fake.accountHost().toString(), admin).withAccountId(fake.accountId()))
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), admin))
        .workspaceId(fake.workspaceId())
        .clock(fake.clock().asClock())
        .transport(fake.transport());
  }

  /** An account admin that signs in with OAuth M2M: its application id and the account target with its client secret. */
  public record OAuthAdmin(String applicationId, DatabricksTarget account) {}

  /** Makes a service principal with an OAuth secret and the {@code account_admin} role in {@code fake}'s account. */
  public static OAuthAdmin oauthAccountAdmin(FakeDatabricks fake) {
    com.treasuredata.cas.databricks.testkit.state.ServicePrincipal admin = fake.account().addServicePrincipal("oauth-admin");
    Secret secret = fake.account().addSecret(admin.applicationId(), java.time.Duration.ofDays(30));
    FakeResponse role = fake.handle(new FakeRequest(
        "PATCH", "/api/2.0/accounts/" + fake.accountId() + "/scim/v2/ServicePrincipals/" + admin.id(), null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"),
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"roles\","
            + "\"value\":[{\"value\":\"account_admin\"}]}]}",
        fake.callerAddress(), fake.accountHost().toString()));
    if (role.status() != 200) {
      throw new IllegalStateException("making the OAuth admin an account admin answered " + role.status());
    }
    return new OAuthAdmin(
        admin.applicationId(), DatabricksTarget.oauth(fake.accountHost().toString(), admin.applicationId(), secret).withAccountId(fake.accountId()));
  }

  /** Sends {@code GET /Me} with {@code token} straight to the fake. */
  static FakeResponse me(FakeDatabricks fake, Secret token) {
    return fake.handle(
        new FakeRequest(
            "GET",
            "/api/2.0/preview/scim/v2/Me",
            null,
            Map.of("Authorization", "Bearer " + token.reveal()),
            "",
            "127.0.0.1",
            fake.workspaceHost().toString()));
  }

  /** Returns the {@code userName} in the answer to {@link #me}. */
  static String userName(FakeResponse response) {
    return Json.parse(response.body()).path("userName").asText();
  }
}
