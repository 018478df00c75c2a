package com.treasuredata.cas.databricks.fleet;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.internal.SharedClients;
import com.treasuredata.cas.databricks.internal.engine.BuilderAccess;
import com.treasuredata.cas.databricks.internal.engine.OnboardingSettings;
import com.treasuredata.cas.databricks.internal.engine.OwnedResources;
import com.treasuredata.cas.databricks.internal.fleet.Pacer;
import com.treasuredata.cas.databricks.transport.Transport;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Configures a {@link FleetOnboarding}: the targets (a template plus per-target values, or whole
 * builders), the concurrency, the pacing and the listener. Each method validates its argument at
 * once; {@link #build()} builds every target's onboarding, so a bad target fails before anything is
 * sent. Not thread-safe.
 *
 * <p>Defaults: concurrency 16, {@link FleetPacing#defaults()}, no listener, the system clock, real
 * sleeping, and an OkHttp transport and thread pools the fleet owns (a target's own
 * {@code transport(..)} or {@code executor(..)} is kept, and still paced).
 */
public final class FleetOnboardingBuilder {

  private CasOnboardingBuilder template;
  private final Map<String, OnboardingSettings> targets = new LinkedHashMap<>();
  private int concurrency = 16;
  private FleetPacing pacing = FleetPacing.defaults();
  private FleetListener listener = FleetListener.NONE;
  private Transport transport;
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.SYSTEM;

  FleetOnboardingBuilder() {}

  /**
   * Sets the template that {@link #target(String, UnaryOperator)} copies for each target.
   *
   * @param template the settings every target shares (a copy is taken now)
   * @return this builder
   */
  public FleetOnboardingBuilder template(CasOnboardingBuilder template) {
    Objects.requireNonNull(template, "template");
    this.template = BuilderAccess.builder(BuilderAccess.settings(template));
    return this;
  }

  /**
   * Adds a target: a copy of the template with {@code perTarget} applied (e.g. its workspace and
   * service principal name).
   *
   * @param id a unique id for results and progress
   * @param perTarget sets the target's own values on the copy
   * @return this builder
   * @throws IllegalArgumentException if the id is blank or taken
   * @throws IllegalStateException if no template was set
   */
  public FleetOnboardingBuilder target(String id, UnaryOperator<CasOnboardingBuilder> perTarget) {
    Objects.requireNonNull(perTarget, "perTarget");
    if (template == null) {
      throw new IllegalStateException("target(id, perTarget) needs template(..) first; or pass a whole builder with target(id, builder)");
    }
    CasOnboardingBuilder copy = BuilderAccess.builder(BuilderAccess.settings(template));
    return target(id, Objects.requireNonNull(perTarget.apply(copy), "perTarget returned null"));
  }

  /**
   * Adds a target configured by a whole builder (a copy is taken now).
   *
   * @param id a unique id for results and progress
   * @param builder the target's onboarding settings
   * @return this builder
   * @throws IllegalArgumentException if the id is blank or taken
   */
  public FleetOnboardingBuilder target(String id, CasOnboardingBuilder builder) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(builder, "builder");
    if (id.isBlank()) {
      throw new IllegalArgumentException("target id must not be blank");
    }
    if (targets.containsKey(id)) {
      throw new IllegalArgumentException("target id '" + id + "' is given twice; ids must be unique");
    }
    targets.put(id, BuilderAccess.settings(builder));
    return this;
  }

  /**
   * Sets how many targets run at once (default 16).
   *
   * @param concurrency 1..1024
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public FleetOnboardingBuilder concurrency(int concurrency) {
    if (concurrency < 1 || concurrency > 1024) {
      throw new IllegalArgumentException("concurrency must be 1..1024, was " + concurrency);
    }
    this.concurrency = concurrency;
    return this;
  }

  /**
   * Sets the pacing (default {@link FleetPacing#defaults()}).
   *
   * @param pacing limits per host and endpoint family
   * @return this builder
   */
  public FleetOnboardingBuilder pacing(FleetPacing pacing) {
    this.pacing = Objects.requireNonNull(pacing, "pacing");
    return this;
  }

  /**
   * Sets the progress listener (default none).
   *
   * @param listener hears each finished target and the progress
   * @return this builder
   */
  public FleetOnboardingBuilder listener(FleetListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Sets the transport every target without its own shares (default an OkHttp transport the fleet owns).
   *
   * @param transport the shared transport (one connection pool)
   * @return this builder
   */
  public FleetOnboardingBuilder transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /**
   * Sets the clock of the pacing and the progress (default the system clock).
   *
   * @param clock the time source
   * @return this builder
   */
  public FleetOnboardingBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets how the pacing waits (default real sleeping).
   *
   * @param sleeper waits for pauses and rate slots
   * @return this builder
   */
  public FleetOnboardingBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Builds every target's onboarding and the fleet.
   *
   * @return the fleet
   * @throws IllegalArgumentException when there is no target, or a target's settings are invalid
   *     (the message names the target)
   */
  public FleetOnboarding build() {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a fleet needs at least one target: target(id, builder)");
    }
    OwnedResources owned = new OwnedResources("cas-fleet-step-", Math.min(concurrency, targets.size()));
    Pacer pacer = new Pacer(pacing, clock, sleeper);
    Transport base = transport != null ? transport : owned.transport();
    Transport paced = base.with(pacer);
    // Targets share resolved configurations (one OAuth token per target host) whenever they share a
    // transport: the fleet's own, or one the template or several targets set.
    Map<Transport, SharedClients> sharedByPaced = new IdentityHashMap<>();
    Map<Transport, Transport> pacedByBase = new IdentityHashMap<>();
    pacedByBase.put(base, paced);
    Map<String, CasOnboarding> built = new LinkedHashMap<>();
    for (Map.Entry<String, OnboardingSettings> e : targets.entrySet()) {
      OnboardingSettings s = e.getValue().copy();
      s.transport = pacedByBase.computeIfAbsent(s.transport != null ? s.transport : base, t -> t.with(pacer));
      s.sharedClients = sharedByPaced.computeIfAbsent(s.transport, SharedClients::new);
      if (s.executor == null) {
        s.executor = owned.executor();
      }
      try {
        built.put(e.getKey(), BuilderAccess.builder(s).build());
      } catch (IllegalArgumentException bad) {
        built.values().forEach(CasOnboarding::close);
        owned.close();
        throw new IllegalArgumentException("target '" + e.getKey() + "': " + bad.getMessage(), bad);
      }
    }
    return new FleetOnboarding(built, concurrency, pacer, listener, clock, owned);
  }
}
