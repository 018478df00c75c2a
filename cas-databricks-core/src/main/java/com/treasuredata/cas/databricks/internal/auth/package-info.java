/**
 * Not API: resolved targets, host and account id validation, and the interceptors that turn
 * credentials into an {@code Authorization} header at the last moment.
 *
 * <p>Start with {@link com.treasuredata.cas.databricks.internal.auth.Hosts} and
 * {@link com.treasuredata.cas.databricks.internal.auth.AuthInterceptors}. Everything here may change
 * or be removed in any release, including patch releases. Nothing accepts or returns null.
 */
package com.treasuredata.cas.databricks.internal.auth;
