package com.treasuredata.cas.databricks.transport.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkHttpTransportTest {

  private final MockWebServer server = new MockWebServer();
  private final OkHttpTransport transport = OkHttpTransport.create();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI uri(String pathAndQuery) {
    return URI.create(server.url("/").toString()).resolve(pathAndQuery);
  }

  @Test
  void methodPathQueryHeadersAndBodyReachTheWireExactly() throws Exception {
    // given
    server.enqueue(new MockResponse.Builder().code(201).setHeader("X-Request-Id", "req-1").body("{\"id\":\"7\"}").build());
    TransportRequest request =
        TransportRequest.of("PATCH", uri("/api/2.0/permissions/authorization/tokens?a=1&filter=displayName%20eq%20%22x%22"))
            .withHeader("X-Custom", "value 1")
            .withJsonBody("{\"access_control_list\":[]}");

    // when
    TransportResponse response = transport.execute(request);

    // then
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("PATCH");
    assertThat(recorded.getTarget())
        .isEqualTo("/api/2.0/permissions/authorization/tokens?a=1&filter=displayName%20eq%20%22x%22");
    assertThat(recorded.getHeaders().get("X-Custom")).isEqualTo("value 1");
    assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(recorded.getBody().utf8()).isEqualTo("{\"access_control_list\":[]}");
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("x-request-id")).contains("req-1");
    assertThat(response.body()).isEqualTo("{\"id\":\"7\"}");
  }

  @Test
  void getAndDeleteAreSentWithoutABody() throws Exception {
    // given
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    server.enqueue(new MockResponse.Builder().code(200).build());

    // when
    transport.execute(TransportRequest.get(uri("/api/2.0/ip-access-lists")));
    TransportResponse deleted = transport.execute(TransportRequest.of("DELETE", uri("/api/2.0/token-management/tokens/abc")));

    // then
    RecordedRequest get = server.takeRequest();
    RecordedRequest delete = server.takeRequest();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getBodySize()).isZero();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getBodySize()).isZero();
    assertThat(deleted.body()).isEmpty();
  }

  @Test
  void postWithoutBodySendsAnEmptyBody() throws Exception {
    // given
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    // when
    transport.execute(TransportRequest.of("POST", uri("/api/2.0/x")));

    // then
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getHeaders().get("Content-Length")).isEqualTo("0");
  }

  @Test
  void errorStatusesAreOrdinaryResponses() throws Exception {
    // given
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "3").body("{\"error_code\":\"TEMPORARILY_UNAVAILABLE\"}").build());

    // when
    TransportResponse response = transport.execute(TransportRequest.get(uri("/api/2.0/x")));

    // then
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).contains("3");
  }

  @Test
  void redirectsAreReturnedNotFollowed() throws Exception {
    // given
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "https://elsewhere.example.com/steal").build());

    // when
    TransportResponse response = transport.execute(TransportRequest.get(uri("/api/2.0/x")).withHeader("Authorization", "Bearer x"));

    // then
    assertThat(response.status()).isEqualTo(302);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void connectionResetIsAnIOException() {
    // given
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

    // when / then
    assertThatThrownBy(() -> transport.execute(TransportRequest.get(uri("/api/2.0/x")))).isInstanceOf(IOException.class);
  }

  @Test
  void consumerClientKeepsItsTimeoutsButNeverFollowsRedirects() throws Exception {
    // given
    OkHttpClient mine = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(7)).build();
    server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", server.url("/other").toString()).build());

    // when
    OkHttpTransport shared = OkHttpTransport.create(mine);
    TransportResponse response = shared.execute(TransportRequest.get(uri("/api/2.0/x")));

    // then
    assertThat(response.status()).isEqualTo(301);
    assertThat(shared.toString()).contains("readTimeout=7000ms");
    assertThat(mine.followRedirects()).isTrue(); // the consumer's own client is untouched
  }

  @Test
  void aResponseSlowerThanTheReadTimeoutIsASocketTimeout() {
    // given: the server never answers; the read timeout is short so the test stays fast
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    OkHttpTransport impatient = OkHttpTransport.create(new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build());

    // when / then
    assertThatThrownBy(() -> impatient.execute(TransportRequest.get(uri("/api/2.0/x"))))
        .isInstanceOf(java.net.SocketTimeoutException.class);
  }
}
