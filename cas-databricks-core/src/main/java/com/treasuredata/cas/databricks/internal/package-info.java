/**
 * Not API: the step engine, REST client, JSON mapping, error mapper, retry loop and Databricks SDK
 * adapter. Everything here may change or be removed in any release, including patch releases.
 * No public type outside this package returns a type from it.
 */
package com.treasuredata.cas.databricks.internal;
