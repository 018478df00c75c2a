/**
 * AssertJ assertions over a fake Databricks's state and request journal: service principals, token
 * usage, workspace assignment, catalog grants, IP access lists, workspace-conf, writes and request
 * counts.
 *
 * <p>Start with {@link com.treasuredata.cas.databricks.testkit.assertions.FakeDatabricksAssertions#assertThat}.
 * This package is API. Nothing here accepts null; failure messages never contain a credential.
 */
package com.treasuredata.cas.databricks.testkit.assertions;
