package com.treasuredata.cas.databricks.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testkit.ConnectionFault;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer on its own: the engine is replaced by a recording handler. */
class FakeDatabricksServerTest {

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final List<FakeRequest> seen = new CopyOnWriteArrayList<>();
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private FakeDatabricksServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
    fake.close();
  }

  private FakeDatabricksServer start(Function<FakeRequest, FakeResponse> answer) {
    return start(FakeDatabricksServer.builder(fake), answer);
  }

  private FakeDatabricksServer start(FakeDatabricksServer.Builder builder, Function<FakeRequest, FakeResponse> answer) {
    server = builder.sleeper(slept::add).handler(request -> {
      seen.add(request);
      return answer.apply(request);
    }).build().start();
    return server;
  }

  private static FakeResponse ok(String body) {
    return new FakeResponse(200, Map.of("Content-Type", "application/json"), body, Optional.empty(), Duration.ZERO);
  }

  @Test
  void bindsLoopbackOnAnyFreePort() {
    // given
    start(request -> ok("{}"));

    // when
    URI url = server.url();

    // then
    assertThat(server.port()).isPositive();
    assertThat(url).hasToString("http://127.0.0.1:" + server.port());
  }

  @Test
  void servesManyRequestsOnOneKeptAliveConnection() throws IOException {
    // given
    start(request -> ok("{\"path\":\"" + request.path() + "\"}"));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      RawHttpConnection.Response first = connection.request("GET", "/api/2.0/one");
      RawHttpConnection.Response second = connection.request("GET", "/api/2.0/two?x=1");

      // then
      assertThat(first.body()).isEqualTo("{\"path\":\"/api/2.0/one\"}");
      assertThat(second.body()).isEqualTo("{\"path\":\"/api/2.0/two\"}");
      assertThat(second.headers()).doesNotContainKey("Connection");
    }
    assertThat(seen).extracting(FakeRequest::rawQuery).containsExactly(null, "x=1");
  }

  @Test
  void closesTheConnectionWhenTheClientAsksTo() throws IOException {
    // given
    start(request -> ok("{}"));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      RawHttpConnection.Response response = connection.request("GET", "/api/2.0/x", "Connection: close");

      // then
      assertThat(response.headers()).containsEntry("Connection", "close");
      assertThat(connection.readByte()).isEqualTo(-1);
    }
  }

  @Test
  void readsContentLengthAndChunkedBodies() throws IOException {
    // given
    start(request -> ok("{}"));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      connection.send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\n{\"héllo\":1}");
      connection.readResponse();
      connection.send("POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "4\r\n{\"a\"\r\n3;ext=1\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n");
      connection.readResponse();
    }

    // then
    assertThat(seen).extracting(FakeRequest::body).containsExactly("{\"héllo\":1}", "{\"a\":1}");
  }

  @Test
  void answers100ContinueBeforeReadingTheBody() throws IOException {
    // given
    start(request -> ok("{}"));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      connection.send("PUT /c HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
      RawHttpConnection.Response interim = connection.readHead();
      connection.send("{}");
      RawHttpConnection.Response last = connection.readResponse();

      // then
      assertThat(interim.status()).isEqualTo(100);
      assertThat(last.status()).isEqualTo(200);
    }
    assertThat(seen).extracting(FakeRequest::body).containsExactly("{}");
  }

  @Test
  void worksWithTheJdkHttpClientExpectingContinue() throws Exception {
    // given
    start(request -> ok("{\"method\":\"" + request.method() + "\"}"));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    // when
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url().resolve("/api/2.0/x"))
        .expectContinue(true).POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"v\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"method\":\"POST\"}");
    assertThat(seen).extracting(FakeRequest::body).containsExactly("{\"k\":\"v\"}");
  }

  @Test
  void passesTheSocketAddressAndHostToTheEngine() throws IOException {
    // given
    start(request -> ok("{}"));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      connection.request("GET", "/api/2.0/x", "X-Databricks-Workspace-Id: 7");
    }

    // then
    FakeRequest request = seen.get(0);
    assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
    assertThat(request.targetHost()).isEqualTo("http://127.0.0.1");
    assertThat(request.headers()).containsEntry("X-Databricks-Workspace-Id", "7");
  }

  @Test
  void usesTheCallerAddressOverrideUntilCleared() throws IOException {
    // given
    start(request -> ok("{}"));
    server.callerAddress("203.0.113.9");

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      connection.request("GET", "/one");
      server.clearCallerAddress();
      connection.request("GET", "/two");
    }

    // then
    assertThat(seen).extracting(FakeRequest::remoteAddress).containsExactly("203.0.113.9", "127.0.0.1");
  }

  @Test
  void refusesACallerAddressThatIsNotAnIpLiteral() {
    // given
    start(request -> ok("{}"));

    // when / then
    assertThatThrownBy(() -> server.callerAddress("example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'example.com'");
  }

  @Test
  void waitsOutTheEngineDelayBeforeAnswering() throws IOException {
    // given
    start(request -> new FakeResponse(
        200, Map.of(), "{}", Optional.empty(), Duration.ofMillis(250)));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      RawHttpConnection.Response response = connection.request("GET", "/slow");

      // then
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(slept).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void resetFaultResetsTheConnection() throws IOException {
    // given
    start(request -> new FakeResponse(200, Map.of(), "{}", Optional.of(ConnectionFault.RESET), Duration.ZERO));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      connection.send("GET /reset HTTP/1.1\r\nHost: h\r\n\r\n");

      // then
      assertThatThrownBy(connection::readByte)
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void resetFaultSurfacesAsAnIoExceptionInTheJdkClient() {
    // given
    start(request -> new FakeResponse(200, Map.of(), "{}", Optional.of(ConnectionFault.RESET), Duration.ZERO));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    // when / then
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(server.url().resolve("/reset")).build(),
        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void stallFaultHoldsTheConnectionUntilTheClientTimesOut() throws IOException {
    // given
    start(request -> new FakeResponse(200, Map.of(), "{}", Optional.of(ConnectionFault.STALL), Duration.ZERO));

    try (RawHttpConnection connection = new RawHttpConnection(server.port(), Duration.ofMillis(200))) {
      // when
      connection.send("GET /stall HTTP/1.1\r\nHost: h\r\n\r\n");

      // then
      assertThatThrownBy(connection::readByte).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void closingTheServerEndsAStalledConnection() throws IOException {
    // given
    start(request -> new FakeResponse(200, Map.of(), "{}", Optional.of(ConnectionFault.STALL), Duration.ZERO));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.send("GET /stall HTTP/1.1\r\nHost: h\r\n\r\n");
      awaitRequests(1);

      // when
      server.close();

      // then
      assertThat(connection.readByte()).isEqualTo(-1);
    }
  }

  @Test
  void answersAMalformedRequestWith400AndCloses() throws IOException {
    // given
    start(request -> ok("{}"));

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      connection.send("NONSENSE\r\n\r\n");
      RawHttpConnection.Response response = connection.readResponse();

      // then
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.headers()).containsEntry("Connection", "close");
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void answers500AndKeepsServingWhenTheEngineThrows() throws IOException {
    // given
    start(request -> {
      if (request.path().equals("/boom")) {
        throw new IllegalStateException("engine bug \"quoted\"");
      }
      return ok("{}");
    });

    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // when
      RawHttpConnection.Response failed = connection.request("GET", "/boom");
      RawHttpConnection.Response next = connection.request("GET", "/fine");

      // then
      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.body()).startsWith("{\"error_code\":\"INTERNAL_ERROR\"")
          .contains("engine bug \\\"quoted\\\"");
      assertThat(next.status()).isEqualTo(200);
    }
  }

  @Test
  void refusesToStartTwice() {
    // given
    start(request -> ok("{}"));

    // when / then
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("running");
  }

  @Test
  void rejectsAnOutOfRangePort() {
    assertThatThrownBy(() -> FakeDatabricksServer.builder(fake).port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  private void awaitRequests(int count) {
    // The request is handed to the engine on the server's thread; spin (no sleep) until it arrives.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (seen.size() < count && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(seen).hasSizeGreaterThanOrEqualTo(count);
  }
}
