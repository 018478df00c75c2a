/** Checks of the documentation: links, and what a page may point at. */
package com.treasuredata.cas.databricks.docs;
