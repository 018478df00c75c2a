package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final FakeDatabricks fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withRateLimitRetryAfter(true)).build();
  private final Api ws = Api.workspace(fake);

  @Test
  void aBudgetPerWindowAnswers429WithRetryAfterUntilTheClockMovesOn() {
    // given
    RateLimitRule rule = fake.rateLimits().add(RateLimitRule.of("GET", "/api/2.0/ip-access-lists", 2, Duration.ofMinutes(1)));

    // when: the window opens with the first request
    int first = ws.get("/api/2.0/ip-access-lists").status();
    int second = ws.get("/api/2.0/ip-access-lists").status();
    Api.Resp third = ws.get("/api/2.0/ip-access-lists");
    int otherEndpoint = ws.get("/api/2.0/preview/scim/v2/Me").status();
    fake.clock().advance(Duration.ofSeconds(20));
    Api.Resp later = ws.get("/api/2.0/ip-access-lists");
    fake.clock().advance(Duration.ofSeconds(40));
    int nextWindow = ws.get("/api/2.0/ip-access-lists").status();

    // then
    assertThat(first).isEqualTo(200);
    assertThat(second).isEqualTo(200);
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(third.headers()).containsEntry("Retry-After", "60");
    assertThat(later.status()).isEqualTo(429);
    assertThat(later.headers()).containsEntry("Retry-After", "40");
    assertThat(otherEndpoint).isEqualTo(200);
    assertThat(nextWindow).isEqualTo(200);
    assertThat(fake.rateLimits().refused(rule.id())).isEqualTo(2);
    assertThat(fake.journal().entries()).filteredOn(e -> e.status() == 429).hasSize(2)
        .allSatisfy(e -> assertThat(e.fault()).contains(rule.id()));
  }

  @Test
  void retryAfterIsLeftOutByDefault() {
    // given
    FakeDatabricks quiet = FakeDatabricks.create();
    quiet.rateLimits().add(RateLimitRule.of("*", "*", 1, Duration.ofSeconds(1)));
    Api api = Api.workspace(quiet);
    api.get("/api/2.0/preview/scim/v2/Me");

    // when
    Api.Resp r = api.get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.headers()).doesNotContainKey("Retry-After");
  }

  @Test
  void aRefusedRequestChangesNothing() {
    // given
    fake.rateLimits().add(RateLimitRule.of("POST", "/api/2.0/ip-access-lists", 1, Duration.ofHours(1)));
    ws.post("/api/2.0/ip-access-lists", Api.json("label", "a", "list_type", "ALLOW", "ip_addresses", java.util.List.of("1.2.3.4")));

    // when
    Api.Resp r = ws.post("/api/2.0/ip-access-lists", Api.json("label", "b", "list_type", "ALLOW", "ip_addresses",
        java.util.List.of("1.2.3.4")));

    // then
    assertThat(r.status()).isEqualTo(429);
    assertThat(fake.workspace().ipAccessLists()).hasSize(1);
  }
}
