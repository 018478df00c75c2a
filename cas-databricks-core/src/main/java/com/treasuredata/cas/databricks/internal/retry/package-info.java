/**
 * Not API: the pieces of the retry loop in {@link com.treasuredata.cas.databricks.internal.RestClient}:
 * {@link com.treasuredata.cas.databricks.internal.retry.RetryRules} (what may be retried),
 * {@link com.treasuredata.cas.databricks.internal.retry.Backoff} (how long to wait),
 * {@link com.treasuredata.cas.databricks.internal.retry.RetryAfter} (what the server asked for).
 *
 * <p>Propagation waits ("principal not yet visible") belong to the steps, through
 * {@code StepContext.untilVisible}, which goes by each error's {@code category()}.
 * Everything here may change or be removed in any release, including patch releases. Nothing
 * accepts or returns null.
 */
package com.treasuredata.cas.databricks.internal.retry;
