package com.treasuredata.cas.databricks.testkit.state;

import java.util.List;

/**
 * A principal's permissions on a workspace (account workspace permission assignment).
 *
 * Built by the fake; callers cannot construct one.
 */
public interface WorkspaceAssignment {

  /**
   * Returns SCIM id of the principal.
   *
   * @return SCIM id of the principal
   */
  long principalId();

  /**
   * Returns kind of principal.
   *
   * @return kind of principal
   */
  PrincipalType type();

  /**
   * Returns applicationId, user name or group name.
   *
   * @return applicationId, user name or group name
   */
  String principalName();

  /**
   * Returns display name.
   *
   * @return display name
   */
  String displayName();

  /**
   * Returns {@code USER} and/or {@code ADMIN}.
   *
   * @return {@code USER} and/or {@code ADMIN}
   */
  List<String> permissions();

  /**
   * Returns true when the principal is a workspace admin.
   *
   * @return true when the principal is a workspace admin
   */
  default boolean isAdmin() {
    return permissions().contains("ADMIN");
  }
}
