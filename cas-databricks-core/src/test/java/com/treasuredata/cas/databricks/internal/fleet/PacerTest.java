package com.treasuredata.cas.databricks.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.fleet.FleetPacing;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacerTest {

  private static final URI WORKSPACE = URI.create("https://dbc-1.example.test");
  private static final String SCIM_LIMIT =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
          + "\"detail\":\"REQUEST_LIMIT_EXCEEDED: Workspace 1 exceeded the concurrent limit of 4 requests.\",\"status\":\"500\"}";

  private final List<Duration> slept = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  private Transport scripted(Deque<TransportResponse> answers) {
    return request -> answers.isEmpty() ? TransportResponse.json(200, "{}") : answers.poll();
  }

  @Test
  void aScimConcurrencyRefusalHalvesTheLimitPausesAndIsSentAgain() throws Exception {
    // given a workspace that refuses the first SCIM request with its 500 envelope
    Deque<TransportResponse> answers = new ArrayDeque<>(List.of(TransportResponse.json(500, SCIM_LIMIT)));
    Pacer pacer = new Pacer(FleetPacing.defaults(), clock, slept::add);
    Transport paced = scripted(answers).with(pacer);
    // when
    TransportResponse response = paced.execute(TransportRequest.get(URI.create(WORKSPACE + "/api/2.0/preview/scim/v2/ServicePrincipals")));
    // then the caller sees the answer of the re-send, and the lane slowed down
    assertThat(response.status()).isEqualTo(200);
    assertThat(pacer.limitAnswers()).isEqualTo(1);
    assertThat(pacer.limitAnswersReturned()).isZero();
    assertThat(pacer.currentLimit(WORKSPACE, Pacer.Family.SCIM)).isEqualTo(2);
    assertThat(slept).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void a429WithRetryAfterPausesForThatLong() throws Exception {
    Deque<TransportResponse> answers =
        new ArrayDeque<>(List.of(new TransportResponse(429, Map.of("Retry-After", "3"), "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\"}")));
    Pacer pacer = new Pacer(FleetPacing.defaults(), clock, slept::add);
    TransportResponse response =
        scripted(answers).with(pacer).execute(TransportRequest.get(URI.create(WORKSPACE + "/api/2.0/permissions/authorization/tokens")));
    assertThat(response.status()).isEqualTo(200);
    assertThat(pacer.currentLimit(WORKSPACE, Pacer.Family.PERMISSIONS)).isEqualTo(10);
    assertThat(slept).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void anOrdinaryServerErrorIsNotALimitAndPassesThrough() throws Exception {
    Deque<TransportResponse> answers = new ArrayDeque<>(List.of(TransportResponse.json(500, "{\"error_code\":\"INTERNAL_ERROR\"}")));
    Pacer pacer = new Pacer(FleetPacing.defaults(), clock, slept::add);
    TransportResponse response = scripted(answers).with(pacer).execute(TransportRequest.get(URI.create(WORKSPACE + "/api/2.0/preview/scim/v2/Me")));
    assertThat(response.status()).isEqualTo(500);
    assertThat(pacer.limitAnswers()).isZero();
    assertThat(slept).isEmpty();
  }

  @Test
  void requestsAreKeyedByFamily() {
    assertThat(Pacer.family("GET", "/api/2.0/preview/scim/v2/Me")).isEqualTo(Pacer.Family.SCIM);
    assertThat(Pacer.family("POST", "/api/2.0/accounts/a/scim/v2/ServicePrincipals")).isEqualTo(Pacer.Family.ACCOUNT_SCIM_WRITE);
    assertThat(Pacer.family("GET", "/api/2.0/accounts/a/scim/v2/ServicePrincipals")).isEqualTo(Pacer.Family.OTHER);
    assertThat(Pacer.family("PATCH", "/api/2.0/permissions/authorization/tokens")).isEqualTo(Pacer.Family.PERMISSIONS);
    assertThat(Pacer.family("GET", "/api/2.0/ip-access-lists")).isEqualTo(Pacer.Family.OTHER);
  }

  @Test
  void threadsThatCheckTheSpacingAtOnceClaimDistinctSendSlotsOnARateLane() throws Exception {
    // given one create sent, and five more whose threads all reach the spacing check before any of
    // them has sent (the sleeper holds each thread's wait until all five are waiting)
    List<Long> waits = spacingWaitsOfThreadsCheckingTogether(5);

    // then each waits for a slot of its own, one interval (206 ms at 5 per second, 3% under) apart;
    // reading the last send and recording their own in two turns, all five waited for the same slot
    assertThat(waits).containsExactly(206L, 412L, 618L, 824L, 1030L);
  }

  /**
   * Sends one account SCIM create, then {@code n} more at once on a clock that does not move. Each
   * of those sleeps twice: for its reserved slot (ignored here), then for its spacing after the last
   * send, which the sleeper records and holds until all {@code n} are in it. Returns those waits in
   * ms, sorted.
   */
  private static List<Long> spacingWaitsOfThreadsCheckingTogether(int n) throws Exception {
    java.util.concurrent.CyclicBarrier allChecked = new java.util.concurrent.CyclicBarrier(n);
    ThreadLocal<Integer> sleeps = ThreadLocal.withInitial(() -> 0);
    List<Long> spacing = java.util.Collections.synchronizedList(new ArrayList<>());
    Clock frozen = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    Pacer pacer = new Pacer(FleetPacing.defaults(), frozen, d -> {
      int nth = sleeps.get() + 1;
      sleeps.set(nth);
      if (nth == 2) {
        spacing.add(d.toMillis());
        try {
          allChecked.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("not every thread waited for its spacing", e);
        }
      }
    });
    Transport paced = ((Transport) request -> TransportResponse.json(201, "{}")).with(pacer);
    TransportRequest create = TransportRequest.of("POST", URI.create("https://accounts.example.test/api/2.0/accounts/a/scim/v2/ServicePrincipals"));
    paced.execute(create);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      List<java.util.concurrent.Future<TransportResponse>> sends = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sends.add(threads.submit(() -> paced.execute(create)));
      }
      for (java.util.concurrent.Future<TransportResponse> f : sends) {
        assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(201);
      }
    } finally {
      threads.shutdownNow();
    }
    List<Long> sorted = new ArrayList<>(spacing);
    sorted.sort(null);
    return sorted;
  }
}
