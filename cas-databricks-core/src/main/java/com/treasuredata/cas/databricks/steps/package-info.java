/**
 * The built-in onboarding steps: {@link com.treasuredata.cas.databricks.steps.Steps} has their
 * names and factories. The steps themselves are package-private classes written against the same
 * public {@link com.treasuredata.cas.databricks.OnboardingStep} SPI that custom steps use; each
 * declares its name, dependencies and prefetched reads once, in its constructor.
 *
 * <p>Each step has a read-only {@code plan} (GET requests only) whose typed payload its idempotent
 * {@code apply} receives. {@link com.treasuredata.cas.databricks.CasOnboarding} composes them; use
 * this package to refer to step names. Nothing here accepts or returns null.
 */
package com.treasuredata.cas.databricks.steps;
