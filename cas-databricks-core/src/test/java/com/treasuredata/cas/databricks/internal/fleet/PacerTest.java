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
}
