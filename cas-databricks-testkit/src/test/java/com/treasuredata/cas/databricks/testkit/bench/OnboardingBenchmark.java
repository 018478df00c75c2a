package com.treasuredata.cas.databricks.testkit.bench;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The onboarding benchmark: a fresh onboarding and a no-op re-run with this library against the fake
 * over loopback HTTP with 50 ms of latency per request, beside the hand-written SDK sequence of the
 * same manual steps on the same fake; and a full onboarding in-process (no sockets, no latency).
 *
 * <p>Run with {@code mvn -B -ntp -Pbench verify -pl cas-databricks-testkit -am
 * -Dtest=OnboardingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. It prints a Markdown table;
 * it asserts only what the runs must have done (counts), never how long they took.
 */
@Tag("bench")
class OnboardingBenchmark {

  private static final Duration LATENCY = Duration.ofMillis(50);
  private static final int RUNS = 5;
  private static final List<String> IPS = List.of("203.0.113.10", "198.51.100.0/24");

  @Test
  void freshAndRerunAgainstSdkSequenceOverLoopbackWithLatency() {
    List<Long> ourFresh = new ArrayList<>();
    List<Long> ourRerun = new ArrayList<>();
    List<Long> newRerun = new ArrayList<>();
    List<Long> hintedRerun = new ArrayList<>();
    List<Long> guardedFresh = new ArrayList<>();
    long[] guardedFreshCounts = new long[2];
    long[] newRerunCounts = new long[2];
    long[] hintedRerunCounts = new long[2];
    List<Long> sdk = new ArrayList<>();
    List<String> sdkRequestLines = new ArrayList<>();
    List<String> ourRequestLines = new ArrayList<>();
    long[] ourFreshCounts = new long[2];
    long[] ourRerunCounts = new long[2];
    long[] sdkCounts = new long[2];
    OkHttpTransport transport = OkHttpTransport.create();

    for (int run = 0; run < RUNS + 1; run++) { // run 0 warms up the JVM and is not counted
      boolean counted = run > 0;
      try (FakeDatabricksServer server = server(newFake(LATENCY))) {
        CasOnboarding onboarding = onboarding(server, transport);
        long mark = server.fake().journal().mark();
        long t0 = System.nanoTime();
        OnboardingResult fresh = onboarding.apply();
        long t1 = System.nanoTime();
        long freshRequests = server.fake().journal().since(mark).size();
        long freshWrites = server.fake().journal().since(mark).stream().filter(e -> e.write()).count();
        mark = server.fake().journal().mark();
        long t2 = System.nanoTime();
        OnboardingResult rerun = onboarding.apply();
        long t3 = System.nanoTime();
        long rerunRequests = server.fake().journal().since(mark).size();
        long rerunWrites = server.fake().journal().since(mark).stream().filter(e -> e.write()).count();
        long t4 = System.nanoTime();
        OnboardingResult throughNew = onboarding(server, transport, false).apply();
        long t5 = System.nanoTime();
        OnboardingResult hinted = onboarding(server, transport, true).apply();
        long t6 = System.nanoTime();
        assertThat(fresh.isSuccess()).isTrue();
        assertThat(rerun.writeCount()).isZero();
        assertThat(throughNew.writeCount()).isZero();
        assertThat(hinted.writeCount()).isZero();
        if (run == RUNS) {
          server.fake().journal().entries().stream()
              .limit(freshRequests)
              .forEach(e -> ourRequestLines.add(e.method() + " " + e.path()));
        }
        if (counted) {
          ourFresh.add(t1 - t0);
          ourRerun.add(t3 - t2);
          ourFreshCounts[0] = freshRequests;
          ourFreshCounts[1] = freshWrites;
          ourRerunCounts[0] = rerunRequests;
          ourRerunCounts[1] = rerunWrites;
          newRerun.add(t5 - t4);
          newRerunCounts[0] = throughNew.requestCount();
          hintedRerun.add(t6 - t5);
          hintedRerunCounts[0] = hinted.requestCount();
        }
      }
      try (FakeDatabricksServer server = server(newFake(LATENCY))) {
        CasOnboarding guarded = onboarding(server, transport, false, true);
        long t0 = System.nanoTime();
        OnboardingResult fresh = guarded.apply();
        long t1 = System.nanoTime();
        assertThat(fresh.isSuccess()).isTrue();
        if (counted) {
          guardedFresh.add(t1 - t0);
          guardedFreshCounts[0] = fresh.requestCount();
          guardedFreshCounts[1] = fresh.writeCount();
        }
      }
      try (FakeDatabricksServer server = server(newFake(LATENCY))) {
        FakeDatabricks fake = server.fake();
        String host = server.url().toString();
        long mark = fake.journal().mark();
        long t0 = System.nanoTime();
        SdkManualSequence.run(
            new SdkManualSequence.Target(host, fake.accountId(), host, fake.workspaceId(), fake.adminToken().reveal()),
            "TD-CAS-Service",
            "cas_demo_east1",
            "TreasureData",
            IPS);
        long t1 = System.nanoTime();
        if (run == RUNS) {
          fake.journal().since(mark).forEach(e -> sdkRequestLines.add(e.method() + " " + e.path()));
        }
        if (counted) {
          sdk.add(t1 - t0);
          sdkCounts[0] = fake.journal().since(mark).size();
          sdkCounts[1] = fake.journal().since(mark).stream().filter(e -> e.write()).count();
        }
      }
    }

    double sdkMedian = median(sdk);
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%nOnboarding over loopback HTTP, %d ms latency per request, median of %d runs%n%n", LATENCY.toMillis(), RUNS));
    table.append("| run | wall time (median) | min..max | requests | writes | wall vs SDK sequence |\n");
    table.append("|---|---|---|---|---|---|\n");
    row(table, "cas-databricks, fresh", ourFresh, ourFreshCounts, sdkMedian);
    row(table, "cas-databricks, fresh, guardAgainstOtherProcesses()", guardedFresh, guardedFreshCounts, sdkMedian);
    row(table, "cas-databricks, re-run (no-op), the same CasOnboarding", ourRerun, ourRerunCounts, sdkMedian);
    row(table, "cas-databricks, re-run (no-op), a new CasOnboarding", newRerun, newRerunCounts, sdkMedian);
    row(table, "cas-databricks, re-run (no-op), a new CasOnboarding with expectOnboarded()", hintedRerun, hintedRerunCounts, sdkMedian);
    row(table, "hand-written databricks-sdk-java sequence, fresh", sdk, sdkCounts, sdkMedian);
    table.append("\nRequests of one fresh cas-databricks run, in journal order:\n");
    ourRequestLines.forEach(line -> table.append("    ").append(line).append('\n'));
    table.append("\nRequests of one hand-written SDK sequence, in journal order:\n");
    sdkRequestLines.forEach(line -> table.append("    ").append(line).append('\n'));
    System.out.println(table);
  }

  @Test
  void fullOnboardingInProcess() {
    // In-process every request is CPU work: running the independent steps on the caller's thread
    // shows the fake's and the library's own cost; the default per-run pool adds thread handoffs.
    inProcess("caller's thread (executor(Runnable::run))", Runnable::run);
    inProcess("default shared pool", null);
  }

  private static void inProcess(String executorName, java.util.concurrent.Executor executor) {
    int warmup = 500;
    int measured = 3000;
    List<Long> times = new ArrayList<>(measured);
    long requests = 0;
    for (int i = 0; i < warmup + measured; i++) {
      FakeDatabricks fake = newFake(Duration.ZERO);
      Secret admin = fake.adminToken();
      CasOnboardingBuilder builder =
          CasOnboarding.builder()
              .account(DatabricksTarget.pat(fake.accountHost().toString(), admin).withAccountId(fake.accountId()))
              .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), admin))
              .workspaceId(fake.workspaceId())
              .servicePrincipal("TD-CAS-Service")
              .token(Duration.ofDays(1))
              .grant(CatalogGrant.dataReader("cas_demo_east1"))
              .allowIps("TreasureData", IPS.toArray(String[]::new))
              .clock(fake.clock().asClock())
              .transport(fake.transport());
      if (executor != null) {
        builder.executor(executor);
      }
      CasOnboarding onboarding = builder.build();
      long t0 = System.nanoTime();
      OnboardingResult result = onboarding.apply();
      long t1 = System.nanoTime();
      assertThat(result.isSuccess()).isTrue();
      if (i >= warmup) {
        times.add(t1 - t0);
        requests = result.requestCount();
      }
    }
    Collections.sort(times);
    System.out.printf(
        Locale.ROOT,
        "%nFull onboarding in-process, %s (%d requests each, %d runs after %d warm-up): median %.3f ms, p90 %.3f ms, p99 %.3f ms%n",
        executorName,
        requests,
        measured,
        warmup,
        times.get(measured / 2) / 1e6,
        times.get(measured * 9 / 10) / 1e6,
        times.get(measured * 99 / 100) / 1e6);
  }

  private static FakeDatabricks newFake(Duration latency) {
    FakeDatabricks fake = FakeDatabricks.builder().latency(latency).build();
    // IP access lists on, with the company's own ALLOW list in place: both contenders do the IP step.
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8");
    fake.workspace().setConf("enableIpAccessLists", "true");
    return fake;
  }

  private static FakeDatabricksServer server(FakeDatabricks fake) {
    return FakeDatabricksServer.create(fake).start();
  }

  private static CasOnboarding onboarding(FakeDatabricksServer server, OkHttpTransport transport) {
    return onboarding(server, transport, false);
  }

  private static CasOnboarding onboarding(FakeDatabricksServer server, OkHttpTransport transport, boolean expectOnboarded) {
    return onboarding(server, transport, expectOnboarded, false);
  }

  private static CasOnboarding onboarding(FakeDatabricksServer server, OkHttpTransport transport, boolean expectOnboarded, boolean guarded) {
    String host = server.url().toString();
    Secret admin = server.fake().adminToken();
    CasOnboardingBuilder builder = CasOnboarding.builder()
        .account(DatabricksTarget.pat(host, admin).withAccountId(server.fake().accountId()))
        .workspace(DatabricksTarget.pat(host, admin))
        .workspaceId(server.fake().workspaceId())
        .servicePrincipal("TD-CAS-Service")
        .token(Duration.ofDays(1))
        .grant(CatalogGrant.dataReader("cas_demo_east1"))
        .allowIps("TreasureData", IPS.toArray(String[]::new))
        .clock(server.fake().clock().asClock())
        .transport(transport);
    if (guarded) {
      builder.guardAgainstOtherProcesses();
    }
    return (expectOnboarded ? builder.expectOnboarded() : builder).build();
  }

  private static void row(StringBuilder table, String name, List<Long> nanos, long[] counts, double sdkMedian) {
    double median = median(nanos);
    table.append(
        String.format(
            Locale.ROOT,
            "| %s | %.0f ms | %.0f..%.0f ms | %d | %d | %.2f x |%n",
            name,
            median / 1e6,
            Collections.min(nanos) / 1e6,
            Collections.max(nanos) / 1e6,
            counts[0],
            counts[1],
            median / sdkMedian));
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
