/**
 * The Java examples of {@code docs/testkit.md}, compiled and run, so the documentation stays true.
 * Not API.
 */
package com.treasuredata.cas.databricks.testkit.docs;
