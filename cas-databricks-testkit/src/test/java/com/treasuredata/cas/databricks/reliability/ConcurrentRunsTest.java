package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.reliability.SeededWorkspace.Scenario;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several {@code apply()} in this JVM for the same workspace and service principal name at once end
 * with one service principal, created once, and one valid token of ours. The race is forced
 * deterministically by a transport interceptor per run: every run's service-principal lookup
 * returns only once all runs have looked up (so every run decides to create), and then either
 * every mint completes before any run reads again ({@link Interleaving#LOCKSTEP}), or the runs go
 * one after the other ({@link Interleaving#ONE_AFTER_ANOTHER}: a run gets the empty answer to its
 * lookup only once the previous run finished). Runs in another process are emulated in
 * {@link OtherProcessRaceTest}.
 */
class ConcurrentRunsTest {

  private static final long BARRIER_SECONDS = 10;

  enum Interleaving {
    LOCKSTEP,
    ONE_AFTER_ANOTHER
  }

  static Stream<Arguments> races() {
    List<Arguments> out = new ArrayList<>();
    for (Scenario scenario : Scenario.values()) {
      for (Interleaving interleaving : Interleaving.values()) {
        out.add(Arguments.of(scenario, interleaving, 2, false));
      }
      out.add(Arguments.of(scenario, Interleaving.LOCKSTEP, 3, false));
      out.add(Arguments.of(scenario, Interleaving.LOCKSTEP, 3, true));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, {1}, {2} runs, guarded against other processes: {3}")
  @MethodSource("races")
  void concurrentRunsCreateTheServicePrincipalOnceAndEndWithOneValidTokenOfOurs(Scenario scenario, Interleaving interleaving, int runs, boolean guarded)
      throws Exception {
    // given
    CapturedLogs.clear();
    SeededWorkspace world = SeededWorkspace.create(scenario);
    CyclicBarrier lookedUp = new CyclicBarrier(runs);
    CyclicBarrier minted = new CyclicBarrier(runs);
    List<CountDownLatch> finished = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      finished.add(new CountDownLatch(1));
    }
    ExecutorService threads = Executors.newFixedThreadPool(runs);

    // when: each run is its own onboarding object, as separate callers in one service would build them
    List<Future<OnboardingResult>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < runs; i++) {
        int run = i;
        Transport race =
            new RaceTransport(
                world.fake.transport(),
                lookedUp,
                interleaving == Interleaving.LOCKSTEP ? minted : null,
                run == 0 || interleaving == Interleaving.LOCKSTEP ? null : finished.get(run - 1));
        futures.add(
            threads.submit(
                () -> {
                  try {
                    CasOnboardingBuilder builder = world.onboarding(race);
                    return world.apply((guarded ? builder.guardAgainstOtherProcesses() : builder).build());
                  } finally {
                    finished.get(run).countDown();
                  }
                }));
      }
      List<OnboardingResult> results = new ArrayList<>();
      for (Future<OnboardingResult> f : futures) {
        results.add(getOrFail(f));
      }

      // then
      ServicePrincipal sp = world.assertConverged();
      assertThat(world.requestsSinceSeeding()).as("service principals created and deleted")
          .filteredOn(e -> e.path().endsWith("/ServicePrincipals") && e.method().equals("POST") || e.path().contains("/ServicePrincipals/") && e.method().equals("DELETE"))
          .extracting(JournalEntry::method)
          .containsExactly("POST");
      assertThat(results).allSatisfy(r -> assertThat(r.applicationId()).isEqualTo(sp.applicationId()));
      assertThat(results).filteredOn(r -> r.token().isPresent()).as("runs that hand out the token's value").hasSize(1);
      assertThat(results)
          .allSatisfy(r -> assertThat(r.tokenDetails().orElseThrow().id()).isEqualTo(world.validTokensOf(sp.applicationId()).get(0).tokenId()));
    } finally {
      threads.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenario.class)
  void runsAgainstTwoFakesWithTheSameAccountIdAndNameEachCreateTheirOwn(Scenario scenario) throws Exception {
    // given: two fakes alike (parallel tests, say), and a run against each that looks the name up before either creates it
    SeededWorkspace one = SeededWorkspace.create(scenario);
    SeededWorkspace two = SeededWorkspace.create(scenario);
    assertThat(two.fake.accountId()).isEqualTo(one.fake.accountId());
    CyclicBarrier lookedUp = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);

    // when
    try {
      Future<OnboardingResult> first = threads.submit(() -> one.apply(one.onboarding(new RaceTransport(one.fake.transport(), lookedUp, null, null)).build()));
      Future<OnboardingResult> second = threads.submit(() -> two.apply(two.onboarding(new RaceTransport(two.fake.transport(), lookedUp, null, null)).build()));

      // then: whichever created first, the other does not take up a principal its own server does not know
      assertThat(getOrFail(first).applicationId()).isEqualTo(one.assertConverged().applicationId());
      assertThat(getOrFail(second).applicationId()).isEqualTo(two.assertConverged().applicationId());
    } finally {
      threads.shutdownNow();
    }
  }

  private static OnboardingResult getOrFail(Future<OnboardingResult> future) throws Exception {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception) {
        throw (Exception) e.getCause();
      }
      throw e;
    }
  }

  /** Holds one run's requests at the race points; {@code null} barriers are not used. */
  private static final class RaceTransport implements Transport {
    private final Transport delegate;
    private final CyclicBarrier lookedUp;
    private final CyclicBarrier minted;
    private final CountDownLatch previousRunFinished;
    private final AtomicBoolean firstLookup = new AtomicBoolean(true);
    private final AtomicBoolean firstMint = new AtomicBoolean(true);

    RaceTransport(Transport delegate, CyclicBarrier lookedUp, CyclicBarrier minted, CountDownLatch previousRunFinished) {
      this.delegate = delegate;
      this.lookedUp = lookedUp;
      this.minted = minted;
      this.previousRunFinished = previousRunFinished;
    }

    @Override
    public TransportResponse execute(TransportRequest request) throws IOException {
      String path = request.uri().getPath();
      boolean servicePrincipals = path.endsWith("/ServicePrincipals");
      TransportResponse response = delegate.execute(request);
      if (servicePrincipals && request.method().equals("GET") && firstLookup.getAndSet(false)) {
        await(lookedUp);
        if (previousRunFinished != null) {
          // the answer, empty, was made before the previous run created anything
          await(previousRunFinished);
        }
      } else if (path.endsWith("/on-behalf-of/tokens") && request.method().equals("POST") && firstMint.getAndSet(false) && minted != null) {
        await(minted);
      }
      return response;
    }

    private static void await(CyclicBarrier barrier) throws IOException {
      try {
        barrier.await(BARRIER_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted at a race point");
      } catch (BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("a concurrent run never reached the race point: " + e, e);
      }
    }

    private static void await(CountDownLatch latch) throws IOException {
      try {
        if (!latch.await(BARRIER_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the previous run did not finish");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the previous run");
      }
    }
  }
}
