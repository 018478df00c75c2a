package com.treasuredata.cas.databricks.testkit.state;

import java.util.List;
import java.util.Objects;

/**
 * A SQL warehouse of a fake workspace, as seen by assertions.
 *
 * @param id the warehouse id (16 hex characters)
 * @param name the name, unique in the workspace
 * @param state {@code RUNNING}, {@code STOPPED}, {@code STARTING}, {@code STOPPING}, {@code DELETING} or {@code DELETED}
 * @param warehouseType {@code PRO} or {@code CLASSIC}
 * @param serverless whether serverless compute is enabled
 * @param creator the creator's user name (the default owner)
 * @param permissions the direct entries of its permissions ACL
 */
public record SqlWarehouse(
    String id, String name, String state, String warehouseType, boolean serverless, String creator, List<WarehousePermission> permissions) {

  /**
   * Copies the permissions.
   *
   * @param id the warehouse id
   * @param name the name
   * @param state the state
   * @param warehouseType the type
   * @param serverless whether serverless
   * @param creator the creator
   * @param permissions the direct ACL entries
   */
  public SqlWarehouse {
    Objects.requireNonNull(id, "id");
    permissions = List.copyOf(permissions);
  }

  /**
   * Returns the level {@code principal} holds directly, or null.
   *
   * @param principal the principal
   * @return the level {@code principal} holds directly, or null
   */
  public String levelOf(String principal) {
    for (WarehousePermission p : permissions) {
      if (p.principal().equalsIgnoreCase(principal)) {
        return p.level();
      }
    }
    return null;
  }
}
