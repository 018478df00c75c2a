package com.treasuredata.cas.databricks.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.treasuredata.cas.databricks.testkit.ConsistencyDelay;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every {@code /__fake/} control, round-tripped over HTTP against the real engine, without a token. */
class FakeControlsOverHttpTest {

  private static final String ME = "/api/2.0/preview/scim/v2/Me";

  private final ObjectMapper json = new ObjectMapper();
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final FakeDatabricks fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withRateLimitRetryAfter(true)).build();
  private final FakeDatabricksServer server = FakeDatabricksServer.builder(fake).sleeper(slept::add).build().start();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void close() {
    server.close();
    fake.close();
  }

  private HttpResponse<String> control(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return client.send(HttpRequest.newBuilder(server.url().resolve(path)).method(method, publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode controlJson(String method, String path, String body) throws Exception {
    HttpResponse<String> response = control(method, path, body);
    assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> me() throws Exception {
    return client.send(HttpRequest.newBuilder(server.url().resolve(ME))
        .header("Authorization", "Bearer " + fake.adminToken().reveal()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStatusFaultFiresAndIsReportedAsFired() throws Exception {
    // given
    JsonNode added = controlJson("POST", "/__fake/faults", "{\"method\":\"GET\",\"path\":\"" + ME + "\","
        + "\"status\":429,\"headers\":{\"Retry-After\":\"3\"}}");
    JsonNode before = controlJson("GET", "/__fake/faults", null);

    // when
    HttpResponse<String> response = me();

    // then
    JsonNode after = controlJson("GET", "/__fake/faults", null);
    assertThat(before.get("unfired").get(0).asText()).isEqualTo(added.get("id").asText());
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("3");
    assertThat(after.get("unfired")).isEmpty();
    assertThat(after.get("rules").get(0).get("fired").asInt()).isEqualTo(1);
    assertThat(me().statusCode()).isEqualTo(200);
  }

  @Test
  void tooManyRequestsWithOffsetAndCountLetsTheFirstRequestThrough() throws Exception {
    // given
    controlJson("POST", "/__fake/faults", "{\"id\":\"slow-down\",\"method\":\"GET\",\"path\":\"/api/2.0/preview/*\","
        + "\"kind\":\"too_many_requests\",\"retry_after_seconds\":2,\"offset\":1,\"count\":\"always\"}");

    // when
    int first = me().statusCode();
    HttpResponse<String> second = me();

    // then
    assertThat(first).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).contains("2");
    assertThat(second.body()).contains("REQUEST_LIMIT_EXCEEDED");
  }

  @Test
  void anAfterHandlerFaultMakesTheChangeAndLosesTheResponse() throws Exception {
    // given
    controlJson("POST", "/__fake/faults", "{\"method\":\"POST\",\"path\":\"/api/2.0/preview/scim/v2/ServicePrincipals\","
        + "\"kind\":\"after_handler\",\"status\":504}");

    // when
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            server.url().resolve("/api/2.0/preview/scim/v2/ServicePrincipals"))
        .header("Authorization", "Bearer " + fake.adminToken().reveal())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"lost-response\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(fake.account().servicePrincipalsNamed("lost-response")).hasSize(1);
  }

  @Test
  void aResetFaultResetsTheClientConnection() throws Exception {
    // given: "always", as the JDK client retries an idempotent request once on a fresh connection
    controlJson("POST", "/__fake/faults", "{\"path\":\"" + ME + "\",\"kind\":\"reset\",\"count\":\"always\"}");

    // when / then
    assertThatThrownBy(this::me).isInstanceOf(IOException.class);
    assertThat(controlJson("GET", "/__fake/faults", null).get("unfired")).isEmpty();
  }

  @Test
  void aStallFaultLeavesTheClientToTimeOut() throws Exception {
    // given
    controlJson("POST", "/__fake/faults", "{\"path\":\"" + ME + "\",\"kind\":\"stall\"}");
    HttpRequest request = HttpRequest.newBuilder(server.url().resolve(ME)).timeout(Duration.ofMillis(200))
        .header("Authorization", "Bearer " + fake.adminToken().reveal()).build();

    // when / then
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void aLatencyFaultDelaysTheAnswer() throws Exception {
    // given
    controlJson("POST", "/__fake/faults", "{\"path\":\"" + ME + "\",\"kind\":\"latency\",\"latency_ms\":1500}");

    // when
    int status = me().statusCode();

    // then: the server waited on its sleeper (recorded here, so the test does not wait)
    assertThat(status).isEqualTo(200);
    assertThat(slept).containsExactly(Duration.ofMillis(1500));
  }

  @Test
  void faultsCanBeRemovedOneByOneOrAllAtOnce() throws Exception {
    // given
    controlJson("POST", "/__fake/faults", "{\"id\":\"a\",\"path\":\"/x\",\"status\":500}");
    controlJson("POST", "/__fake/faults", "{\"id\":\"b\",\"path\":\"/y\",\"status\":500}");

    // when
    controlJson("DELETE", "/__fake/faults/a", null);
    JsonNode afterOne = controlJson("GET", "/__fake/faults", null);
    controlJson("DELETE", "/__fake/faults", null);

    // then
    assertThat(afterOne.get("rules")).extracting(r -> r.get("id").asText()).containsExactly("b");
    assertThat(fake.faults().rules()).isEmpty();
    assertThat(control("DELETE", "/__fake/faults/nope", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aBadFaultRuleIsRefusedNamingTheValue() throws Exception {
    // when
    HttpResponse<String> response = control("POST", "/__fake/faults", "{\"path\":\"/x\",\"kind\":\"explode\"}");

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("INVALID_PARAMETER_VALUE").contains("was 'explode'");
  }

  @Test
  void theClockAdvances() throws Exception {
    // given
    java.time.Instant start = fake.clock().now();

    // when
    JsonNode clock = controlJson("POST", "/__fake/clock/advance", "{\"seconds\":86400}");

    // then
    assertThat(fake.clock().now()).isEqualTo(start.plus(Duration.ofDays(1)));
    assertThat(clock.get("now").asText()).isEqualTo(start.plus(Duration.ofDays(1)).toString());
    assertThat(controlJson("GET", "/__fake/clock", null).get("epoch_millis").asLong())
        .isEqualTo(fake.clock().millis());
  }

  @Test
  void theJournalListsApiRequestsButNotControls() throws Exception {
    // given
    me();

    // when
    JsonNode journal = controlJson("GET", "/__fake/journal", null);

    // then
    assertThat(journal.get("count").asLong()).isEqualTo(1);
    JsonNode entry = journal.get("entries").get(0);
    assertThat(entry.get("method").asText()).isEqualTo("GET");
    assertThat(entry.get("path").asText()).isEqualTo(ME);
    assertThat(entry.get("status").asInt()).isEqualTo(200);
    assertThat(entry.get("write").asBoolean()).isFalse();
    assertThat(entry.get("unknown_route").asBoolean()).isFalse();
    controlJson("DELETE", "/__fake/journal", null);
    assertThat(fake.journal().count()).isZero();
  }

  @Test
  void resetReturnsToTheInitialState() throws Exception {
    // given
    fake.account().addServicePrincipal("to-be-forgotten");
    fake.clock().advance(Duration.ofHours(1));
    server.callerAddress("198.51.100.7");

    // when
    controlJson("POST", "/__fake/reset", "");

    // then
    assertThat(fake.account().servicePrincipalsNamed("to-be-forgotten")).isEmpty();
    assertThat(fake.clock().now()).isEqualTo(fake.clock().start());
    assertThat(server.callerAddressOverride()).isEmpty();
  }

  @Test
  void eventualConsistencyIsSetAndRead() throws Exception {
    // when
    JsonNode set = controlJson("POST", "/__fake/eventual-consistency", "{\"reads\":2,\"seconds\":5}");

    // then
    assertThat(fake.consistency()).isEqualTo(new ConsistencyDelay(2, Duration.ofSeconds(5)));
    assertThat(set.get("reads").asInt()).isEqualTo(2);
    assertThat(controlJson("GET", "/__fake/eventual-consistency", null).get("millis").asLong()).isEqualTo(5000);
  }

  @Test
  void aRateLimitAnswers429WithRetryAfter() throws Exception {
    // given
    JsonNode rule = controlJson("POST", "/__fake/rate-limits",
        "{\"method\":\"GET\",\"path\":\"" + ME + "\",\"budget\":1,\"window_seconds\":60}");

    // when
    int first = me().statusCode();
    HttpResponse<String> second = me();

    // then
    assertThat(first).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).isPresent();
    JsonNode rules = controlJson("GET", "/__fake/rate-limits", null).get("rules");
    assertThat(rules.get(0).get("id").asText()).isEqualTo(rule.get("id").asText());
    assertThat(rules.get(0).get("refused").asInt()).isEqualTo(1);
    controlJson("DELETE", "/__fake/rate-limits", null);
    assertThat(me().statusCode()).isEqualTo(200);
  }

  @Test
  void theCallerAddressComesFromTheSocketUnlessOverridden() throws Exception {
    // given: IP access lists on, allowing only 198.51.100.0/24
    fake.workspace().addIpAccessList("office", "ALLOW", "198.51.100.0/24");
    fake.workspace().setConf("enableIpAccessLists", "true");

    // when
    int fromLoopback = me().statusCode();
    JsonNode set = controlJson("POST", "/__fake/caller-address", "{\"address\":\"198.51.100.7\"}");
    int fromOffice = me().statusCode();
    controlJson("DELETE", "/__fake/caller-address", null);

    // then
    assertThat(fromLoopback).isEqualTo(403);
    assertThat(set.get("address").asText()).isEqualTo("198.51.100.7");
    assertThat(set.get("socket_address").asText()).isEqualTo("127.0.0.1");
    assertThat(fromOffice).isEqualTo(200);
    assertThat(me().statusCode()).isEqualTo(403);
  }

  @Test
  void theStateDumpShowsPrincipalsAndTokensButNoSecret() throws Exception {
    // given
    String applicationId = fake.account().addServicePrincipal("cas-connector").applicationId();
    String token = fake.workspace().issueToken(applicationId, Duration.ofDays(1)).reveal();
    String secret = fake.account().addSecret(applicationId, Duration.ofDays(30)).reveal();

    // when
    HttpResponse<String> state = control("GET", "/__fake/state", null);

    // then
    assertThat(state.statusCode()).isEqualTo(200);
    JsonNode dump = json.readTree(state.body());
    assertThat(dump.get("account").get("id").asText()).isEqualTo(fake.accountId());
    assertThat(state.body()).contains("cas-connector").contains(applicationId).contains("cas_demo_east1")
        .doesNotContain(token).doesNotContain(secret).doesNotContain(fake.adminToken().reveal());
  }

  @Test
  void aSnapshotCanBeRestored() throws Exception {
    // given
    fake.account().addServicePrincipal("kept");
    controlJson("POST", "/__fake/snapshots", "{\"name\":\"seeded\"}");
    fake.account().addServicePrincipal("dropped");

    // when
    controlJson("POST", "/__fake/snapshots/seeded/restore", "");

    // then
    assertThat(fake.account().servicePrincipalsNamed("kept")).hasSize(1);
    assertThat(fake.account().servicePrincipalsNamed("dropped")).isEmpty();
    assertThat(control("POST", "/__fake/snapshots/unknown/restore", "").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownControlListsTheKnownOnes() throws Exception {
    // when
    HttpResponse<String> response = control("GET", "/__fake/nope", null);

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("POST /__fake/faults").contains("GET /__fake/state");
    assertThat(fake.journal().count()).isZero();
  }

  @Test
  void aControlWithAWrongMethodIs405() throws Exception {
    assertThat(control("PUT", "/__fake/reset", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() throws Exception {
    // when
    HttpResponse<String> response = control("POST", "/__fake/clock/advance", "{seconds");

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("not JSON");
  }

}
