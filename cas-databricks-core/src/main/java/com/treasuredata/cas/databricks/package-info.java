/**
 * Onboards a Databricks workspace for Treasure Data CAS: the API consumers touch.
 *
 * <p>Start with {@code CasOnboarding}: build it, then {@code plan()} (reads only) or
 * {@code apply()}. Failures are {@link com.treasuredata.cas.databricks.OnboardingException}s;
 * credentials are {@link com.treasuredata.cas.databricks.Secret}s that never print. Nothing here
 * accepts or returns null: absent values are {@code Optional} or empty collections.
 */
package com.treasuredata.cas.databricks;
