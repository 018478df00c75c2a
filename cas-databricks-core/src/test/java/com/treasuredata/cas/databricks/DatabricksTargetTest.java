package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testing.FakeTokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class DatabricksTargetTest {

  private static final String ACCOUNT_ID = "0d3e7a6c-1b2f-4c5d-8e9f-a0b1c2d3e4f5";

  @TempDir Path dir;

  private Path config;
  private final Secret token = FakeTokens.pat();
  private final Secret clientSecret = FakeTokens.clientSecret();

  @BeforeEach
  void writeConfig() throws IOException {
    config = dir.resolve("databrickscfg");
    Files.writeString(config, String.join("\n",
        "[admin]",
        "host = https://dbc-1234.cloud.databricks.com/",
        "token = " + token.reveal(),
        "",
        "[account-admin]",
        "host = https://accounts.cloud.databricks.com",
        "account_id = " + ACCOUNT_ID,
        "client_id = 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        "client_secret = " + clientSecret.reveal(),
        "",
        "[both]",
        "host = https://dbc-1234.cloud.databricks.com",
        "token = " + token.reveal(),
        "client_id = 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        "client_secret = " + clientSecret.reveal(),
        "",
        "[empty]",
        "host = https://dbc-1234.cloud.databricks.com",
        "",
        "[half-oauth]",
        "host = https://dbc-1234.cloud.databricks.com",
        "client_id = 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        "",
        "[plain-http]",
        "host = http://dbc-1234.cloud.databricks.com",
        "token = " + token.reveal(),
        "",
        "[bad-account]",
        "host = https://accounts.cloud.databricks.com",
        "account_id = my-account",
        "token = " + token.reveal(),
        "",
        "[azure]",
        "host = https://adb-1.2.azuredatabricks.net",
        "azure_client_id = 11111111-2222-3333-4444-555555555555",
        "azure_client_secret = " + clientSecret.reveal(),
        "azure_tenant_id = 99999999-2222-3333-4444-555555555555",
        "",
        "[cli]",
        "host = https://dbc-1234.cloud.databricks.com",
        "auth_type = databricks-cli",
        ""));
    CapturedLogs.clear();
  }

  @Test
  void aPatProfileIsResolvedByTheSdkWithoutAnyNetworkOrWarning() {
    // given / when
    DatabricksTarget target = DatabricksTarget.profile("admin", config);

    // then
    assertThat(target.host()).isEqualTo(URI.create("https://dbc-1234.cloud.databricks.com"));
    assertThat(target.authType()).isEqualTo("pat");
    assertThat(target.accountId()).isEmpty();
    assertThat(target.isAccountHost()).isFalse();
    assertThat(CapturedLogs.at(Level.WARN)).isEmpty();
  }

  @Test
  void anOauthAccountProfileCarriesItsAccountId() {
    // given / when
    DatabricksTarget target = DatabricksTarget.profile("account-admin", config);

    // then
    assertThat(target.authType()).isEqualTo("oauth-m2m");
    assertThat(target.accountId()).contains(ACCOUNT_ID);
    assertThat(target.isAccountHost()).isTrue();
  }

  @Test
  void otherAuthTypesAreDelegatedToTheSdk() {
    // given / when
    DatabricksTarget target = DatabricksTarget.profile("cli", config);

    // then
    assertThat(target.authType()).isEqualTo("databricks-cli");
  }

  @Test
  void azureCredentialsAreLeftToTheSdkCredentialChain() {
    // given / when
    DatabricksTarget target = DatabricksTarget.profile("azure", config);

    // then
    assertThat(target.authType()).isEqualTo("default");
    assertThat(target.toString()).doesNotContain(clientSecret.reveal());
  }

  @Test
  void targetsWithTheSameValuesAreEqual() {
    // given / when
    DatabricksTarget one = DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", token);
    DatabricksTarget two = DatabricksTarget.pat("https://DBC-1234.cloud.databricks.com/", Secret.of(token.reveal()));
    DatabricksTarget other = DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", FakeTokens.pat());

    // then
    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(other);
  }

  @Test
  void conflictingCredentialsAreRefusedNamingTheProfile() {
    assertThatThrownBy(() -> DatabricksTarget.profile("both", config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("profile 'both' in " + config)
        .hasMessageContaining("more than one authentication method")
        .hasMessageContaining("keep one, or set auth_type");
  }

  @Test
  void missingCredentialsAreRefused() {
    assertThatThrownBy(() -> DatabricksTarget.profile("empty", config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("profile 'empty'")
        .hasMessageContaining("has no credentials")
        .hasMessageContaining("token")
        .hasMessageContaining("client_id and client_secret");
    assertThatThrownBy(() -> DatabricksTarget.profile("half-oauth", config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sets client_id but not client_secret");
  }

  @Test
  void aMissingProfileIsRefused() {
    assertThatThrownBy(() -> DatabricksTarget.profile("nope", config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no nope profile configured");
  }

  @Test
  void profileHostsAreValidatedLikeExplicitOnes() {
    assertThatThrownBy(() -> DatabricksTarget.profile("plain-http", config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http, which is allowed only for loopback");
    assertThatThrownBy(() -> DatabricksTarget.profile("bad-account", config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accountId 'my-account'")
        .hasMessageContaining("UUID");
  }

  @Test
  void blankOrNullProfileNamesAreRefused() {
    assertThatThrownBy(() -> DatabricksTarget.profile(" ", config)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profile name");
    assertThatThrownBy(() -> DatabricksTarget.profile(null, config)).isInstanceOf(NullPointerException.class).hasMessageContaining("name");
  }

  @Test
  void patAndOauthFactoriesValidateEagerly() {
    assertThatThrownBy(() -> DatabricksTarget.pat("https://dbc-1.cloud.databricks.com/some/path", token))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain a path");
    assertThatThrownBy(() -> DatabricksTarget.pat("https://dbc-1.cloud.databricks.com", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> DatabricksTarget.oauth("https://dbc-1.cloud.databricks.com", " ", clientSecret))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    assertThatThrownBy(() -> DatabricksTarget.pat("https://accounts.cloud.databricks.com", token).withAccountId("123"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountId '123'");
  }

  @Test
  void aBareHostNameOrAnInvalidPortIsRefusedAndLoopbackMayUseHttp() {
    // given / when
    DatabricksTarget local = DatabricksTarget.pat("http://127.0.0.1:8443/", token);

    // then
    assertThat(local.host()).isEqualTo(URI.create("http://127.0.0.1:8443"));
    assertThatThrownBy(() -> DatabricksTarget.pat("DBC-1234.cloud.databricks.com", token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no scheme")
        .hasMessageContaining("https://DBC-1234.cloud.databricks.com");
    assertThatThrownBy(() -> DatabricksTarget.oauth("dbc-1234.cloud.databricks.com", "cas", FakeTokens.clientSecret()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no scheme");
    assertThatThrownBy(() -> DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com:99999", token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 99999")
        .hasMessageContaining("1 to 65535");
  }

  @Test
  void toStringNeverPrintsASecret() {
    // given
    DatabricksTarget pat = DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", token);
    DatabricksTarget oauth = DatabricksTarget.oauth("https://accounts.cloud.databricks.com", "app", clientSecret)
        .withAccountId(ACCOUNT_ID);
    DatabricksTarget profile = DatabricksTarget.profile("account-admin", config);

    // when
    String text = pat + " " + oauth + " " + profile + " " + DatabricksTarget.profile("admin", config);

    // then
    assertThat(text).doesNotContain(token.reveal()).doesNotContain(clientSecret.reveal());
    assertThat(pat.toString()).isEqualTo("DatabricksTarget[host=https://dbc-1234.cloud.databricks.com, auth=pat,"
        + " from host https://dbc-1234.cloud.databricks.com]");
    assertThat(oauth.toString()).contains("auth=oauth-m2m", "accountId=" + ACCOUNT_ID);
    assertThat(profile.toString()).contains("profile 'account-admin' in " + config);
  }

  @Test
  void withAccountIdReturnsACopy() {
    // given
    DatabricksTarget original = DatabricksTarget.pat("https://accounts.cloud.databricks.com", token);

    // when
    DatabricksTarget copy = original.withAccountId(ACCOUNT_ID);

    // then
    assertThat(original.accountId()).isEmpty();
    assertThat(copy.accountId()).contains(ACCOUNT_ID);
    assertThat(copy.host()).isEqualTo(original.host());
  }

  @Test
  void anEmptyEnvironmentIsRefusedBeforeAnyRequest() {
    // given: nothing configured (skipped on machines that do have Databricks configuration)
    assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("DATABRICKS_")));
    assumeFalse(Files.exists(Path.of(System.getProperty("user.home"), ".databrickscfg")));

    // when / then
    assertThatThrownBy(DatabricksTarget::environment)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the DATABRICKS_* environment")
        .hasMessageContaining("has no host");
  }
}
