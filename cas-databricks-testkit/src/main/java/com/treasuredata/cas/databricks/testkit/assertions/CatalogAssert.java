package com.treasuredata.cas.databricks.testkit.assertions;

import com.treasuredata.cas.databricks.testkit.FakeWorkspace;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/** Assertions over the direct grants on one Unity Catalog catalog; from {@link FakeDatabricksAssert#catalog(String)}. */
public final class CatalogAssert extends AbstractAssert<CatalogAssert, String> {

  private final FakeWorkspace workspace;

  CatalogAssert(String catalog, FakeWorkspace workspace) {
    super(catalog, CatalogAssert.class);
    this.workspace = workspace;
  }

  /**
   * Verifies that {@code principal} holds exactly {@code privileges} directly on the catalog, no more, no fewer.
   *
   * @param principal the principal
   * @param privileges the privileges
   * @return this catalog assert
   */
  public CatalogAssert grantsExactly(String principal, String... privileges) {
    isNotNull();
    Set<String> expected = new TreeSet<>(List.of(privileges));
    Set<String> held = new TreeSet<>(workspace.privileges(actual, principal));
    if (!held.equals(expected)) {
      failWithMessage("Expecting catalog %s to grant %s exactly %s but was %s", actual, principal, expected,
          held.isEmpty() ? "nothing" : held);
    }
    return this;
  }

  /**
   * Verifies that {@code principal} holds at least {@code privileges} directly on the catalog.
   *
   * @param principal the principal
   * @param privileges the privileges
   * @return this catalog assert
   */
  public CatalogAssert grants(String principal, String... privileges) {
    isNotNull();
    Set<String> held = workspace.privileges(actual, principal);
    Set<String> missing = new TreeSet<>(List.of(privileges));
    missing.removeAll(held);
    if (!missing.isEmpty()) {
      failWithMessage("Expecting catalog %s to grant %s %s but was %s (missing %s)", actual, principal,
          new TreeSet<>(List.of(privileges)), held.isEmpty() ? "nothing" : new TreeSet<>(held), missing);
    }
    return this;
  }

  /**
   * Verifies that {@code principal} holds no privilege directly on the catalog.
   *
   * @param principal the principal
   * @return this catalog assert
   */
  public CatalogAssert grantsNothingTo(String principal) {
    isNotNull();
    Set<String> held = workspace.privileges(actual, principal);
    if (!held.isEmpty()) {
      failWithMessage("Expecting catalog %s to grant %s nothing but was %s", actual, principal, new TreeSet<>(held));
    }
    return this;
  }
}
