package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnapshotTest {

  @Test
  void restoreReturnsToTheSnapshotAndLeavesItReusable() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    Onboard onboard = new Onboard(fake);
    onboard.createSp("kept");
    Snapshot snapshot = fake.snapshot();
    onboard.onboarded(onboard.createSp("dropped"));
    fake.workspace().setConf("enableIpAccessLists", "true");

    // when
    fake.restore(snapshot);
    int afterFirstRestore = fake.account().servicePrincipals().size();
    onboard.createSp("again");
    fake.restore(snapshot);

    // then
    assertThat(afterFirstRestore).isEqualTo(1);
    assertThat(fake.account().servicePrincipals()).extracting(sp -> sp.displayName()).containsExactly("kept");
    assertThat(fake.workspace().tokens()).isEmpty();
    assertThat(fake.workspace().conf()).containsEntry("enableIpAccessLists", "false");
  }

  @Test
  void resetReturnsToTheBuiltStateAndClearsControls() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    Onboard onboard = new Onboard(fake);
    onboard.onboarded(onboard.createSp("cas"));
    fake.faults().add(FaultRule.on("GET", "*", Fault.status(500)));
    fake.rateLimits().add(RateLimitRule.of("GET", "*", 1, Duration.ofSeconds(1)));
    fake.clock().advance(Duration.ofDays(3));
    fake.callerAddress("203.0.113.9");
    fake.consistency(ConsistencyDelay.reads(3));

    // when
    fake.reset();

    // then
    assertThat(fake.account().servicePrincipals()).isEmpty();
    assertThat(fake.workspace().tokens()).isEmpty();
    assertThat(fake.workspace().catalogs()).extracting(c -> c.name()).containsExactly("cas_demo_east1");
    assertThat(fake.journal().entries()).isEmpty();
    assertThat(fake.faults().rules()).isEmpty();
    assertThat(fake.rateLimits().rules()).isEmpty();
    assertThat(fake.clock().now()).isEqualTo(fake.clock().start());
    assertThat(fake.callerAddress()).isEqualTo("127.0.0.1");
    assertThat(fake.consistency().isNone()).isTrue();
    assertThat(Api.workspace(fake).get("/api/2.0/preview/scim/v2/Me").status()).isEqualTo(200);
  }

  @Test
  void frontEndHostsRegisteredAfterASnapshotSurviveItsRestore() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    fake.addWorkspace(42L, "second", "other_catalog");
    Snapshot snapshot = fake.snapshot();
    java.net.URI loopback = java.net.URI.create("http://127.0.0.1:8123");
    fake.registerWorkspaceHost(42L, loopback);

    // when
    fake.restore(snapshot);
    FakeResponse r = fake.handle(new FakeRequest("GET", "/api/2.1/unity-catalog/catalogs/other_catalog", null,
        java.util.Map.of("Authorization", "Bearer " + fake.adminToken().reveal()), "", "127.0.0.1", loopback.toString()));

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(fake.journal().last().orElseThrow().workspaceId()).contains(42L);
  }

  @Test
  void aSeededFakeIsReproducible() {
    // given
    FakeDatabricks a = FakeDatabricks.builder().seed(7).build();
    FakeDatabricks b = FakeDatabricks.builder().seed(7).build();

    // when
    String idA = new Onboard(a).createSp("x").appId();
    String idB = new Onboard(b).createSp("x").appId();

    // then
    assertThat(idA).isEqualTo(idB);
    assertThat(a.adminToken()).isEqualTo(b.adminToken());
  }
}
