/**
 * Reliability tests, against the testkit's fake in-process and in virtual time: the
 * chaos matrix (every write of an onboarding x every fault kind), propagation delays, interruption
 * and resume at every step, concurrent runs, the bad-input table, and host/redirect safety.
 * Start with {@link com.treasuredata.cas.databricks.reliability.ChaosMatrixTest}; the seeded
 * workspace and its convergence checks are in
 * {@link com.treasuredata.cas.databricks.reliability.SeededWorkspace}. Test scope only.
 */
package com.treasuredata.cas.databricks.reliability;
