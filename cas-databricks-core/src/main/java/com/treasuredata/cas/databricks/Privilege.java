package com.treasuredata.cas.databricks;

import java.util.EnumSet;
import java.util.Set;

/**
 * A Unity Catalog privilege, exactly as the grants API spells it ({@code USE_CATALOG}, not
 * {@code USE CATALOG}).
 *
 * <p>The constants mirror the privilege enum of the Databricks API. {@link #isWrite()} marks the
 * privileges that let the grantee change data, metadata or permissions; {@link CatalogGrant}
 * refuses them unless {@link CatalogGrant#allowWritePrivileges()} is called, because CAS only
 * reads.
 */
public enum Privilege {
  ACCESS,
  ALL_PRIVILEGES,
  APPLY_TAG,
  BROWSE,
  CREATE,
  CREATE_CATALOG,
  CREATE_CLEAN_ROOM,
  CREATE_CONNECTION,
  CREATE_EXTERNAL_LOCATION,
  CREATE_EXTERNAL_TABLE,
  CREATE_EXTERNAL_VOLUME,
  CREATE_FOREIGN_CATALOG,
  CREATE_FOREIGN_SECURABLE,
  CREATE_FUNCTION,
  CREATE_MANAGED_STORAGE,
  CREATE_MATERIALIZED_VIEW,
  CREATE_MODEL,
  CREATE_PROVIDER,
  CREATE_RECIPIENT,
  CREATE_SCHEMA,
  CREATE_SERVICE_CREDENTIAL,
  CREATE_SHARE,
  CREATE_STORAGE_CREDENTIAL,
  CREATE_TABLE,
  CREATE_VIEW,
  CREATE_VOLUME,
  EXECUTE,
  EXECUTE_CLEAN_ROOM_TASK,
  EXTERNAL_USE_SCHEMA,
  MANAGE,
  MANAGE_ALLOWLIST,
  MODIFY,
  MODIFY_CLEAN_ROOM,
  READ_FILES,
  READ_METADATA,
  READ_PRIVATE_FILES,
  READ_VOLUME,
  REFRESH,
  SELECT,
  SET_SHARE_PERMISSION,
  USAGE,
  USE_CATALOG,
  USE_CONNECTION,
  USE_MARKETPLACE_ASSETS,
  USE_PROVIDER,
  USE_RECIPIENT,
  USE_SCHEMA,
  USE_SHARE,
  WRITE_FILES,
  WRITE_PRIVATE_FILES,
  WRITE_VOLUME;

  /** The "Data Reader" preset Treasure Data documents: USE_CATALOG, USE_SCHEMA, BROWSE, EXECUTE, SELECT. */
  public static final Set<Privilege> DATA_READER =
      Set.copyOf(EnumSet.of(USE_CATALOG, USE_SCHEMA, BROWSE, EXECUTE, SELECT));

  /**
   * Returns true for privileges that change data, metadata or permissions: ALL_PRIVILEGES, MANAGE,
   * MANAGE_ALLOWLIST, MODIFY, MODIFY_CLEAN_ROOM, APPLY_TAG, REFRESH, SET_SHARE_PERMISSION, and every
   * CREATE* and WRITE_*.
   */
  public boolean isWrite() {
    switch (this) {
      case ALL_PRIVILEGES:
      case MANAGE:
      case MANAGE_ALLOWLIST:
      case MODIFY:
      case MODIFY_CLEAN_ROOM:
      case APPLY_TAG:
      case REFRESH:
      case SET_SHARE_PERMISSION:
        return true;
      default:
        return name().startsWith("CREATE") || name().startsWith("WRITE_");
    }
  }
}
