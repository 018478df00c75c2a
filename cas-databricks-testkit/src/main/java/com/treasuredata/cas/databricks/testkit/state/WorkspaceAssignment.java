package com.treasuredata.cas.databricks.testkit.state;

import java.util.List;
import java.util.Objects;

/**
 * A principal's permissions on a workspace (account workspace permission assignment).
 *
 * @param principalId SCIM id of the principal
 * @param type kind of principal
 * @param principalName applicationId, user name or group name
 * @param displayName display name
 * @param permissions {@code USER} and/or {@code ADMIN}
 */
public record WorkspaceAssignment(
    long principalId, PrincipalType type, String principalName, String displayName, List<String> permissions) {

  /**
   * Checks the components.
   *
   * @param displayName the display name
   * @param permissions the permissions
   * @param principalId the principal id
   * @param principalName the principal name
   * @param type the type
   */
  public WorkspaceAssignment {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(principalName, "principalName");
    Objects.requireNonNull(displayName, "displayName");
    permissions = List.copyOf(permissions);
  }

  /**
   * Returns true when the principal is a workspace admin.
   *
   * @return true when the principal is a workspace admin
   */
  public boolean isAdmin() {
    return permissions.contains("ADMIN");
  }
}
