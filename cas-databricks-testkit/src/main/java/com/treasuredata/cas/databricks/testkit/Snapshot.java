package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.testkit.internal.engine.Engine;
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

  @Override
  public String toString() {
    return "Snapshot[" + takenAt + ']';
  }
}
