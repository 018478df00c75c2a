package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private final List<Duration> slept = new ArrayList<>();
  private final FakeDatabricks fake = FakeDatabricks.builder().sleeper(slept::add).build();
  private final Api ws = Api.workspace(fake);
  private final Api account = Api.account(fake);

  private Api.Resp createSp(String name) {
    return account.post(account.accountPath("/scim/v2/ServicePrincipals"), json("displayName", name));
  }

  @Test
  void aStatusFaultAnswersBeforeTheHandlerSoNothingChanges() {
    // given
    fake.faults().add(FaultRule.on("POST", "/api/2.0/accounts/*/scim/v2/ServicePrincipals",
        Fault.status(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"try later\"}")));

    // when
    Api.Resp first = createSp("a");
    Api.Resp second = createSp("b");

    // then
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.errorCode()).isEqualTo("TEMPORARILY_UNAVAILABLE");
    assertThat(second.status()).isEqualTo(201);
    assertThat(fake.account().servicePrincipals()).extracting(sp -> sp.displayName()).containsExactly("b");
  }

  @Test
  void a429FaultCarriesRetryAfter() {
    // given
    fake.faults().add(FaultRule.on("GET", "/api/2.0/ip-access-lists", Fault.tooManyRequests(Duration.ofSeconds(7))));

    // when
    Api.Resp r = ws.get("/api/2.0/ip-access-lists");

    // then
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.headers()).containsEntry("Retry-After", "7");
    assertThat(r.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
  }

  @Test
  void anAfterHandlerFaultMakesTheChangeButLosesTheResponse() {
    // given
    fake.faults().add(FaultRule.on("POST", "/api/2.0/accounts/*", Fault.afterHandler(504)));

    // when
    Api.Resp r = createSp("lost");

    // then
    assertThat(r.status()).isEqualTo(504);
    assertThat(fake.account().servicePrincipalsNamed("lost")).hasSize(1);
    assertThat(fake.journal().last().orElseThrow().fault()).contains("fault-1");
  }

  @Test
  void latencyIsAddedAndWaitedOutThroughTheSleeper() {
    // given
    FakeDatabricks slow = FakeDatabricks.builder().latency(Duration.ofMillis(5)).sleeper(slept::add).build();
    slow.faults().add(FaultRule.on("GET", "*", Fault.latency(Duration.ofMillis(100))));

    // when
    Api.Resp r = Api.workspace(slow).get("/api/2.0/preview/scim/v2/Me");
    Api.Resp second = Api.workspace(slow).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(slept).containsExactly(Duration.ofMillis(105), Duration.ofMillis(5));
  }

  @Test
  void connectionFaultsThrowInProcessAndResetMakesNoChange() {
    // given
    fake.faults().add(FaultRule.on("POST", "/api/2.0/accounts/*", Fault.connection(ConnectionFault.RESET)));
    fake.faults().add(FaultRule.on("GET", "/api/2.0/preview/scim/v2/Me", Fault.connection(ConnectionFault.STALL)));

    // then
    assertThatThrownBy(() -> account.sendOrThrow("POST", account.accountPath("/scim/v2/ServicePrincipals"),
        json("displayName", "x"))).isInstanceOf(SocketException.class).hasMessage("Connection reset");
    assertThatThrownBy(() -> ws.sendOrThrow("GET", "/api/2.0/preview/scim/v2/Me", null))
        .isInstanceOf(SocketTimeoutException.class);
    assertThat(fake.account().servicePrincipals()).isEmpty();
  }

  @Test
  void aConnectionFaultAfterTheHandlerKeepsTheChange() {
    // given
    fake.faults().add(FaultRule.on("POST", "/api/2.0/accounts/*", Fault.connectionAfterHandler(ConnectionFault.RESET)));

    // then
    assertThatThrownBy(() -> account.sendOrThrow("POST", account.accountPath("/scim/v2/ServicePrincipals"),
        json("displayName", "x"))).isInstanceOf(SocketException.class);
    assertThat(fake.account().servicePrincipals()).hasSize(1);
  }

  @Test
  void faultsOnHandleAreReportedToTheFrontEnd() {
    // given
    fake.faults().add(FaultRule.on("GET", "*", Fault.connection(ConnectionFault.STALL)));

    // when
    FakeResponse r = fake.handle(new FakeRequest("GET", "/api/2.0/preview/scim/v2/Me", null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal()), "", "127.0.0.1", fake.workspaceHost().toString()));

    // then
    assertThat(r.connectionFault()).contains(ConnectionFault.STALL);
  }

  @Test
  void offsetLetsRequestsPassAndCountLimitsFiring() {
    // given
    FaultRule rule = fake.faults().add(FaultRule.on("GET", "/api/2.0/ip-access-lists", Fault.status(500)).withOffset(1).withCount(2));

    // when
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(ws.get("/api/2.0/ip-access-lists").status());
    }

    // then
    assertThat(statuses).containsExactly(200, 500, 500, 200, 200);
    assertThat(fake.faults().fired(rule.id())).isEqualTo(2);
    assertThat(fake.faults().states().get(0).exhausted()).isTrue();
  }

  @Test
  void rulesAreEvaluatedInInsertionOrderAndTheFirstMatchWins() {
    // given
    fake.faults().add(FaultRule.on("*", "/api/2.0/*", Fault.status(502)).always());
    fake.faults().add(FaultRule.on("GET", "/api/2.0/ip-access-lists", Fault.status(503)).always());

    // when
    Api.Resp r = ws.get("/api/2.0/ip-access-lists");

    // then
    assertThat(r.status()).isEqualTo(502);
    assertThat(fake.faults().unfired()).extracting(FaultRule::id).containsExactly("fault-2");
  }

  @Test
  void aPrincipalRuleOnlyHitsThatCaller() {
    // given
    fake.faults().add(FaultRule.on("GET", "*", Fault.status(500)).withPrincipal("someone-else").always());

    // when
    Api.Resp r = ws.get("/api/2.0/ip-access-lists");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(fake.faults().unfired()).hasSize(1);
  }

  @Test
  void aRuleThatNeverFiredIsListedAsUnfired() {
    // given
    FaultRule rule = fake.faults().add(FaultRule.on("DELETE", "/api/2.0/token-management/tokens/*", Fault.status(500)));

    // when
    ws.get("/api/2.0/ip-access-lists");

    // then
    assertThat(fake.faults().unfired()).containsExactly(rule);
    assertThat(fake.faults().states().get(0).matched()).isZero();
  }

  @Test
  void invalidRulesAreRejectedWithClearMessages() {
    // then
    assertThatThrownBy(() -> FaultRule.on("GET", "no-slash", Fault.status(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-slash");
    assertThatThrownBy(() -> Fault.status(42)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42");
    assertThatThrownBy(() -> FaultRule.on("GET", "/x", Fault.status(500)).withCount(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
  }
}
