/**
 * The fake Databricks as a standalone process: {@code java -jar
 * cas-databricks-testkit-<version>-standalone.jar}, for tests written in any language.
 *
 * <p>Start with {@link com.treasuredata.cas.databricks.testkit.standalone.FakeDatabricksMain}; its
 * command line and ready line are the API, the class itself has no public members besides
 * {@code main}. Nothing here accepts or returns null.
 */
package com.treasuredata.cas.databricks.testkit.standalone;
