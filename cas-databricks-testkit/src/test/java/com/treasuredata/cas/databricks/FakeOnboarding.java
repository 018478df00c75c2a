package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import java.util.Map;

/** What the end-to-end tests share: an onboarding wired to a fake, and asking the fake who a token is. */
final class FakeOnboarding {

  private FakeOnboarding() {}

  /** Returns a builder with the fake's account and workspace as admin, its clock and its in-process transport. */
  static CasOnboardingBuilder against(FakeDatabricks fake) {
    Secret admin = fake.adminToken();
    return CasOnboarding.builder()
        .account(DatabricksTarget.pat(fake.accountHost().toString(), admin).withAccountId(fake.accountId()))
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), admin))
        .workspaceId(fake.workspaceId())
        .clock(fake.clock().asClock())
        .transport(fake.transport());
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
