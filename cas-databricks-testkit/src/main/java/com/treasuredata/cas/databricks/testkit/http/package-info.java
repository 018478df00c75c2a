/**
 * A loopback HTTP/1.1 front end for the fake Databricks, for clients that speak HTTP: the official
 * databricks-sdk-java clients, curl, tests in other languages.
 *
 * <p>Start with {@link com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer}. Test
 * controls are reachable over HTTP under {@code /__fake/} (documented in {@code docs/testkit.md}).
 * This package is API. Nothing here accepts or returns null; absent values are {@code Optional}.
 */
package com.treasuredata.cas.databricks.testkit.http;
