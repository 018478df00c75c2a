/**
 * The command line of the standalone jar: {@code java -jar cas-databricks.jar plan|apply|verify|renew|offboard ...}, over
 * the same {@code CasOnboarding} builder a Java caller uses. One class per command; the options
 * shared by commands are picocli mixins. Not API: the command line's contract is its
 * {@code --help}, its exit codes and its {@code --json} output (README.md, docs/troubleshooting.md).
 */
package com.treasuredata.cas.databricks.internal.cli;
