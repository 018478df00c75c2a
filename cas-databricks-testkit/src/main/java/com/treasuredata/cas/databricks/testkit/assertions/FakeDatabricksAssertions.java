package com.treasuredata.cas.databricks.testkit.assertions;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.Journal;

/**
 * Entry point for AssertJ assertions over a {@link FakeDatabricks}'s state and journal. Import
 * {@code assertThat} statically next to AssertJ's own (the overloads do not clash).
 *
 * <p>Failure messages read "Expecting ... but was ..." and never contain a token or secret: the
 * fake's views hold none, and the assertions print names, ids and privileges only.
 *
 * <pre>{@code
 * import static com.treasuredata.cas.databricks.testkit.assertions.FakeDatabricksAssertions.assertThat;
 *
 * assertThat(fake).hasServicePrincipalNamed("TreasureData CAS").withTokenUsage().isAssignedToWorkspace();
 * assertThat(fake).catalog("cas_demo_east1").grantsExactly(applicationId, "USE_CATALOG", "USE_SCHEMA", "SELECT");
 * assertThat(fake).hasAllowListContaining("TreasureData", "203.0.113.10", "203.0.113.11");
 * assertThat(fake).journal().madeNoWrites();
 * }</pre>
 */
public final class FakeDatabricksAssertions {

  private FakeDatabricksAssertions() {}

  /**
   * Returns assertions over {@code fake}'s account and default workspace.
   *
   * @param fake the fake
   * @return assertions over {@code fake}'s account and default workspace
   */
  public static FakeDatabricksAssert assertThat(FakeDatabricks fake) {
    return new FakeDatabricksAssert(fake, fake == null ? 0 : fake.workspaceId());
  }

  /**
   * Returns assertions over {@code journal}.
   *
   * @param journal the journal
   * @return assertions over {@code journal}
   */
  public static JournalAssert assertThat(Journal journal) {
    return new JournalAssert(journal);
  }
}
