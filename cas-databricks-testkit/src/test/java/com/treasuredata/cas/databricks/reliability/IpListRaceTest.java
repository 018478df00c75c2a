package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IP access list API has no conditional update: a PATCH replaces the whole address list. The
 * step reads the list again just before each write and reads it back after it, repeating while any
 * of its addresses is missing, so that addresses others put there are kept and concurrent runs
 * with different addresses all end present: runs in one process take turns at the list; a run
 * in another process (here: another host name for the same workspace) whose write removed ours
 * is detected by our read-back.
 */
class IpListRaceTest {

  private static final String LABEL = "TreasureData";
  private static final String LISTS = "/api/2.0/ip-access-lists";
  private static final long WAIT_SECONDS = 10;

  private static FakeDatabricks seededFake(long seed) {
    FakeDatabricks fake = FakeDatabricks.builder().seed(seed).build();
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8");
    fake.workspace().addIpAccessList(LABEL, "ALLOW", "192.0.2.1");
    fake.workspace().setConf("enableIpAccessLists", "true");
    return fake;
  }

  /** An onboarding that only ensures the list (no token, no grants: the race is about the list). */
  private static CasOnboardingBuilder onboarding(FakeDatabricks fake, Transport transport, String... addresses) {
    return onboarding(fake, fake.workspaceHost(), transport, addresses);
  }

  private static CasOnboardingBuilder onboarding(FakeDatabricks fake, URI host, Transport transport, String... addresses) {
    return CasOnboarding.builder()
        .workspace(DatabricksTarget.pat(host.toString(), fake.adminToken()))
        .servicePrincipal("TD-CAS-Service")
        .withoutToken()
        .withoutGrants()
        .allowIps(LABEL, addresses)
        .clock(fake.clock().asClock())
        .sleeper(d -> fake.clock().advance(d))
        .transport(transport);
  }

  private static List<String> ourList(FakeDatabricks fake) {
    return fake.workspace().ipAccessLists().stream().filter(l -> l.label().equals(LABEL)).findFirst().map(IpAccessList::ipAddresses).orElseThrow();
  }

  private static boolean isListWrite(TransportRequest r) {
    return r.method().equals("PATCH") && r.uri().getPath().startsWith(LISTS + "/");
  }

  private static boolean isListRead(TransportRequest r) {
    return r.method().equals("GET") && r.uri().getPath().equals(LISTS);
  }

  @Test
  void anAddressAnotherAdminAddsBetweenOurPlanAndOurWriteIsKept() {
    // given: after the plan read the list, and before the run writes it, another admin adds 192.0.2.99
    FakeDatabricks fake = seededFake(1);
    String id = fake.workspace().ipAccessLists().stream().filter(l -> l.label().equals(LABEL)).findFirst().orElseThrow().listId();
    AtomicInteger listReads = new AtomicInteger();
    AtomicBoolean otherAdminDone = new AtomicBoolean();
    Transport hook = request -> {
      if (isListRead(request) && listReads.incrementAndGet() == 2) {
        otherAdminDone.set(true);
        fake.handle(new FakeRequest("PATCH", LISTS + "/" + id, null,
            Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"),
            "{\"ip_addresses\":[\"192.0.2.1\",\"192.0.2.99\"]}", "127.0.0.1", fake.workspaceHost().toString()));
      }
      return fake.transport().execute(request);
    };

    // when
    onboarding(fake, hook, "203.0.113.10").build().apply();

    // then
    assertThat(otherAdminDone).isTrue();
    assertThat(ourList(fake)).containsExactlyInAnyOrder("192.0.2.1", "192.0.2.99", "203.0.113.10");
  }

  @Test
  void whenAnotherRunsWriteLandsBetweenOurReadAndOurWriteItsReadBackFindsItsAddressGoneAndWritesItAgain() throws Exception {
    // given: run B reads the list, then run A writes, then B writes from its older read (A's address is lost), then A reads back.
    // B reaches the workspace under another host name, as a second process would: runs in one process take turns instead.
    FakeDatabricks fake = seededFake(2);
    URI otherName = URI.create("https://dbc-other-name.fake-databricks.test");
    fake.workspace().registerHost(otherName);
    CountDownLatch bReadBeforeWrite = new CountDownLatch(1);
    CountDownLatch aWrote = new CountDownLatch(1);
    CountDownLatch bWrote = new CountDownLatch(1);
    AtomicInteger bReads = new AtomicInteger();
    AtomicInteger aWrites = new AtomicInteger();
    AtomicInteger bWrites = new AtomicInteger();
    Transport a = request -> {
      if (isListWrite(request) && aWrites.get() == 0) {
        await(bReadBeforeWrite);
      }
      TransportResponse response = fake.transport().execute(request);
      if (isListWrite(request) && aWrites.incrementAndGet() == 1) {
        aWrote.countDown();
        await(bWrote); // A's read-back comes after B's write
      }
      return response;
    };
    Transport b = request -> {
      if (isListWrite(request) && bWrites.get() == 0) {
        await(aWrote);
      }
      TransportResponse response = fake.transport().execute(request);
      if (isListRead(request) && bReads.incrementAndGet() == 2) {
        bReadBeforeWrite.countDown(); // the first read is the plan's, the second the one just before the write
      }
      if (isListWrite(request) && bWrites.incrementAndGet() == 1) {
        bWrote.countDown();
      }
      return response;
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);

    // when
    try {
      Future<OnboardingResult> runA = threads.submit(() -> onboarding(fake, a, "203.0.113.10").build().apply());
      Future<OnboardingResult> runB = threads.submit(() -> onboarding(fake, otherName, b, "198.51.100.0/24").build().apply());
      OnboardingResult resultA = runA.get(60, TimeUnit.SECONDS);
      runB.get(60, TimeUnit.SECONDS);

      // then
      assertThat(aWrites.get()).as("A wrote again after its read-back").isEqualTo(2);
      assertThat(resultA.toString()).contains("a concurrent writer replaced it");
      assertThat(ourList(fake)).containsExactlyInAnyOrder("192.0.2.1", "203.0.113.10", "198.51.100.0/24");
    } finally {
      threads.shutdownNow();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void concurrentRunsWithDifferentAddressesAllEndPresent(long seed) throws Exception {
    // given: the service principal exists (the race under test is the list's, not the principal's),
    // and three runs start together, each with its own addresses
    FakeDatabricks fake = seededFake(seed);
    onboarding(fake, fake.transport(), "192.0.2.1").build().apply();
    List<List<String>> sets = List.of(List.of("203.0.113.10"), List.of("198.51.100.0/24", "203.0.113.11"), List.of("203.0.113." + (20 + seed % 200)));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(sets.size());

    // when
    List<Future<OnboardingResult>> runs = new ArrayList<>();
    try {
      for (List<String> set : sets) {
        runs.add(threads.submit(() -> {
          await(start);
          return onboarding(fake, fake.transport(), set.toArray(String[]::new)).build().apply();
        }));
      }
      start.countDown();
      for (Future<OnboardingResult> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS).isSuccess()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }

    // then
    List<String> expected = new ArrayList<>(List.of("192.0.2.1"));
    sets.forEach(expected::addAll);
    assertThat(ourList(fake)).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other run never reached its race point");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted at a race point");
    }
  }
}
