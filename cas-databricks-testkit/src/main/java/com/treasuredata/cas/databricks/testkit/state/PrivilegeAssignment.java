package com.treasuredata.cas.databricks.testkit.state;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The privileges one principal holds directly on a Unity Catalog securable.
 *
 * @param principal applicationId, user name or account group name
 * @param privileges privilege names, e.g. {@code USE_CATALOG}, sorted
 */
public record PrivilegeAssignment(String principal, Set<String> privileges) {

  /**
   * Checks the components.
   *
   * @param principal the principal
   * @param privileges the privileges
   */
  public PrivilegeAssignment {
    Objects.requireNonNull(principal, "principal");
    SortedSet<String> copy = new TreeSet<>(Objects.requireNonNull(privileges, "privileges"));
    privileges = Collections.unmodifiableSortedSet(copy);
  }
}
