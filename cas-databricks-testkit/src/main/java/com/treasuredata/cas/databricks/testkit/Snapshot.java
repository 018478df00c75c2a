package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.testkit.internal.engine.Engine;
import com.treasuredata.cas.databricks.testkit.internal.engine.EngineWarehouses;
import java.util.List;
import java.time.Instant;

/**
 * An opaque, immutable copy of a fake's account and workspace state, taken by
 * {@link FakeDatabricks#snapshot()} and applied by {@link FakeDatabricks#restore(Snapshot)}.
 * Restoring never changes the snapshot, so one snapshot can seed many scenarios.
 */
public final class Snapshot {

  private final Engine.State state;
  private final Instant takenAt;

  Snapshot(Engine.State state, Instant takenAt) {
    this.state = state;
    this.takenAt = takenAt;
  }

  Engine.State state() {
    return state;
  }

  /**
   * Returns the virtual time the snapshot was taken at.
   *
   * @return the virtual time the snapshot was taken at
   */
  public Instant takenAt() {
    return takenAt;
  }

  /**
   * Returns every field of the fake's state that differs from {@code earlier}, one line each as
   * {@code path: before -> after} (empty when the states are equal field by field). Ids, timestamps,
   * ACL entries, grants, tokens and lists are all compared; the fake's clock and journal are not state.
    *
    * @param earlier the earlier
    * @return every field of the fake's state that differs from {@code earlier}, one line each as {@code path: before -> after} (empty when the states are equal field by field)
   */
  public List<String> differencesFrom(Snapshot earlier) {
    return EngineWarehouses.differences(earlier.state, state);
  }

  @Override
  public String toString() {
    return "Snapshot[" + takenAt + ']';
  }
}
