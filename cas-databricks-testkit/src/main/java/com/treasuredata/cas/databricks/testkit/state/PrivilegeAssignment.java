package com.treasuredata.cas.databricks.testkit.state;

import java.util.Set;

/**
 * The privileges one principal holds directly on a Unity Catalog securable.
 *
 * Built by the fake; callers cannot construct one.
 */
public interface PrivilegeAssignment {

  /**
   * Returns applicationId, user name or account group name.
   *
   * @return applicationId, user name or account group name
   */
  String principal();

  /**
   * Returns privilege names, e.g. {@code USE_CATALOG}, sorted.
   *
   * @return privilege names, e.g. {@code USE_CATALOG}, sorted
   */
  Set<String> privileges();
}
