package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.RenewalResult;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.TokenRenewal;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The renewal's chaos matrix: each write a renewal makes ({@code POST /api/2.0/token/create} as
 * the old token, {@code POST /api/2.0/token/delete} as the new one) under every fault kind, once.
 * When the renewal fails, the caller runs it again with the token it then holds (the partial
 * result's new token, else the old one). Every case must end with exactly one valid token of ours,
 * and it is the one the caller holds. In-process and in virtual time.
 */
class RenewalChaosTest {

  private static final List<String> WRITES = List.of("/api/2.0/token/create", "/api/2.0/token/delete");

  @TestFactory
  Stream<DynamicTest> everyWriteOfARenewalSurvivesEveryFaultKind() {
    List<DynamicTest> cases = new ArrayList<>();
    long seed = 1;
    for (String write : WRITES) {
      for (FaultKind kind : FaultKind.values()) {
        long caseSeed = seed++;
        cases.add(dynamicTest("POST " + write + " x " + kind, () -> runCase(write, kind, caseSeed)));
      }
    }
    return cases.stream();
  }

  private static void runCase(String write, FaultKind kind, long seed) {
    // given
    FakeDatabricks fake = FakeDatabricks.builder().seed(seed).build();
    OnboardingResult onboarded =
        CasOnboarding.builder()
            .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken()))
            .servicePrincipal("TD-CAS-Service")
            .token(Duration.ofDays(30))
            .withoutGrants()
            .clock(fake.clock().asClock())
            .sleeper(d -> fake.clock().advance(d))
            .transport(fake.transport())
            .build()
            .apply();
    String applicationId = onboarded.applicationId();
    Secret held = onboarded.token().orElseThrow();
    FaultRule rule = fake.faults().add(FaultRule.on("POST", write, kind.fault));

    // when
    try {
      held = renew(fake, held).token().orElseThrow();
    } catch (OnboardingFailedException failed) {
      held = failed.partialResult().token().orElse(held);
      held = renew(fake, held).token().orElseThrow();
    }

    // then
    assertThat(fake.faults().fired(rule.id())).as("the fault fired").isEqualTo(1);
    List<IssuedToken> valid = fake.workspace().tokens().stream()
        .filter(t -> t.comment().startsWith("cas-databricks " + applicationId + " "))
        .filter(t -> !t.isExpiredAt(fake.clock().now()))
        .toList();
    assertThat(valid).as("valid tokens of ours").hasSize(1);
    FakeResponse me = fake.handle(new FakeRequest("GET", "/api/2.0/preview/scim/v2/Me", null,
        Map.of("Authorization", "Bearer " + held.reveal()), "", "127.0.0.1", fake.workspaceHost().toString()));
    assertThat(me.status()).as("the held token works").isEqualTo(200);
    assertThat(Json.parse(me.body()).path("userName").asText()).isEqualTo(applicationId);
  }

  private static RenewalResult renew(FakeDatabricks fake, Secret current) {
    return TokenRenewal.builder()
        .workspace(fake.workspaceHost().toString(), current)
        .lifetime(Duration.ofDays(90))
        .retryPolicy(SeededWorkspace.retryPolicy())
        .clock(fake.clock().asClock())
        .sleeper(d -> fake.clock().advance(d))
        .transport(fake.transport())
        .build()
        .renew();
  }
}
