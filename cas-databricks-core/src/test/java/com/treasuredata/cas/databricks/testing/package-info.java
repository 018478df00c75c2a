/**
 * Test utilities shipped in the core test-jar: {@link com.treasuredata.cas.databricks.testing.CapturedLogs}
 * (every SLF4J event, DEBUG included, for secret scans), {@link com.treasuredata.cas.databricks.testing.TestClock}
 * (a clock and sleeper that never sleep) and {@link com.treasuredata.cas.databricks.testing.FakeTokens}
 * (generated credentials, so no real-looking token is a literal in source). Test scope only; may
 * change without notice.
 */
package com.treasuredata.cas.databricks.testing;
