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
  /** {@code ACCESS}: not a write privilege. */
  ACCESS,
  /** {@code ALL_PRIVILEGES}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  ALL_PRIVILEGES,
  /** {@code APPLY_TAG}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  APPLY_TAG,
  /** {@code BROWSE}: read access, part of {@link #DATA_READER}. */
  BROWSE,
  /** {@code CREATE}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE,
  /** {@code CREATE_CATALOG}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_CATALOG,
  /** {@code CREATE_CLEAN_ROOM}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_CLEAN_ROOM,
  /** {@code CREATE_CONNECTION}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_CONNECTION,
  /** {@code CREATE_EXTERNAL_LOCATION}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_EXTERNAL_LOCATION,
  /** {@code CREATE_EXTERNAL_TABLE}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_EXTERNAL_TABLE,
  /** {@code CREATE_EXTERNAL_VOLUME}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_EXTERNAL_VOLUME,
  /** {@code CREATE_FOREIGN_CATALOG}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_FOREIGN_CATALOG,
  /** {@code CREATE_FOREIGN_SECURABLE}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_FOREIGN_SECURABLE,
  /** {@code CREATE_FUNCTION}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_FUNCTION,
  /** {@code CREATE_MANAGED_STORAGE}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_MANAGED_STORAGE,
  /** {@code CREATE_MATERIALIZED_VIEW}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_MATERIALIZED_VIEW,
  /** {@code CREATE_MODEL}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_MODEL,
  /** {@code CREATE_PROVIDER}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_PROVIDER,
  /** {@code CREATE_RECIPIENT}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_RECIPIENT,
  /** {@code CREATE_SCHEMA}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_SCHEMA,
  /** {@code CREATE_SERVICE_CREDENTIAL}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_SERVICE_CREDENTIAL,
  /** {@code CREATE_SHARE}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_SHARE,
  /** {@code CREATE_STORAGE_CREDENTIAL}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_STORAGE_CREDENTIAL,
  /** {@code CREATE_TABLE}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_TABLE,
  /** {@code CREATE_VIEW}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_VIEW,
  /** {@code CREATE_VOLUME}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  CREATE_VOLUME,
  /** {@code EXECUTE}: read access, part of {@link #DATA_READER}. */
  EXECUTE,
  /** {@code EXECUTE_CLEAN_ROOM_TASK}: not a write privilege. */
  EXECUTE_CLEAN_ROOM_TASK,
  /** {@code EXTERNAL_USE_SCHEMA}: not a write privilege. */
  EXTERNAL_USE_SCHEMA,
  /** {@code MANAGE}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  MANAGE,
  /** {@code MANAGE_ALLOWLIST}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  MANAGE_ALLOWLIST,
  /** {@code MODIFY}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  MODIFY,
  /** {@code MODIFY_CLEAN_ROOM}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  MODIFY_CLEAN_ROOM,
  /** {@code READ_FILES}: not a write privilege. */
  READ_FILES,
  /** {@code READ_METADATA}: not a write privilege. */
  READ_METADATA,
  /** {@code READ_PRIVATE_FILES}: not a write privilege. */
  READ_PRIVATE_FILES,
  /** {@code READ_VOLUME}: not a write privilege. */
  READ_VOLUME,
  /** {@code REFRESH}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  REFRESH,
  /** {@code SELECT}: read access, part of {@link #DATA_READER}. */
  SELECT,
  /** {@code SET_SHARE_PERMISSION}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  SET_SHARE_PERMISSION,
  /** {@code USAGE}: not a write privilege. */
  USAGE,
  /** {@code USE_CATALOG}: read access, part of {@link #DATA_READER}. */
  USE_CATALOG,
  /** {@code USE_CONNECTION}: not a write privilege. */
  USE_CONNECTION,
  /** {@code USE_MARKETPLACE_ASSETS}: not a write privilege. */
  USE_MARKETPLACE_ASSETS,
  /** {@code USE_PROVIDER}: not a write privilege. */
  USE_PROVIDER,
  /** {@code USE_RECIPIENT}: not a write privilege. */
  USE_RECIPIENT,
  /** {@code USE_SCHEMA}: read access, part of {@link #DATA_READER}. */
  USE_SCHEMA,
  /** {@code USE_SHARE}: not a write privilege. */
  USE_SHARE,
  /** {@code WRITE_FILES}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  WRITE_FILES,
  /** {@code WRITE_PRIVATE_FILES}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  WRITE_PRIVATE_FILES,
  /** {@code WRITE_VOLUME}: a write privilege, granted only with {@link CatalogGrant#allowWritePrivileges()}. */
  WRITE_VOLUME;

  /** The "Data Reader" preset Treasure Data documents: USE_CATALOG, USE_SCHEMA, BROWSE, EXECUTE, SELECT. */
  public static final Set<Privilege> DATA_READER =
      Set.copyOf(EnumSet.of(USE_CATALOG, USE_SCHEMA, BROWSE, EXECUTE, SELECT));

  /**
   * Returns true for privileges that change data, metadata or permissions: ALL_PRIVILEGES, MANAGE,
   * MANAGE_ALLOWLIST, MODIFY, MODIFY_CLEAN_ROOM, APPLY_TAG, REFRESH, SET_SHARE_PERMISSION, and every
   * CREATE* and WRITE_*.
   *
   * @return whether {@link CatalogGrant} refuses this privilege without
   *     {@link CatalogGrant#allowWritePrivileges()}
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
