package com.treasuredata.cas.databricks.testkit;

import java.util.Objects;

/** A fault rule and how often it matched and fired so far. Only the fake creates these. */
public final class FaultRuleState {

  private final FaultRule rule;
  private final int matched;
  private final int fired;

  FaultRuleState(FaultRule rule, int matched, int fired) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.matched = matched;
    this.fired = fired;
  }

  /**
   * Returns the rule.
   *
   * @return the rule
   */
  public FaultRule rule() {
    return rule;
  }

  /**
   * Returns the matching requests seen (those let through by the offset included).
   *
   * @return the matching requests seen (those let through by the offset included)
   */
  public int matched() {
    return matched;
  }

  /**
   * Returns how many times the rule fired.
   *
   * @return how many times the rule fired
   */
  public int fired() {
    return fired;
  }

  /**
   * Returns true when the rule will fire no more.
   *
   * @return true when the rule will fire no more
   */
  public boolean exhausted() {
    return rule.count() != FaultRule.ALWAYS && fired >= rule.count();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaultRuleState other && rule.equals(other.rule) && matched == other.matched
        && fired == other.fired;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, matched, fired);
  }

  @Override
  public String toString() {
    return "FaultRuleState[rule=" + rule + ", matched=" + matched + ", fired=" + fired + "]";
  }
}
