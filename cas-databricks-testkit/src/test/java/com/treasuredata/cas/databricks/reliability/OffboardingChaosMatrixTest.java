package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The chaos matrix of offboarding: for every write a clean offboarding makes and every fault kind,
 * one onboarding then one offboarding with that fault injected once; when the offboarding fails,
 * running it again (the documented recovery) follows. Every case must end in the state from before
 * the onboarding, field by field, and a further offboarding must write nothing.
 */
class OffboardingChaosMatrixTest {

  private static final ConcurrentLinkedQueue<String> MATRIX = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger PASSED = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> everyWriteOfAnOffboardingSurvivesEveryFaultKind() {
    List<DynamicTest> cases = new ArrayList<>();
    long seed = 100;
    for (ChaosMatrixTest.Write write : writesOfACleanOffboarding()) {
      for (FaultKind kind : FaultKind.values()) {
        long caseSeed = seed++;
        cases.add(dynamicTest(write + " x " + kind, () -> runCase(write, kind, caseSeed)));
      }
    }
    return cases.stream();
  }

  private static List<ChaosMatrixTest.Write> writesOfACleanOffboarding() {
    OffboardingWorld world = new OffboardingWorld(99);
    CasOnboarding onboarding = world.onboarding().build();
    onboarding.apply();
    long mark = world.fake.journal().mark();
    onboarding.offboard().apply();
    Set<ChaosMatrixTest.Write> writes = new LinkedHashSet<>();
    for (JournalEntry e : world.fake.journal().since(mark)) {
      if (e.write()) {
        writes.add(new ChaosMatrixTest.Write(e.method(), ChaosMatrixTest.glob(e.path()).replace(world.warehouseId, "*")));
      }
    }
    assertThat(world.fake.snapshot().differencesFrom(world.beforeOnboarding)).isEmpty();
    assertThat(writes).hasSizeGreaterThanOrEqualTo(7);
    MATRIX.add("clean offboarding writes " + writes);
    return List.copyOf(writes);
  }

  private static void runCase(ChaosMatrixTest.Write write, FaultKind kind, long seed) {
    CASES.incrementAndGet();
    String line = String.format(Locale.ROOT, "%-6s %-80s | %-30s | ", write.method(), write.pathGlob(), kind);
    try {
      // given
      OffboardingWorld world = new OffboardingWorld(seed);
      CasOnboarding onboarding = world.onboarding().build();
      onboarding.apply();
      FaultRule rule = world.fake.faults().add(FaultRule.on(write.method(), write.pathGlob(), kind.fault));

      // when
      String outcome;
      try {
        onboarding.offboard().apply();
        outcome = "converged in one run";
      } catch (OnboardingFailedException first) {
        OnboardingResult again = onboarding.offboard().apply();
        assertThat(again.isSuccess()).isTrue();
        outcome = "run failed, re-run converged";
      }

      // then
      assertThat(world.fake.faults().fired(rule.id())).as("the fault fired").isEqualTo(1);
      assertThat(world.fake.snapshot().differencesFrom(world.beforeOnboarding)).as("differences from before the onboarding").isEmpty();
      long mark = world.fake.journal().mark();
      onboarding.offboard().apply();
      assertThat(world.fake.journal().since(mark)).as("writes of a further offboarding").noneMatch(JournalEntry::write);
      MATRIX.add(line + "passed: " + outcome);
      PASSED.incrementAndGet();
    } catch (AssertionError | RuntimeException e) {
      MATRIX.add(line + "FAILED: " + e.toString().replace('\n', ' '));
      throw e;
    }
  }

  @AfterAll
  static void printMatrix() {
    StringBuilder out = new StringBuilder("\n=== Offboarding chaos matrix ===\n");
    MATRIX.forEach(l -> out.append(l).append('\n'));
    out.append(CASES.get()).append(" cases, ").append(PASSED.get()).append(" passed\n");
    System.out.print(out);
  }
}
