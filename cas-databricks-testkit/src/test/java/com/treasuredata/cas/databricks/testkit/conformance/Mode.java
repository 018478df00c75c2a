package com.treasuredata.cas.databricks.testkit.conformance;

/** How the official SDK reaches the fake in a conformance scenario. */
enum Mode {
  /** Over loopback HTTP through {@code FakeDatabricksServer}, with the SDK's own HTTP client. */
  HTTP,
  /** In-process: the SDK's {@code HttpClient} is the core's adapter over {@code FakeDatabricks.transport()}. */
  IN_PROCESS
}
