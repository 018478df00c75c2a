package com.treasuredata.cas.databricks.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.OnboardingException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepGraphTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final StepGraph<String> graph =
      new StepGraph<>(s -> s.startsWith("ok"), f -> "failed " + f.name() + ": " + f.exception().getMessage(), f -> "skipped " + f.name() + ": " + f.reason());

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void nodesRunAfterTheirDependenciesAndResultsKeepDeclarationOrder() {
    // given
    List<String> order = new CopyOnWriteArrayList<>();
    List<StepGraph.Node<String>> nodes = List.of(
        node("c", Set.of("b"), order), node("a", Set.of(), order), node("b", Set.of("a"), order));

    // when
    Map<String, String> out = graph.run(nodes, pool);

    // then
    assertThat(order).containsExactly("a", "b", "c");
    assertThat(out.keySet()).containsExactly("c", "a", "b");
  }

  @Test
  void independentNodesRunConcurrently() throws Exception {
    // given two nodes that each wait for the other to start
    CountDownLatch both = new CountDownLatch(2);
    StepGraph.Node<String> a = new StepGraph.Node<>("a", Set.of(), () -> await(both));
    StepGraph.Node<String> b = new StepGraph.Node<>("b", Set.of(), () -> await(both));

    // when
    Map<String, String> out = graph.run(List.of(a, b), pool);

    // then
    assertThat(out.values()).containsOnly("ok");
  }

  @Test
  void aFailureSkipsDependentsButNotIndependentNodes() {
    // given
    List<String> order = new CopyOnWriteArrayList<>();
    StepGraph.Node<String> bad = new StepGraph.Node<>("bad", Set.of(), () -> { throw new OnboardingException("boom"); });
    List<StepGraph.Node<String>> nodes = List.of(bad, node("after", Set.of("bad"), order), node("later", Set.of("after"), order), node("free", Set.of(), order));

    // when
    Map<String, String> out = graph.run(nodes, pool);

    // then
    assertThat(out.get("bad")).isEqualTo("failed bad: boom");
    assertThat(out.get("after")).isEqualTo("skipped after: not run: step 'bad' did not succeed");
    assertThat(out.get("later")).isEqualTo("skipped later: not run: step 'after' did not succeed");
    assertThat(out.get("free")).isEqualTo("ok free");
    assertThat(order).containsExactly("free");
  }

  @Test
  void unexpectedRuntimeExceptionsBecomeOnboardingFailures() {
    // given
    StepGraph.Node<String> npe = new StepGraph.Node<>("npe", Set.of(), () -> { throw new NullPointerException("x"); });

    // when
    Map<String, String> out = graph.run(List.of(npe), pool);

    // then
    assertThat(out.get("npe")).startsWith("failed npe: step 'npe' failed unexpectedly");
  }

  @Test
  void aSingleThreadExecutorCannotDeadlock() {
    // given
    ExecutorService one = Executors.newSingleThreadExecutor();
    List<String> order = new CopyOnWriteArrayList<>();
    try {
      // when
      Map<String, String> out = graph.run(List.of(node("a", Set.of(), order), node("b", Set.of("a"), order), node("c", Set.of("a"), order)), one);

      // then
      assertThat(out.values()).allMatch(s -> s.startsWith("ok"));
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void cyclesAndUnknownDependenciesAreRefused() {
    // when / then
    assertThatThrownBy(() -> StepGraph.topologicalOrder(Map.of("a", Set.of("b"), "b", Set.of("a"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    assertThatThrownBy(() -> StepGraph.topologicalOrder(Map.of("a", Set.of("zzz"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depends on 'zzz'");
  }

  private static StepGraph.Node<String> node(String name, Set<String> deps, List<String> order) {
    return new StepGraph.Node<>(name, deps, () -> {
      order.add(name);
      return "ok " + name;
    });
  }

  private static String await(CountDownLatch latch) {
    latch.countDown();
    try {
      return latch.await(5, TimeUnit.SECONDS) ? "ok" : "timed out";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
