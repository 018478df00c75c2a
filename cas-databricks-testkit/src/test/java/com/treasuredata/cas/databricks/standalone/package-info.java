/**
 * The standalone jars as a user runs them: the command line ({@code java -jar cas-databricks.jar})
 * and the docs' JShell scripts, each a separate process against the testkit's standalone fake.
 * Integration tests (failsafe): they need the jars {@code package} builds.
 */
package com.treasuredata.cas.databricks.standalone;
