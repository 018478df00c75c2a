/**
 * Not API: the step engine. {@code OnboardingEngine} runs the steps' plans and applies as
 * dependency graphs ({@code StepGraph}) over a {@code RunContext} that memoizes shared reads,
 * refuses writes while planning, counts requests ({@code RequestCounter}) and retries
 * identity-propagation errors ({@code Propagation}). Everything here may change or be removed in
 * any release, including patch releases.
 */
package com.treasuredata.cas.databricks.internal.engine;
