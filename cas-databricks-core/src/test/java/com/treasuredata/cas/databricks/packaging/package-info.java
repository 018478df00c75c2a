/**
 * Checks of what the build ships: the standalone jar's contents and logging, the published
 * dependencies.
 */
package com.treasuredata.cas.databricks.packaging;
