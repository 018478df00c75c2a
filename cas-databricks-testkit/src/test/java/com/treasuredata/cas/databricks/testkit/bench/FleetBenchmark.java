package com.treasuredata.cas.databricks.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.fleet.FleetOnboarding;
import com.treasuredata.cas.databricks.fleet.FleetOnboardingBuilder;
import com.treasuredata.cas.databricks.fleet.FleetPacing;
import com.treasuredata.cas.databricks.fleet.FleetResult;
import com.treasuredata.cas.databricks.fleet.FleetTargetResult;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeWorkspace;
import com.treasuredata.cas.databricks.testkit.RateLimitRule;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many workspaces in one fake account, 50 ms of latency per request, in-process transport: (1) no
 * limits, concurrency 64; (2) real-shape limits on (account SCIM writes 5/s, SCIM 4 and permissions
 * 20 concurrent per workspace, 429 without Retry-After). {@code -Dfleet.workspaces=N} scales both
 * down (default 1000); {@code -Dfleet.warmUp=false} measures (1) in a cold JVM. Prints figures; asserts only what the runs must have done.
 */
@Tag("bench")
class FleetBenchmark {

  private static final Duration LATENCY = Duration.ofMillis(50);
  private static final int WORKSPACES = Integer.getInteger("fleet.workspaces", 1000);
  private static final long FIRST = 7_000_000_000_000_001L;

  @Test
  void noLimitsConcurrency64() {
    warmUp();
    FakeDatabricks fake = FakeDatabricks.builder().latency(LATENCY).journalCapacity(100).build();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, WORKSPACES, "cas_demo_east1");
    try (FleetOnboarding fleet = fleet(fake, workspaces, FleetPacing.unlimited()).build()) {
      long t0 = System.nanoTime();
      FleetResult result = fleet.apply();
      long wallMs = (System.nanoTime() - t0) / 1_000_000;
      report("no limits, concurrency 64", result, wallMs, WORKSPACES * 6.0 * LATENCY.toMillis() / 64, fake);
      long t1 = System.nanoTime();
      FleetResult rerun = fleet.apply();
      System.out.printf(Locale.ROOT, "re-run: %d converged, %d writes, %d ms%n", rerun.count(FleetTargetResult.Status.CONVERGED),
          rerun.targets().stream().mapToInt(FleetTargetResult::writeCount).sum(), (System.nanoTime() - t1) / 1_000_000);
    }
  }

  @Test
  void realShapeLimitsOn() {
    FakeDatabricks fake = FakeDatabricks.builder().latency(LATENCY).journalCapacity(100)
        .behaviours(Behaviours.defaults().withRateLimitRetryAfter(false)).build();
    fake.rateLimits().add(RateLimitRule.of("POST", "/api/2.0/accounts/*/scim/v2/ServicePrincipals", 5, Duration.ofSeconds(1)));
    fake.concurrencyLimits().scimPerWorkspace(4).permissionsPerWorkspace(20);
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, WORKSPACES, "cas_demo_east1");
    // the fake's rate windows are in its virtual time: let it follow the wall clock
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> fake.clock().set(Instant.now()), 0, 5, TimeUnit.MILLISECONDS);
    try (FleetOnboarding fleet = fleet(fake, workspaces, FleetPacing.defaults()).build()) {
      long t0 = System.nanoTime();
      FleetResult result = fleet.apply();
      long wallMs = (System.nanoTime() - t0) / 1_000_000;
      report("real-shape limits on (account SCIM writes 5/s)", result, wallMs, WORKSPACES * 1000.0 / 5, fake);
      System.out.printf(Locale.ROOT, "limit answers from the fake: %d (rate) + %d (concurrency); returned to runs: %d%n",
          fake.rateLimits().refused("rate-1"), fake.concurrencyLimits().refused(), result.limitAnswersReturned());
      assertThat(result.limitAnswersReturned()).isZero();
    } finally {
      ticker.shutdownNow();
    }
  }

  /**
   * One smaller fleet on its own fake first, as every benchmark here warms up: the measured run
   * should time the fleet, not the JIT compiling it on the same two cores.
   */
  private static void warmUp() {
    if (!Boolean.parseBoolean(System.getProperty("fleet.warmUp", "true"))) {
      return;
    }
    FakeDatabricks fake = FakeDatabricks.builder().latency(LATENCY).journalCapacity(100).build();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, Math.min(WORKSPACES, 200), "cas_demo_east1");
    try (FleetOnboarding fleet = fleet(fake, workspaces, FleetPacing.unlimited()).build()) {
      fleet.apply();
      fleet.apply();
    }
  }

  private static FleetOnboardingBuilder fleet(FakeDatabricks fake, List<FakeWorkspace> workspaces, FleetPacing pacing) {
    CasOnboardingBuilder template =
        CasOnboarding.builder()
            .account(DatabricksTarget.pat(fake.accountHost().toString(), fake.adminToken()).withAccountId(fake.accountId()))
            .token(Duration.ofDays(1))
            .transport(fake.transport());
    FleetOnboardingBuilder builder = FleetOnboarding.builder().template(template).concurrency(64).pacing(pacing);
    for (FakeWorkspace ws : workspaces) {
      builder.target("ws-" + ws.id(), b -> b.workspace(DatabricksTarget.pat(ws.host().toString(), fake.adminToken())).workspaceId(ws.id())
          .servicePrincipal("TD-CAS-" + ws.id()).grant(CatalogGrant.dataReader("cas_demo_east1")));
    }
    return builder;
  }

  private static void report(String name, FleetResult result, long wallMs, double boundMs, FakeDatabricks fake) {
    Set<String> names = new HashSet<>();
    int duplicates = 0;
    for (ServicePrincipal sp : fake.account().servicePrincipals()) {
      if (!names.add(sp.displayName())) {
        duplicates++;
      }
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT,
        "%n%s: %d workspaces, wall %d ms, bound %.0f ms (%.2f x), %d changed, %d failed, %d requests, %d limit answers,"
            + " %d duplicate service principals, max heap %d MiB, used %d MiB%n",
        name, WORKSPACES, wallMs, boundMs, wallMs / boundMs, result.count(FleetTargetResult.Status.CHANGED),
        result.count(FleetTargetResult.Status.FAILED), result.requestCount(), result.limitAnswers(), duplicates,
        rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
    result.targets().stream().filter(t -> t.status() == FleetTargetResult.Status.FAILED).limit(3)
        .forEach(t -> System.out.println("  failed: " + t));
    assertThat(result.count(FleetTargetResult.Status.CHANGED)).isEqualTo(WORKSPACES);
    assertThat(duplicates).isZero();
  }
}
