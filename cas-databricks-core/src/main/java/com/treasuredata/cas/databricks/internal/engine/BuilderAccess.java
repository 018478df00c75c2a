package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Lets the fleet read a builder's settings and build an onboarding from adjusted settings without
 * a public accessor that would expose an internal type: constant method handles on the builder's
 * package-private field and constructor, so no mutable static state. Not API.
 */
public final class BuilderAccess {

  private static final MethodHandle SETTINGS;
  private static final MethodHandle NEW_BUILDER;

  static {
    try {
      Class<?> options = Class.forName("com.treasuredata.cas.databricks.RunOptions");
      SETTINGS = MethodHandles.privateLookupIn(options, MethodHandles.lookup()).findGetter(options, "s", OnboardingSettings.class);
      NEW_BUILDER = MethodHandles.privateLookupIn(CasOnboardingBuilder.class, MethodHandles.lookup())
          .findConstructor(CasOnboardingBuilder.class, MethodType.methodType(void.class, OnboardingSettings.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private BuilderAccess() {}

  /** Returns a copy of what {@code builder} collected. */
  public static OnboardingSettings settings(CasOnboardingBuilder builder) {
    Objects.requireNonNull(builder, "builder");
    try {
      return ((OnboardingSettings) SETTINGS.invoke(builder)).copy();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException("cannot read the builder's settings", impossible);
    }
  }

  /** Returns a new builder over a copy of {@code s}. */
  public static CasOnboardingBuilder builder(OnboardingSettings s) {
    try {
      return (CasOnboardingBuilder) NEW_BUILDER.invoke(s.copy());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException("cannot make a builder", impossible);
    }
  }
}
