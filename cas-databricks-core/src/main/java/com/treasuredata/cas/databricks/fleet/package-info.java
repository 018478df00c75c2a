/**
 * Many workspaces at once: {@link com.treasuredata.cas.databricks.fleet.FleetOnboarding} runs one
 * {@link com.treasuredata.cas.databricks.CasOnboarding} per target with bounded concurrency, shared
 * clients, and per-request pacing under Databricks' limits
 * ({@link com.treasuredata.cas.databricks.fleet.FleetPacing}).
 */
package com.treasuredata.cas.databricks.fleet;
