package com.treasuredata.cas.databricks.testkit.state;

import java.util.Objects;
import java.util.Set;

/**
 * One direct entry of a SQL warehouse's permissions ACL ({@code /api/2.0/permissions/warehouses/{id}}).
 *
 * @param type the kind of principal
 * @param principal user name, group name or service principal applicationId
 * @param level {@code CAN_VIEW}, {@code CAN_MONITOR}, {@code CAN_USE}, {@code CAN_MANAGE} or {@code IS_OWNER}
 */
public record WarehousePermission(PrincipalType type, String principal, String level) {

  /** The levels a warehouse ACL entry can hold. */
  public static final Set<String> LEVELS = Set.of("CAN_VIEW", "CAN_MONITOR", "CAN_USE", "CAN_MANAGE", "IS_OWNER");

  /**
   * Checks the level.
   *
   * @param type the kind of principal
   * @param principal the principal
   * @param level the level
   */
  public WarehousePermission {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(level, "level");
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("level must be one of " + LEVELS + ", was " + level);
    }
  }

  /**
   * Returns an entry for service principal {@code applicationId}.
   *
   * @param applicationId the application id
   * @param level the level
   * @return an entry for service principal {@code applicationId}
   */
  public static WarehousePermission servicePrincipal(String applicationId, String level) {
    return new WarehousePermission(PrincipalType.SERVICE_PRINCIPAL, applicationId, level);
  }

  /**
   * Returns an entry for group {@code name}.
   *
   * @param name the name
   * @param level the level
   * @return an entry for group {@code name}
   */
  public static WarehousePermission group(String name, String level) {
    return new WarehousePermission(PrincipalType.GROUP, name, level);
  }

  /**
   * Returns an entry for user {@code userName}.
   *
   * @param userName the user name
   * @param level the level
   * @return an entry for user {@code userName}
   */
  public static WarehousePermission user(String userName, String level) {
    return new WarehousePermission(PrincipalType.USER, userName, level);
  }
}
