package com.treasuredata.cas.databricks.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures HTTP throughput with keep-alive and prints a table; asserts nothing about time. Run with
 * {@code mvn -B -Pbench -pl cas-databricks-testkit -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=FakeDatabricksServerBenchmarkTest}.
 * Clients and server share the machine's cores; each figure runs {@value #MEASURE_MS} ms after a
 * {@value #WARMUP_MS} ms warm-up.
 */
@Tag("bench")
class FakeDatabricksServerBenchmarkTest {

  private static final String ME = "/api/2.0/preview/scim/v2/Me";
  private static final int CLIENT_THREADS = 4;
  private static final long WARMUP_MS = 1_000;
  private static final long MEASURE_MS = 5_000;

  @Test
  void httpThroughputWithKeepAlive() throws Exception {
    try (FakeDatabricks fake = FakeDatabricks.create();
        FakeDatabricksServer server = FakeDatabricksServer.create(fake).start()) {
      String token = fake.adminToken().reveal();

      // when
      double raw = measure(() -> rawSocketClient(server.port(), token));
      double jdk = measure(() -> jdkHttpClient(server, token));
      double layer = httpLayerOnly(fake, token);

      // then
      System.out.println();
      System.out.println("| HTTP throughput, keep-alive, GET " + ME + ", " + CLIENT_THREADS + " client threads, "
          + Runtime.getRuntime().availableProcessors() + " cores shared with the server, "
          + (MEASURE_MS / 1000) + " s after " + (WARMUP_MS / 1000) + " s warm-up | requests/s |");
      System.out.println("|---|---:|");
      System.out.printf(Locale.ROOT, "| raw sockets (HTTP/1.1 by hand) | %.0f |%n", raw);
      System.out.printf(Locale.ROOT, "| java.net.http.HttpClient (HTTP/1.1) | %.0f |%n", jdk);
      System.out.printf(Locale.ROOT, "| raw sockets, HTTP layer only (the engine replaced by a canned answer) | %.0f |%n",
          layer);
      assertThat(raw).isPositive();
      assertThat(jdk).isPositive();
    }
  }

  /** A client loop: sends requests until {@code running} turns false, adding each success to {@code done}. */
  private interface ClientLoop {
    void run(BooleanSupplier running, LongAdder done) throws Exception;
  }

  private interface ClientFactory {
    ClientLoop create() throws Exception;
  }

  private static double measure(ClientFactory clients) throws Exception {
    LongAdder done = new LongAdder();
    long warmupEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARMUP_MS);
    long end = warmupEnd + TimeUnit.MILLISECONDS.toNanos(MEASURE_MS);
    LongAdder atWarmupEnd = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < CLIENT_THREADS; t++) {
      ClientLoop loop = clients.create();
      Thread thread = new Thread(() -> {
        try {
          loop.run(() -> System.nanoTime() < end, done);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "bench-client-" + t);
      threads.add(thread);
      thread.start();
    }
    // The warm-up ends on the clock, not on a sleep of ours: spin on the counter's sampling point.
    while (System.nanoTime() < warmupEnd) {
      Thread.onSpinWait();
      Thread.yield();
    }
    atWarmupEnd.add(done.sum());
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
    return (done.sum() - atWarmupEnd.sum()) / (MEASURE_MS / 1000.0);
  }

  private static ClientLoop rawSocketClient(int port, String token) {
    return (running, done) -> {
      byte[] request = ("GET " + ME + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
          + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
        while (running.getAsBoolean()) {
          out.write(request);
          out.flush();
          int status = readResponse(in);
          if (status != 200) {
            throw new IllegalStateException("GET " + ME + " answered " + status);
          }
          done.increment();
        }
      }
    };
  }

  /** Reads one response with a Content-Length body; returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int status = -1;
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new UncheckedIOException(new IOException("connection closed"));
      }
      if (b == '\n') {
        String header = line.toString().trim();
        line.setLength(0);
        if (header.isEmpty()) {
          break;
        }
        if (status < 0) {
          status = Integer.parseInt(header.substring(9, 12));
        } else if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(header.substring(15).trim());
        }
      } else {
        line.append((char) b);
      }
    }
    in.readNBytes(length);
    return status;
  }

  private static ClientLoop jdkHttpClient(FakeDatabricksServer server, String token) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(server.url().resolve(ME)).header("Authorization", "Bearer " + token)
        .build();
    return (running, done) -> {
      while (running.getAsBoolean()) {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET " + ME + " answered " + response.statusCode());
        }
        done.increment();
      }
    };
  }

  /** The same raw-socket load against a server whose engine is a canned answer: the HTTP layer's own ceiling. */
  private static double httpLayerOnly(FakeDatabricks fake, String token) throws Exception {
    String body = "{\"userName\":\"admin\"}";
    try (FakeDatabricksServer server = FakeDatabricksServer.builder(fake)
        .handler(request -> new FakeResponse(200, Map.of("Content-Type", "application/json"), body, Optional.empty(),
            Duration.ZERO))
        .build().start()) {
      return measure(() -> rawSocketClient(server.port(), token));
    }
  }
}
