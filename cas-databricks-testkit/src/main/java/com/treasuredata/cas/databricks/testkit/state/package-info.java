/**
 * Immutable views of a {@link com.treasuredata.cas.databricks.testkit.FakeDatabricks}'s state, for
 * assertions: service principals, workspace assignments, the token ACL, issued tokens, grants, IP
 * access lists, catalogs and OAuth secrets.
 *
 * <p>Start with {@link com.treasuredata.cas.databricks.testkit.state.ServicePrincipal} and
 * {@link com.treasuredata.cas.databricks.testkit.state.TokenPermission}. This package is API.
 * Nothing here accepts or returns null; absent values are {@code Optional}.
 */
package com.treasuredata.cas.databricks.testkit.state;
