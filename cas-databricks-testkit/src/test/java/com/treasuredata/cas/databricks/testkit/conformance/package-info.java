/**
 * Conformance tests: the official databricks-sdk-java clients drive the fake through every
 * endpoint and error case of the API reference, once over loopback HTTP
 * ({@code FakeDatabricksServer}) and once in-process (the core's {@code SdkHttpClientAdapter} over
 * {@code FakeDatabricks.transport()}). Every scenario is a {@code @ParameterizedTest} over
 * {@link com.treasuredata.cas.databricks.testkit.conformance.Mode}, so the two ways in are held to
 * the same answers (the parity test). Start with {@code ConformanceFixture}.
 */
package com.treasuredata.cas.databricks.testkit.conformance;
