package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitsTest {

  @Test
  void theFifthScimRequestInFlightGetsTheRealRefusalShape() throws Exception {
    // given four SCIM requests held in flight (their latency waits on a latch) and a limit of 4
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch held = new CountDownLatch(4);
    AtomicInteger sleeps = new AtomicInteger();
    FakeDatabricks fake = FakeDatabricks.builder().latency(Duration.ofMillis(1)).sleeper(d -> {
      if (sleeps.incrementAndGet() <= 4) {
        held.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }).build();
    fake.concurrencyLimits().scimPerWorkspace(4);
    TransportRequest me = TransportRequest.get(URI.create(fake.workspaceHost() + "/api/2.0/preview/scim/v2/Me"))
        .withHeader("Authorization", "Bearer " + fake.adminToken().reveal());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<TransportResponse>> inFlight = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        inFlight.add(pool.submit(() -> fake.transport().execute(me)));
      }
      held.await(10, TimeUnit.SECONDS);
      // when
      TransportResponse fifth = fake.transport().execute(me);
      release.countDown();
      // then
      assertThat(fifth.status()).isEqualTo(500);
      assertThat(fifth.body()).contains("REQUEST_LIMIT_EXCEEDED: Workspace " + fake.workspaceId() + " exceeded the concurrent limit of 4 requests.")
          .contains("\"status\":\"500\"");
      for (Future<TransportResponse> f : inFlight) {
        assertThat(f.get().status()).isEqualTo(200);
      }
      assertThat(fake.concurrencyLimits().refused()).isEqualTo(1);
      // and once they finished, a request is admitted again
      assertThat(fake.transport().execute(me).status()).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void limitsAreOffByDefault() {
    FakeDatabricks fake = FakeDatabricks.create();
    assertThat(fake.concurrencyLimits().scimPerWorkspace()).isZero();
    assertThat(fake.concurrencyLimits().permissionsPerWorkspace()).isZero();
  }
}
