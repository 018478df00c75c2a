package com.treasuredata.cas.databricks.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://dbc-1234.cloud.databricks.com, https://dbc-1234.cloud.databricks.com",
    "https://dbc-1234.cloud.databricks.com/, https://dbc-1234.cloud.databricks.com",
    "HTTPS://ADB-1.2.AzureDatabricks.net:443, https://adb-1.2.azuredatabricks.net:443",
    "http://localhost:8080, http://localhost:8080",
    "http://127.0.0.1:1, http://127.0.0.1:1",
    "http://127.10.20.30, http://127.10.20.30",
    "http://[::1]:9000, http://[::1]:9000",
    "https://accounts.cloud.databricks.com, https://accounts.cloud.databricks.com",
  })
  void acceptsAndNormalises(String input, String expected) {
    assertThat(Hosts.validate(input)).isEqualTo(URI.create(expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "http://dbc-1234.cloud.databricks.com | http, which is allowed only for loopback",
    "http://10.0.0.1 | http, which is allowed only for loopback",
    "http://localhost.evil.com | http, which is allowed only for loopback",
    "ftp://dbc-1234.cloud.databricks.com | has scheme 'ftp'",
    "https://dbc-1234.cloud.databricks.com/api/2.0 | must not contain a path (/api/2.0)",
    "https://dbc-1234.cloud.databricks.com/?o=123 | must not contain a query",
    "https://dbc-1234.cloud.databricks.com#frag | must not contain a fragment",
    "https://user:hunter2@dbc-1234.cloud.databricks.com | must not contain user info",
    "https:// | not a valid URL",
    "https://:443 | no host name",
    "'   ' | must not be blank",
    "https://dbc 1234 | not a valid URL",
    "dbc-1234.cloud.databricks.com | 'dbc-1234.cloud.databricks.com' has no scheme; write https://dbc-1234.cloud.databricks.com",
    "dbc-1234.cloud.databricks.com:443 | has no scheme",
    "https://dbc-1234.cloud.databricks.com:99999 | has port 99999, which is not a TCP port; allowed: 1 to 65535",
    "https://dbc-1234.cloud.databricks.com:0 | has port 0",
    "http://localhost:65536 | has port 65536",
  })
  void refusesNamingTheValueAndWhatIsAllowed(String input, String reason) {
    assertThatThrownBy(() -> Hosts.validate(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("https://<host>[:port]");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "dbc-1234.cloud.databricks.com, https://dbc-1234.cloud.databricks.com",
    "https://dbc-1234.cloud.databricks.com:8443, https://dbc-1234.cloud.databricks.com:8443",
  })
  void aConfiguredHostWithoutSchemeMeansHttpsAsInTheSdk(String input, String expected) {
    assertThat(Hosts.validateConfigured(input)).isEqualTo(URI.create(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "https://user:hunter2@dbc-1234.cloud.databricks.com, hunter2",
    "https://dbc-1234.cloud.databricks.com/?token=s3cr3t-value, s3cr3t-value",
  })
  void messagesNeverEchoUserInfoOrQueryValues(String input, String secret) {
    assertThatThrownBy(() -> Hosts.validate(input)).hasMessageNotContaining(secret);
  }

  @ParameterizedTest
  @CsvSource({"https://accounts.cloud.databricks.com, true", "https://accounts-dod.cloud.databricks.us, true",
      "https://dbc-1.cloud.databricks.com, false", "http://127.0.0.1:1, false"})
  void recognisesAccountHostsByName(String host, boolean account) {
    assertThat(Hosts.isAccountHost(URI.create(host))).isEqualTo(account);
  }
}
