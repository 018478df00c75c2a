package com.treasuredata.cas.databricks.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testing.CapturedLogs;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class InterceptorsTest {

  private final List<TransportRequest> sent = new ArrayList<>();

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  private Transport echo(int status) {
    return request -> {
      sent.add(request);
      return TransportResponse.json(status, "{\"token_value\":\"SENTINEL-BODY\"}");
    };
  }

  @Test
  void userAgentNamesTheLibraryAndItsVersion() throws IOException {
    // given
    Transport transport = echo(200).with(Interceptors.userAgent());

    // when
    transport.execute(TransportRequest.get(URI.create("https://h.example.com/x")).withHeader("User-Agent", "other"));

    // then
    assertThat(Interceptors.version()).isNotBlank().doesNotStartWith("${");
    assertThat(sent.get(0).header("User-Agent")).contains("cas-databricks/" + Interceptors.version());
  }

  @Test
  void userAgentSuffixIsAppendedAndValidated() throws IOException {
    // given
    Transport transport = echo(200).with(Interceptors.userAgent("td-cas/1.2"));

    // when
    transport.execute(TransportRequest.get(URI.create("https://h.example.com/x")));

    // then
    assertThat(sent.get(0).header("User-Agent")).contains("cas-databricks/" + Interceptors.version() + " td-cas/1.2");
    assertThatThrownBy(() -> Interceptors.userAgent("bad\r\nX-Injected: 1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
    assertThatThrownBy(() -> Interceptors.userAgent(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void loggingWritesOneDebugLinePerExchangeWithoutBodiesHeadersOrQueryValues() throws IOException {
    // given
    Transport transport = echo(201).with(Interceptors.logging());
    TransportRequest request = TransportRequest.of("POST", URI.create("https://h.example.com/api/2.0/x?filter=SENTINEL-QUERY&b=2"))
        .withHeader("Authorization", "Bearer SENTINEL-HEADER")
        .withJsonBody("{\"comment\":\"SENTINEL-REQUEST\"}");

    // when
    transport.execute(request);

    // then
    assertThat(CapturedLogs.at(Level.DEBUG)).singleElement().satisfies(event -> {
      assertThat(event.logger()).isEqualTo(Interceptors.class.getName());
      assertThat(event.message()).matches("POST /api/2\\.0/x\\?filter=\\*\\*\\*&b=\\*\\*\\* -> 201 in \\d+ ms");
    });
    assertThat(CapturedLogs.text()).doesNotContain("SENTINEL");
  }

  @Test
  void loggingReportsTransportFailuresByTypeOnly() {
    // given
    Transport failing = request -> {
      throw new SocketException("reset while sending SENTINEL-MESSAGE");
    };

    // when / then
    assertThatThrownBy(() -> failing.with(Interceptors.logging()).execute(TransportRequest.get(URI.create("https://h.example.com/y"))))
        .isInstanceOf(SocketException.class);
    assertThat(CapturedLogs.at(Level.DEBUG)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("GET /y failed after").contains("SocketException"));
    assertThat(CapturedLogs.text()).doesNotContain("SENTINEL");
  }
}
