package com.treasuredata.cas.databricks.testkit.state;

import java.util.Objects;
import java.util.Set;

/**
 * One direct entry of the workspace token ACL ({@code /api/2.0/permissions/authorization/tokens}).
 *
 * @param type the kind of principal
 * @param principal user name, group name or service principal applicationId
 * @param level {@code CAN_USE} or {@code CAN_MANAGE}
 */
public record TokenPermission(PrincipalType type, String principal, String level) {

  private static final Set<String> LEVELS = Set.of("CAN_USE", "CAN_MANAGE");

  /**
   * Checks the components.
   *
   * @param level the level
   * @param principal the principal
   * @param type the type
   */
  public TokenPermission {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(level, "level");
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("level must be one of " + LEVELS + ", was " + level);
    }
  }

  /**
   * Returns {@code CAN_USE} (or {@code level}) for service principal {@code applicationId}.
   *
   * @param applicationId the application id
   * @param level the level
   * @return {@code CAN_USE} (or {@code level}) for service principal {@code applicationId}
   */
  public static TokenPermission servicePrincipal(String applicationId, String level) {
    return new TokenPermission(PrincipalType.SERVICE_PRINCIPAL, applicationId, level);
  }

  /**
   * Returns an entry for group {@code name}.
   *
   * @param level the level
   * @param name the name
   * @return an entry for group {@code name}
   */
  public static TokenPermission group(String name, String level) {
    return new TokenPermission(PrincipalType.GROUP, name, level);
  }

  /**
   * Returns an entry for user {@code userName}.
   *
   * @param level the level
   * @param userName the user name
   * @return an entry for user {@code userName}
   */
  public static TokenPermission user(String userName, String level) {
    return new TokenPermission(PrincipalType.USER, userName, level);
  }
}
