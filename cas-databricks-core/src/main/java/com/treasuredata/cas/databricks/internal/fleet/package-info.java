/** Machinery of the fleet: request pacing by host and endpoint family, and the target runner. Not API. */
package com.treasuredata.cas.databricks.internal.fleet;
