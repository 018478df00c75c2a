/**
 * JUnit 5 support: a fresh fake Databricks per test, injected as a parameter, with leak checks
 * (unfired fault rules, unknown routes) after each test.
 *
 * <p>Start with {@link com.treasuredata.cas.databricks.testkit.junit5.FakeDatabricksExtension}.
 * This package is API. Nothing here accepts or returns null; absent values are {@code Optional}.
 */
package com.treasuredata.cas.databricks.testkit.junit5;
