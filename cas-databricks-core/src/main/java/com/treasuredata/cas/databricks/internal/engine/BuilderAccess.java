package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import java.util.Objects;
import java.util.function.Function;

/**
 * Lets the fleet read a builder's settings and build an onboarding from adjusted settings without
 * a public accessor that would expose an internal type (the JDK's "shared secrets" pattern). Not API.
 */
public final class BuilderAccess {

  private static volatile Function<CasOnboardingBuilder, OnboardingSettings> settings;
  private static volatile Function<OnboardingSettings, CasOnboardingBuilder> builder;

  private BuilderAccess() {}

  /** Called once, by {@code CasOnboardingBuilder}'s static initializer. */
  public static synchronized void install(Function<CasOnboardingBuilder, OnboardingSettings> read, Function<OnboardingSettings, CasOnboardingBuilder> make) {
    if (settings != null) {
      throw new IllegalStateException("BuilderAccess is already installed");
    }
    settings = Objects.requireNonNull(read, "read");
    builder = Objects.requireNonNull(make, "make");
  }

  /** Returns a copy of what {@code builder} collected. */
  public static OnboardingSettings settings(CasOnboardingBuilder builder) {
    // Holding an instance means CasOnboardingBuilder's initializer has run and installed the accessors.
    return settings.apply(Objects.requireNonNull(builder, "builder")).copy();
  }

  /** Returns a new builder over a copy of {@code s}. */
  public static CasOnboardingBuilder builder(OnboardingSettings s) {
    return builder.apply(s.copy());
  }
}
