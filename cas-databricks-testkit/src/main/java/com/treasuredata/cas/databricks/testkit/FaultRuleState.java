package com.treasuredata.cas.databricks.testkit;

import java.util.Objects;

/**
 * A fault rule and how often it matched and fired so far.
 *
 * @param rule the rule
 * @param matched matching requests seen (those let through by the offset included)
 * @param fired times it fired
 */
public record FaultRuleState(FaultRule rule, int matched, int fired) {

  public FaultRuleState {
    Objects.requireNonNull(rule, "rule");
  }

  /** Returns true when the rule will fire no more. */
  public boolean exhausted() {
    return rule.count() != FaultRule.ALWAYS && fired >= rule.count();
  }
}
