/**
 * The built-in onboarding steps, one final class each, and {@link com.treasuredata.cas.databricks.steps.Steps},
 * their factories and names.
 *
 * <p>Each step has a read-only {@code plan} (GET requests only) and an idempotent {@code apply}.
 * {@link com.treasuredata.cas.databricks.CasOnboarding} composes them; use this package directly to
 * refer to step names or to read a step's configuration. This package is API. Nothing here accepts
 * or returns null.
 */
package com.treasuredata.cas.databricks.steps;
