package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.engine.Validation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Privileges the service principal must hold on one Unity Catalog catalog.
 *
 * <p>Grants are add-only: onboarding adds the missing privileges for the service principal's
 * applicationId and never removes a privilege nor touches another principal. Write privileges
 * ({@link Privilege#isWrite()}) are refused by {@link CasOnboardingBuilder#grant(CatalogGrant)}
 * unless this grant says {@link #allowWritePrivileges()}. Immutable.
 *
 * <pre>{@code
 * CatalogGrant reader = CatalogGrant.dataReader("cas_demo_east1");
 * CatalogGrant editor = CatalogGrant.of("cas_out", Set.of(Privilege.USE_CATALOG, Privilege.MODIFY))
 *     .allowWritePrivileges();
 * }</pre>
 *
 * @param catalog the catalog name (a Unity Catalog identifier, e.g. {@code cas_demo_east1})
 * @param privileges the privileges to ensure, never empty
 * @param writePrivilegesAllowed whether write privileges were explicitly allowed
 */
public record CatalogGrant(String catalog, Set<Privilege> privileges, boolean writePrivilegesAllowed) {

  /**
   * Validates the catalog name and the privilege set.
   *
   * @param catalog the catalog name
   * @param privileges the privileges to ensure, at least one
   * @param writePrivilegesAllowed whether write privileges may be among them
   * @throws IllegalArgumentException if the catalog name is not a valid identifier or the set is empty
   */
  public CatalogGrant {
    Objects.requireNonNull(catalog, "catalog is null; allowed: a Unity Catalog catalog name such as \"cas_demo_east1\"");
    Objects.requireNonNull(privileges, "privileges is null; allowed: a set of Privilege values such as Privilege.DATA_READER");
    Validation.catalogName(catalog);
    if (privileges.isEmpty()) {
      throw new IllegalArgumentException(
          "the privilege set for catalog '" + catalog + "' is empty; name at least one, e.g. Privilege.DATA_READER");
    }
    for (Privilege p : privileges) {
      Objects.requireNonNull(p, "privileges contains null; allowed: Privilege values only");
    }
    privileges = Collections.unmodifiableSet(EnumSet.copyOf(privileges));
  }

  /**
   * Returns the Treasure Data "Data Reader" preset on {@code catalog}: USE_CATALOG, USE_SCHEMA, BROWSE, EXECUTE, SELECT.
   *
   * @param catalog the catalog name
   * @return a read-only grant
   */
  public static CatalogGrant dataReader(String catalog) {
    return new CatalogGrant(catalog, Privilege.DATA_READER, false);
  }

  /**
   * Returns a grant of {@code privileges} on {@code catalog}; write privileges still need {@link #allowWritePrivileges()}.
   *
   * @param catalog the catalog name
   * @param privileges the privileges to ensure, at least one
   * @return a grant that refuses write privileges until {@link #allowWritePrivileges()}
   */
  public static CatalogGrant of(String catalog, Set<Privilege> privileges) {
    return new CatalogGrant(catalog, privileges, false);
  }

  /**
   * Returns a copy that is allowed to carry write privileges.
   *
   * @return the same grant with write privileges allowed
   */
  public CatalogGrant allowWritePrivileges() {
    return new CatalogGrant(catalog, privileges, true);
  }

  /**
   * Returns the write privileges in this grant (empty for a read-only grant).
   *
   * @return the write privileges, a new set
   */
  public Set<Privilege> writePrivileges() {
    return privileges.stream().filter(Privilege::isWrite).collect(Collectors.toCollection(() -> EnumSet.noneOf(Privilege.class)));
  }
}
