package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.reliability.SeededWorkspace.Scenario;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests go only to the configured hosts, and a redirect to another host is refused, so the admin
 * token never reaches it: over real loopback sockets, the fake server answers 302/307/308 pointing
 * at a second local server, which must see no connection at all.
 */
class HostSafetyTest {

  @Test
  void everyRequestOfAnOnboardingGoesToAConfiguredHost() {
    // given
    CapturedLogs.clear();
    SeededWorkspace world = SeededWorkspace.create(Scenario.ACCOUNT_EXISTING_LIST);
    List<URI> sent = new CopyOnWriteArrayList<>();
    Transport recording = request -> {
      sent.add(request.uri());
      return world.fake.transport().execute(request);
    };

    // when
    world.apply(world.onboarding(recording).build());

    // then
    Set<String> configured = Set.of(origin(world.fake.workspaceHost()), origin(world.fake.accountHost()));
    assertThat(sent).isNotEmpty();
    assertThat(sent.stream().map(HostSafetyTest::origin).collect(Collectors.toSet())).isSubsetOf(configured);
    world.assertConverged();
  }

  @ParameterizedTest(name = "{0} {1} answered {2}")
  @CsvSource({
    "GET, /api/2.0/preview/scim/v2/ServicePrincipals, 302",
    "POST, /api/2.0/preview/scim/v2/ServicePrincipals, 307",
    "PATCH, /api/2.0/permissions/authorization/tokens, 308",
    "POST, /api/2.0/token-management/on-behalf-of/tokens, 307"
  })
  void aRedirectToAnotherHostIsRefusedAndTheOtherHostSeesNothing(String method, String path, int status) throws Exception {
    // given
    CapturedLogs.clear();
    FakeDatabricks fake = FakeDatabricks.create();
    try (FakeDatabricksServer server = FakeDatabricksServer.create(fake).start();
        Trap trap = Trap.start()) {
      URI elsewhere = URI.create("http://127.0.0.1:" + trap.port() + path);
      fake.faults().add(FaultRule.on(method, path, Fault.status(status, "", Map.of("Location", elsewhere.toString()))));
      List<URI> sent = new CopyOnWriteArrayList<>();
      Transport okhttp = OkHttpTransport.create();
      Transport recording = request -> {
        sent.add(request.uri());
        return okhttp.execute(request);
      };
      CasOnboarding onboarding =
          CasOnboarding.builder()
              .workspace(DatabricksTarget.pat(server.url().toString(), fake.adminToken()))
              .servicePrincipal(SeededWorkspace.NAME)
              .token(Duration.ofDays(1))
              .grant(CatalogGrant.dataReader(SeededWorkspace.CATALOG))
              .clock(fake.clock().asClock())
              .sleeper(d -> fake.clock().advance(d))
              .transport(recording)
              .build();

      // when
      Throwable thrown = catchThrowable(onboarding::apply);

      // then
      assertThat(thrown).isInstanceOf(OnboardingException.class).hasMessageContaining("redirect").hasMessageContaining("refused");
      assertThat(fake.faults().unfired()).as("the redirect was answered").isEmpty();
      assertThat(trap.connections()).as("connections to the redirect target").isZero();
      assertThat(trap.received()).doesNotContainIgnoringCase("authorization");
      assertThat(sent.stream().map(HostSafetyTest::origin).collect(Collectors.toSet())).containsOnly(origin(server.url()));
      assertThat(fake.adminToken().occursIn(thrown.getMessage() + CapturedLogs.text())).isFalse();
    }
  }

  @Test
  void theTrapCountsAClientThatDoesFollowRedirects() throws Exception {
    // given: the control for the test above; a client that follows redirects reaches the trap
    FakeDatabricks fake = FakeDatabricks.create();
    try (FakeDatabricksServer server = FakeDatabricksServer.create(fake).start();
        Trap trap = Trap.start()) {
      String path = "/api/2.0/preview/scim/v2/ServicePrincipals";
      fake.faults().add(FaultRule.on("GET", path, Fault.status(302, "", Map.of("Location", "http://127.0.0.1:" + trap.port() + path))));
      HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();

      // when
      HttpResponse<String> response =
          following.send(HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());

      // then
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(trap.connections()).isEqualTo(1);
    }
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** A loopback server that counts connections and keeps whatever bytes arrive. */
  private static final class Trap implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final StringBuffer received = new StringBuffer();
    private final Thread acceptor;

    private Trap(ServerSocket socket) {
      this.socket = socket;
      this.acceptor = new Thread(this::acceptLoop, "redirect-trap");
      acceptor.setDaemon(true);
    }

    static Trap start() throws IOException {
      Trap trap = new Trap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      trap.acceptor.start();
      return trap;
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    String received() {
      return received.toString();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          connections.incrementAndGet();
          s.setSoTimeout(2000);
          InputStream in = s.getInputStream();
          byte[] buffer = new byte[8192];
          int n = in.read(buffer);
          if (n > 0) {
            received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
          }
          OutputStream out = s.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          // closed, or a client gave up: keep counting until closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
