/**
 * An in-memory fake Databricks for tests: start with
 * {@link com.treasuredata.cas.databricks.testkit.FakeDatabricks#create()}, point the library at
 * {@link com.treasuredata.cas.databricks.testkit.FakeDatabricks#transport()}, and script trouble
 * with {@link com.treasuredata.cas.databricks.testkit.Faults},
 * {@link com.treasuredata.cas.databricks.testkit.RateLimits},
 * {@link com.treasuredata.cas.databricks.testkit.ConsistencyDelay} and the
 * {@link com.treasuredata.cas.databricks.testkit.FakeClock}; read what happened from the
 * {@link com.treasuredata.cas.databricks.testkit.Journal} and the state views.
 *
 * <p>This package is API. Nothing here accepts or returns null unless a method says so (the raw
 * query of a {@link com.treasuredata.cas.databricks.testkit.FakeRequest}); absent values are
 * {@code Optional}.
 */
package com.treasuredata.cas.databricks.testkit;
