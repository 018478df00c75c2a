/**
 * Not API: the step engine. {@code OnboardingEngine} runs the steps' plans and applies as dependency
 * graphs ({@code StepGraph}) over a {@code RunContext} (phase, cancellation, published outputs,
 * memoized shared reads) that each step sees through its own {@code StepScope}; {@code ScopedApi}
 * refuses writes while planning, stops at request boundaries once cancelled and reconciles
 * ambiguous creates; {@code RunThreads} carries the run's MDC to every thread; {@code Runs} and
 * {@code OwnedResources} start runs and own the default executor and transport. The library's
 * hidden implementations of its result interfaces live here too ({@code RunResult},
 * {@code RunPlan}, {@code StepResults}, {@code TokenInfo}). Everything here may change or be
 * removed in any release, including patch releases.
 */
package com.treasuredata.cas.databricks.internal.engine;
