/**
 * The fake Databricks engine: state model, router, authentication and the REST handlers.
 * <b>Not API</b> (in Databricks' words: internal, may change without notice); use
 * {@link com.treasuredata.cas.databricks.testkit.FakeDatabricks}. Null policy: package-private
 * code uses null for "absent" internally; nothing here is exposed.
 */
package com.treasuredata.cas.databricks.testkit.internal.engine;
