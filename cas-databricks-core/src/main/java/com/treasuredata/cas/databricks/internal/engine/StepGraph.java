package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.OnboardingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs named nodes as a dependency graph: a node starts on the executor as soon as all its
 * dependencies succeeded; when one did not, the node is skipped without running. Nodes never wait
 * on each other inside the executor, so even a one-thread executor cannot deadlock. Not API.
 *
 * @param <T> the outcome type of a node (a step plan or a step result)
 */
public final class StepGraph<T> {

  /**
   * One node.
   *
   * @param name unique name
   * @param dependsOn names of the nodes that must succeed first
   * @param work what the node does
   */
  public record Node<T>(String name, Set<String> dependsOn, Supplier<T> work) {
    public Node {
      Objects.requireNonNull(name, "name");
      dependsOn = Set.copyOf(dependsOn);
      Objects.requireNonNull(work, "work");
    }
  }

  private final Predicate<T> isSuccess;
  private final Function<Failure, T> onFailure;
  private final Function<Failure, T> onSkip;

  /** A failed or skipped node: its name and the exception, or the reason it was skipped. */
  public record Failure(String name, OnboardingException exception, String reason) {}

  public StepGraph(Predicate<T> isSuccess, Function<Failure, T> onFailure, Function<Failure, T> onSkip) {
    this.isSuccess = isSuccess;
    this.onFailure = onFailure;
    this.onSkip = onSkip;
  }

  /** Orders {@code names} so that every node comes after its dependencies. */
  public static List<String> topologicalOrder(Map<String, Set<String>> dependencies) {
    Map<String, Integer> missing = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Map.Entry<String, Set<String>> e : dependencies.entrySet()) {
      for (String dep : e.getValue()) {
        if (!dependencies.containsKey(dep)) {
          throw new IllegalArgumentException(
              "step '" + e.getKey() + "' depends on '" + dep + "', which is not a step of this onboarding; known steps: " + dependencies.keySet());
        }
        dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(e.getKey());
      }
      missing.put(e.getKey(), e.getValue().size());
    }
    Deque<String> ready = new ArrayDeque<>();
    for (String name : dependencies.keySet()) {
      if (missing.get(name) == 0) {
        ready.add(name);
      }
    }
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.poll();
      order.add(next);
      for (String d : dependents.getOrDefault(next, List.of())) {
        if (missing.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() != dependencies.size()) {
      List<String> cyclic = new ArrayList<>(dependencies.keySet());
      cyclic.removeAll(order);
      throw new IllegalArgumentException("steps depend on each other in a cycle: " + cyclic);
    }
    return order;
  }

  /** Runs {@code nodes} and returns every node's outcome, keyed by name in the given order. */
  public Map<String, T> run(List<Node<T>> nodes, Executor executor) {
    Map<String, CompletableFuture<T>> futures = start(nodes, executor);
    Map<String, T> outcomes = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<T>> e : futures.entrySet()) {
      outcomes.put(e.getKey(), RunContext.join(e.getValue(), Function.identity()));
    }
    return outcomes;
  }

  /** Starts {@code nodes} and returns each node's future outcome, keyed by name in the given order. */
  public Map<String, CompletableFuture<T>> start(List<Node<T>> nodes, Executor executor) {
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    Map<String, Node<T>> byName = new HashMap<>();
    for (Node<T> n : nodes) {
      if (byName.put(n.name(), n) != null) {
        throw new IllegalArgumentException("two steps are named '" + n.name() + "'; step names must be unique");
      }
      deps.put(n.name(), n.dependsOn());
    }
    Map<String, CompletableFuture<T>> futures = new HashMap<>();
    for (String name : topologicalOrder(deps)) {
      Node<T> node = byName.get(name);
      List<CompletableFuture<T>> before = new ArrayList<>();
      List<String> beforeNames = new ArrayList<>(node.dependsOn());
      beforeNames.sort(null);
      for (String d : beforeNames) {
        before.add(futures.get(d));
      }
      CompletableFuture<T> future =
          CompletableFuture.allOf(before.toArray(new CompletableFuture<?>[0]))
              .thenCompose(
                  ignored -> {
                    for (int i = 0; i < before.size(); i++) {
                      if (!isSuccess.test(before.get(i).join())) {
                        return CompletableFuture.completedFuture(
                            onSkip.apply(new Failure(name, null, "not run: step '" + beforeNames.get(i) + "' did not succeed")));
                      }
                    }
                    return CompletableFuture.supplyAsync(() -> runNode(node), executor);
                  });
      futures.put(name, future);
    }
    Map<String, CompletableFuture<T>> inOrder = new LinkedHashMap<>();
    for (Node<T> n : nodes) {
      inOrder.put(n.name(), futures.get(n.name()));
    }
    return inOrder;
  }

  private T runNode(Node<T> node) {
    try {
      return node.work().get();
    } catch (OnboardingException e) {
      return onFailure.apply(new Failure(node.name(), e, null));
    } catch (RuntimeException e) {
      return onFailure.apply(
          new Failure(node.name(), new OnboardingException("step '" + node.name() + "' failed unexpectedly: " + e, e), null));
    }
  }
}
