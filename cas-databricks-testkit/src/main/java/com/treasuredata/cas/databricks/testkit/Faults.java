package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.testkit.internal.engine.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fault rules of one fake, evaluated in insertion order for every request; the first rule that
 * fires wins. See {@link FaultRule} for matching and {@link Fault} for the kinds.
 *
 * <p>{@link #unfired()} lists rules that never fired, so a test can fail when its scripted fault
 * was never exercised (the JUnit extension does this after each test). Thread-safe.
 *
 * <pre>{@code
 * FaultRule rule = fake.faults().add(FaultRule.on("PATCH", "/api/2.0/permissions/authorization/tokens",
 *     Fault.status(503)));
 * // ... run the code under test ...
 * assertThat(fake.faults().unfired()).isEmpty();
 * }</pre>
 */
public final class Faults {

  private final List<Slot> slots = new ArrayList<>();
  private int nextId = 1;

  Faults() {}

  /**
   * Adds {@code rule} after the existing ones and returns it with its id (a blank id becomes
   * {@code fault-<n>}).
   *
   * @param rule the rule
   * @return the fault rule
   * @throws IllegalArgumentException if a rule with the same id exists
   */
  public synchronized FaultRule add(FaultRule rule) {
    Objects.requireNonNull(rule, "rule");
    FaultRule withId = rule.id().isBlank() ? rule.withId("fault-" + nextId++) : rule;
    for (Slot s : slots) {
      if (s.rule.id().equals(withId.id())) {
        throw new IllegalArgumentException("a fault rule with id " + withId.id() + " already exists");
      }
    }
    slots.add(new Slot(withId));
    return withId;
  }

  /**
   * Returns the rules in evaluation order.
   *
   * @return the rules in evaluation order
   */
  public synchronized List<FaultRule> rules() {
    List<FaultRule> out = new ArrayList<>();
    for (Slot s : slots) {
      out.add(s.rule);
    }
    return List.copyOf(out);
  }

  /**
   * Returns every rule with its match and fire counts, in evaluation order.
   *
   * @return every rule with its match and fire counts, in evaluation order
   */
  public synchronized List<FaultRuleState> states() {
    List<FaultRuleState> out = new ArrayList<>();
    for (Slot s : slots) {
      out.add(new FaultRuleState(s.rule, s.matched, s.fired));
    }
    return List.copyOf(out);
  }

  /**
   * Returns the rules that never fired.
   *
   * @return the rules that never fired
   */
  public synchronized List<FaultRule> unfired() {
    List<FaultRule> out = new ArrayList<>();
    for (Slot s : slots) {
      if (s.fired == 0) {
        out.add(s.rule);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns how often the rule {@code id} fired.
   *
   * @param id the id
   * @return how often the rule {@code id} fired
   */
  public synchronized int fired(String id) {
    return find(id).map(s -> s.fired).orElseThrow(() -> new IllegalArgumentException("no fault rule with id " + id));
  }

  /**
   * Removes the rule {@code id}; returns false if there was none.
   *
   * @param id the id
   * @return true if so
   */
  public synchronized boolean remove(String id) {
    return slots.removeIf(s -> s.rule.id().equals(id));
  }

  /** Removes every rule. */
  public synchronized void clear() {
    slots.clear();
  }

  /** Returns the rule that fires for this request, counting the match, or null. */
  synchronized FaultRule fire(String method, String path, String principal) {
    for (Slot s : slots) {
      FaultRule r = s.rule;
      if (!(r.method().equals("*") || r.method().equals(method))) {
        continue;
      }
      if (!s.glob.matches(path)) {
        continue;
      }
      if (r.principal().isPresent() && !r.principal().get().equals(principal)) {
        continue;
      }
      if (r.count() != FaultRule.ALWAYS && s.fired >= r.count()) {
        continue;
      }
      s.matched++;
      if (s.matched <= r.offset()) {
        continue;
      }
      s.fired++;
      return r;
    }
    return null;
  }

  private Optional<Slot> find(String id) {
    for (Slot s : slots) {
      if (s.rule.id().equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized String toString() {
    return "Faults" + states();
  }

  private static final class Slot {
    final FaultRule rule;
    final Glob glob;
    int matched;
    int fired;

    Slot(FaultRule rule) {
      this.rule = rule;
      this.glob = Glob.of(rule.path());
    }
  }
}
