package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.internal.Durations;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link FakeDatabricks}; every option has a default, so {@code builder().build()}
 * equals {@link FakeDatabricks#create()}. Not thread-safe.
 */
public final class FakeDatabricksBuilder {

  /** Default journal capacity. */
  public static final int DEFAULT_JOURNAL_CAPACITY = 10_000;

  String accountId = "7f5a8c2e-1b3d-4e6f-9a0b-2c4d6e8f0a1b";
  long workspaceId = 1_234_567_890_123_456L;
  String workspaceName = "cas-demo";
  Duration latency = Duration.ZERO;
  Sleeper sleeper = Sleeper.SYSTEM;
  FakeClock clock;
  Long seed;
  List<String> catalogs = List.of("cas_demo_east1");
  List<TokenPermission> initialTokenAcl = List.of();
  int journalCapacity = DEFAULT_JOURNAL_CAPACITY;
  ConsistencyDelay consistency = ConsistencyDelay.none();
  String callerAddress = "127.0.0.1";
  Behaviours behaviours = Behaviours.defaults();

  FakeDatabricksBuilder() {}

  /**
   * Sets the account id (default a fixed UUID).
   *
   * @param accountId the account id
   * @return this builder
   */
  public FakeDatabricksBuilder accountId(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (accountId.isBlank()) {
      throw new IllegalArgumentException("accountId must not be blank");
    }
    this.accountId = accountId;
    return this;
  }

  /**
   * Sets the default workspace's id (default 1234567890123456).
   *
   * @param workspaceId the workspace id
   * @return this builder
   */
  public FakeDatabricksBuilder workspaceId(long workspaceId) {
    if (workspaceId <= 0) {
      throw new IllegalArgumentException("workspaceId must be positive, was " + workspaceId);
    }
    this.workspaceId = workspaceId;
    return this;
  }

  /**
   * Sets the default workspace's name (default {@code cas-demo}).
   *
   * @param workspaceName the workspace name
   * @return this builder
   */
  public FakeDatabricksBuilder workspaceName(String workspaceName) {
    this.workspaceName = Objects.requireNonNull(workspaceName, "workspaceName");
    return this;
  }

  /**
   * Adds {@code latency} to every answer (default none).
   *
   * @param latency the latency
   * @return this builder
   */
  public FakeDatabricksBuilder latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, was " + Durations.describe(latency) + "; allowed: zero or more");
    }
    this.latency = latency;
    return this;
  }

  /**
   * Sets how the in-process transport waits out latency (default: real sleeping).
   *
   * @param sleeper the sleeper
   * @return this builder
   */
  public FakeDatabricksBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Uses {@code clock} (default a new {@link FakeClock} at the current wall-clock time).
   *
   * @param clock the clock
   * @return this builder
   */
  public FakeDatabricksBuilder clock(FakeClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Seeds id and token generation, for reproducible values (default random).
   *
   * @param seed the seed
   * @return this builder
   */
  public FakeDatabricksBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Sets the default workspace's catalogs, each with schema {@code default} (default {@code cas_demo_east1}).
   *
   * @param catalogs the catalogs
   * @return this builder
   */
  public FakeDatabricksBuilder catalogs(String... catalogs) {
    for (String c : catalogs) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("catalog names must not be blank");
      }
    }
    this.catalogs = List.of(catalogs);
    return this;
  }

  /**
   * Sets token ACL entries besides {@code admins CAN_MANAGE}, which is always there (default none;
   * e.g. {@code TokenPermission.group("users", "CAN_USE")} for workspaces where every user may use tokens).
   *
   * @param entries the entries
   * @return this builder
   */
  public FakeDatabricksBuilder initialTokenAcl(List<TokenPermission> entries) {
    this.initialTokenAcl = List.copyOf(entries);
    return this;
  }

  /**
   * Sets how many journal entries are kept (default {@value #DEFAULT_JOURNAL_CAPACITY}).
   *
   * @param capacity the capacity
   * @return this builder
   */
  public FakeDatabricksBuilder journalCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("journal capacity must be >= 1, was " + capacity);
    }
    this.journalCapacity = capacity;
    return this;
  }

  /**
   * Sets the initial eventual-consistency delay for new principals (default none).
   *
   * @param consistency the consistency
   * @return this builder
   */
  public FakeDatabricksBuilder consistency(ConsistencyDelay consistency) {
    this.consistency = Objects.requireNonNull(consistency, "consistency");
    return this;
  }

  /**
   * Sets the in-process caller address (default {@code 127.0.0.1}).
   *
   * @param address the address
   * @return this builder
   */
  public FakeDatabricksBuilder callerAddress(String address) {
    this.callerAddress = FakeDatabricks.requireIpv4(address);
    return this;
  }

  /**
   * Sets the switches for unconfirmed behaviours (default {@link Behaviours#defaults()}).
   *
   * @param behaviours the behaviours
   * @return this builder
   */
  public FakeDatabricksBuilder behaviours(Behaviours behaviours) {
    this.behaviours = Objects.requireNonNull(behaviours, "behaviours");
    return this;
  }

  /**
   * Builds the fake.
   *
   * @return the fake databricks
   */
  public FakeDatabricks build() {
    return new FakeDatabricks(this);
  }
}
