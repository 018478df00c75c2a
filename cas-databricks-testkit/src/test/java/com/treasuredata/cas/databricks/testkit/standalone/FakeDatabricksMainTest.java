package com.treasuredata.cas.databricks.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line and the ready line, in-process (the process itself: {@link FakeDatabricksMainProcessTest}). */
class FakeDatabricksMainTest {

  @Test
  void parsesEveryOptionInBothForms() throws Exception {
    // when
    FakeDatabricksMain.Options options = FakeDatabricksMain.parse(
        new String[] {"--port", "0", "--latency-ms=25", "--catalog", "sales", "--catalog=marketing"});

    // then
    assertThat(options.port()).isZero();
    assertThat(options.latency()).isEqualTo(Duration.ofMillis(25));
    assertThat(options.catalogs()).containsExactly("sales", "marketing");
    assertThat(options.help()).isFalse();
  }

  @Test
  void defaultsToAnyFreePortAndNoLatency() throws Exception {
    // when
    FakeDatabricksMain.Options options = FakeDatabricksMain.parse(new String[0]);

    // then
    assertThat(options.port()).isZero();
    assertThat(options.latency()).isZero();
    assertThat(options.catalogs()).isEmpty();
  }

  @Test
  void refusesAPortOutOfRangeNamingTheValue() {
    assertThatThrownBy(() -> FakeDatabricksMain.parse(new String[] {"--port", "70000"}))
        .isInstanceOf(FakeDatabricksMain.UsageException.class)
        .hasMessage("--port must be in 0..65535, was 70000");
  }

  @Test
  void refusesANonNumericLatencyNamingTheValue() {
    assertThatThrownBy(() -> FakeDatabricksMain.parse(new String[] {"--latency-ms", "fast"}))
        .isInstanceOf(FakeDatabricksMain.UsageException.class)
        .hasMessage("--latency-ms must be a whole number in 0..60000, was 'fast'");
  }

  @Test
  void refusesAnUnknownArgument() {
    assertThatThrownBy(() -> FakeDatabricksMain.parse(new String[] {"--verbose"}))
        .isInstanceOf(FakeDatabricksMain.UsageException.class)
        .hasMessageContaining("unknown argument '--verbose'");
  }

  @Test
  void refusesAMissingValue() {
    assertThatThrownBy(() -> FakeDatabricksMain.parse(new String[] {"--catalog"}))
        .isInstanceOf(FakeDatabricksMain.UsageException.class)
        .hasMessage("--catalog needs a value");
  }

  @Test
  void refusesACatalogNameWithSpaces() {
    assertThatThrownBy(() -> FakeDatabricksMain.parse(new String[] {"--catalog", "my catalog"}))
        .isInstanceOf(FakeDatabricksMain.UsageException.class)
        .hasMessageContaining("was 'my catalog'");
  }

  @Test
  void printsExactlyOneJsonReadyLine() throws Exception {
    // given
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    FakeDatabricksMain.Options options = FakeDatabricksMain.parse(new String[] {"--catalog", "sales"});

    // when
    FakeDatabricksServer server = FakeDatabricksMain.start(options, new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      // then
      String printed = stdout.toString(StandardCharsets.UTF_8);
      assertThat(printed).endsWith("\n").doesNotContain("\n\n");
      assertThat(printed.lines()).hasSize(1);
      JsonNode ready = new ObjectMapper().readTree(printed);
      assertThat(ready.get("account_host").asText()).isEqualTo(server.url().toString());
      assertThat(ready.get("workspace_host").asText()).isEqualTo(server.url().toString());
      assertThat(ready.get("account_id").asText()).isEqualTo(server.fake().accountId());
      assertThat(ready.get("workspace_id").isNumber()).isTrue();
      assertThat(ready.get("workspace_id").asLong()).isEqualTo(server.fake().workspaceId());
      assertThat(ready.get("admin_token").asText()).isEqualTo(server.fake().adminToken().reveal());
    } finally {
      server.close();
      server.fake().close();
    }
  }

  @Test
  void readyLineEscapesJson() {
    // when
    String line = FakeDatabricksMain.readyLine("http://127.0.0.1:1", "a\"b", 7, "t\\k");

    // then
    assertThat(line).isEqualTo("{\"account_host\":\"http://127.0.0.1:1\",\"account_id\":\"a\\\"b\","
        + "\"workspace_host\":\"http://127.0.0.1:1\",\"workspace_id\":7,\"admin_token\":\"t\\\\k\"}");
  }
}
