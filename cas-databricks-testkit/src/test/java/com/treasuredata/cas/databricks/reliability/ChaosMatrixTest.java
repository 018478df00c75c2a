package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.reliability.SeededWorkspace.Scenario;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The chaos matrix: for every write request a clean onboarding makes, and every fault
 * kind, one full onboarding on a freshly seeded fake with that fault injected once; when the run
 * fails, the documented recovery (run it again) follows. Every case must then have converged:
 * {@link SeededWorkspace#assertConverged()}. In-process and in virtual time, so nothing sleeps.
 *
 * <p>The matrix (one line per case, then {@code N cases, N passed}) is printed to stdout; surefire
 * keeps it in {@code target/surefire-reports/...ChaosMatrixTest-output.txt}.
 */
class ChaosMatrixTest {

  private static final Pattern ID_SEGMENT =
      Pattern.compile("\\d{6,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{32,}");

  private static final ConcurrentLinkedQueue<String> MATRIX = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger PASSED = new AtomicInteger();

  /** A write request of the run, as a method and a path glob (ids replaced by {@code *}). */
  record Write(String method, String pathGlob) {
    @Override
    public String toString() {
      return method + " " + pathGlob;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyWriteOfAnOnboardingSurvivesEveryFaultKind() {
    List<DynamicTest> cases = new ArrayList<>();
    long seed = 1;
    for (Scenario scenario : Scenario.values()) {
      List<Write> writes = writesOfACleanRun(scenario);
      for (Write write : writes) {
        for (FaultKind kind : FaultKind.values()) {
          long caseSeed = seed++;
          cases.add(dynamicTest(scenario.label() + ": " + write + " x " + kind, () -> runCase(scenario, write, kind, caseSeed)));
        }
      }
    }
    return cases.stream();
  }

  /** Runs one clean onboarding and lists its writes in the order they were sent. */
  private static List<Write> writesOfACleanRun(Scenario scenario) {
    // given
    CapturedLogs.clear();
    SeededWorkspace world = SeededWorkspace.create(scenario);
    long mark = world.fake.journal().mark();

    // when
    world.apply(world.onboarding().build());

    // then
    world.assertConverged();
    Set<Write> writes = new LinkedHashSet<>();
    for (JournalEntry e : world.fake.journal().since(mark)) {
      if (e.write()) {
        writes.add(new Write(e.method(), glob(e.path())));
      }
    }
    assertThat(writes).as("writes of a clean %s run", scenario).isNotEmpty();
    MATRIX.add(scenario.label() + ": clean run writes " + writes);
    return List.copyOf(writes);
  }

  static String glob(String path) {
    return Stream.of(path.split("/", -1))
        .map(segment -> ID_SEGMENT.matcher(segment).matches() ? "*" : segment)
        .collect(Collectors.joining("/"));
  }

  private static void runCase(Scenario scenario, Write write, FaultKind kind, long seed) {
    CASES.incrementAndGet();
    String line = String.format(Locale.ROOT, "%-9s | %-6s %-72s | %-30s | ", scenario.label(), write.method(), write.pathGlob(), kind);
    try {
      // given
      CapturedLogs.clear();
      SeededWorkspace world = SeededWorkspace.create(scenario, seed);
      FaultRule rule = world.fake.faults().add(FaultRule.on(write.method(), write.pathGlob(), kind.fault));
      long mark = world.fake.journal().mark();

      // when
      String outcome;
      OnboardingResult result;
      try {
        result = world.apply(world.onboarding().build());
        outcome = "converged in one run";
      } catch (OnboardingFailedException first) {
        assertThat(first.getMessage()).contains("Applied:").contains("Not run:");
        result = world.apply(world.onboarding().build());
        outcome = "run failed (" + (first.getCause() == null ? "?" : first.getCause().getClass().getSimpleName()) + "), re-run converged";
      }

      // then
      assertThat(world.fake.faults().fired(rule.id())).as("the fault fired").isEqualTo(1);
      world.assertConverged();
      assertThat(result.isSuccess()).isTrue();
      long sent =
          world.fake.journal().since(mark).stream()
              .filter(e -> e.method().equals(write.method()) && glob(e.path()).equals(write.pathGlob()))
              .count();
      MATRIX.add(line + "passed: " + outcome + ", write sent " + sent + "x");
      PASSED.incrementAndGet();
    } catch (AssertionError | RuntimeException e) {
      MATRIX.add(line + "FAILED: " + e.toString().replace('\n', ' '));
      throw e;
    }
  }

  @AfterAll
  static void printMatrix() {
    StringBuilder out = new StringBuilder("\n=== Chaos matrix ===\n");
    MATRIX.forEach(l -> out.append(l).append('\n'));
    out.append(CASES.get()).append(" cases, ").append(PASSED.get()).append(" passed\n");
    System.out.print(out);
  }
}
