package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported {@code .databrickscfg} profiles load with the official Databricks SDK, over HTTP, and SCIM Me answers as the service principal. */
class CredentialExportTest {

  @TempDir Path dir;

  @Test
  void aTokenProfileAndAnOAuthProfileLoadWithTheSdkAndAuthenticateAsTheServicePrincipal() throws Exception {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    OnboardingResult result = FakeOnboarding.against(fake).servicePrincipal("TD-CAS-Service").token(Duration.ofDays(30))
        .oauthSecret(Duration.ofDays(30)).withoutGrants().build().apply();
    Path file = dir.resolve(".databrickscfg");
    Files.writeString(file, "[other]\nhost = https://example.cloud.databricks.com\ntoken = keep-me\n");

    try (FakeDatabricksServer server = FakeDatabricksServer.create(fake).start()) {
      // when
      CredentialExport.writeTokenProfile(file, "cas", server.url(), result.token().orElseThrow());
      CredentialExport.writeOAuthProfile(file, "cas-oauth", server.url(), result.applicationId(), result.oauthSecret().orElseThrow());
      CredentialExport.writeTokenProfile(file, "cas", server.url(), result.token().orElseThrow());

      // then
      for (String profile : new String[] {"cas", "cas-oauth"}) {
        DatabricksConfig config = new DatabricksConfig().setConfigFile(file.toString()).setProfile(profile);
        assertThat(new WorkspaceClient(config).currentUser().me(new com.databricks.sdk.service.iam.MeRequest()).getUserName()).as(profile).isEqualTo(result.applicationId());
      }
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String text = Files.readString(file);
    assertThat(text).contains("[other]", "keep-me", "[cas-oauth]", "client_id = " + result.applicationId());
    assertThat(text.split("\\[cas]", -1)).hasSize(2);
    assertThat(CredentialExport.json(result, false)).doesNotContain(result.token().orElseThrow().reveal());
  }
}
