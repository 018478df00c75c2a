package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.testkit.internal.engine.Engine;
import com.treasuredata.cas.databricks.testkit.internal.engine.EngineWarehouses;
import com.treasuredata.cas.databricks.testkit.state.Catalog;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.PrivilegeAssignment;
import com.treasuredata.cas.databricks.testkit.state.SqlWarehouse;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.testkit.state.WarehousePermission;
import com.treasuredata.cas.databricks.testkit.state.WorkspaceAssignment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One workspace of a {@link FakeDatabricks}: read-only views for assertions and seed helpers.
 * Every view is an immutable copy taken under the fake's lock. Thread-safe.
 *
 * <pre>{@code
 * FakeWorkspace ws = fake.workspace();
 * ws.setConf("enableIpAccessLists", "true");
 * assertThat(ws.privileges("cas_demo_east1", sp.applicationId())).contains("USE_CATALOG", "SELECT");
 * }</pre>
 */
public final class FakeWorkspace {

  private final FakeDatabricks fake;
  private final Engine engine;
  private final long id;

  FakeWorkspace(FakeDatabricks fake, Engine engine, long id) {
    this.fake = fake;
    this.engine = engine;
    this.id = id;
  }

  /**
   * Returns the workspace id.
   *
   * @return the workspace id
   */
  public long id() {
    return id;
  }

  /**
   * Returns the in-process host.
   *
   * @return the in-process host
   */
  public URI host() {
    synchronized (fake.lock()) {
      return engine.views().workspaceHost(id);
    }
  }

  /**
   * Returns the workspace name.
   *
   * @return the workspace name
   */
  public String name() {
    synchronized (fake.lock()) {
      return engine.views().workspaceName(id);
    }
  }

  /**
   * Returns the service principals assigned to this workspace, with their permissions.
   *
   * @return the service principals assigned to this workspace, with their permissions
   */
  public List<WorkspaceAssignment> assignments() {
    synchronized (fake.lock()) {
      return engine.views().assignments(id);
    }
  }

  /**
   * Assigns service principal {@code applicationId} with {@code permissions} ({@code USER}, {@code ADMIN}).
   *
   * @param applicationId the application id
   * @param permissions the permissions
   */
  public void assign(String applicationId, String... permissions) {
    synchronized (fake.lock()) {
      engine.seeding().assign(id, applicationId, List.of(permissions));
    }
  }

  /**
   * Returns the direct entries of the token ACL.
   *
   * @return the direct entries of the token ACL
   */
  public List<TokenPermission> tokenAcl() {
    synchronized (fake.lock()) {
      return engine.views().tokenAcl(id);
    }
  }

  /**
   * Adds or changes one token ACL entry, without the API's checks.
   *
   * @param permission the permission
   */
  public void grantTokenPermission(TokenPermission permission) {
    Objects.requireNonNull(permission, "permission");
    synchronized (fake.lock()) {
      engine.seeding().grantTokenPermission(id, permission);
    }
  }

  /**
   * Returns the personal access tokens of this workspace (expired ones until deleted).
   *
   * @return the personal access tokens of this workspace (expired ones until deleted)
   */
  public List<IssuedToken> tokens() {
    synchronized (fake.lock()) {
      return engine.views().tokens(id);
    }
  }

  /**
   * Issues a PAT for {@code principal} (a service principal applicationId, or {@code "admin"}) without
   * the API's checks and returns its value; {@code lifetime} null means no expiry.
   *
   * @param lifetime the lifetime
   * @param principal the principal
   * @return the secret
   */
  public Secret issueToken(String principal, Duration lifetime) {
    Objects.requireNonNull(principal, "principal");
    synchronized (fake.lock()) {
      return Secret.of(engine.seeding().issueToken(id, principal, lifetime, fake.clock().millis()));
    }
  }

  /**
   * Returns the direct grants on catalog {@code catalog}.
   *
   * @param catalog the catalog
   * @return the direct grants on catalog {@code catalog}
   */
  public List<PrivilegeAssignment> grants(String catalog) {
    synchronized (fake.lock()) {
      return engine.views().grants(id, catalog);
    }
  }

  /**
   * Returns the direct grants on schema {@code catalog.schema}.
   *
   * @param catalog the catalog
   * @param schema the schema
   * @return the direct grants on schema {@code catalog.schema}
   */
  public List<PrivilegeAssignment> schemaGrants(String catalog, String schema) {
    synchronized (fake.lock()) {
      return engine.views().schemaGrants(id, catalog, schema);
    }
  }

  /**
   * Returns the privileges {@code principal} holds directly on {@code catalog} (empty if none).
   *
   * @param catalog the catalog
   * @param principal the principal
   * @return the privileges {@code principal} holds directly on {@code catalog} (empty if none)
   */
  public Set<String> privileges(String catalog, String principal) {
    for (PrivilegeAssignment a : grants(catalog)) {
      if (a.principal().equals(principal)) {
        return a.privileges();
      }
    }
    return Set.of();
  }

  /**
   * Returns the catalogs.
   *
   * @return the catalogs
   */
  public List<Catalog> catalogs() {
    synchronized (fake.lock()) {
      return engine.views().catalogs(id);
    }
  }

  /**
   * Creates catalog {@code name} with schema {@code default}.
   *
   * @param name the name
   */
  public void createCatalog(String name) {
    Objects.requireNonNull(name, "name");
    synchronized (fake.lock()) {
      engine.seeding().createCatalog(id, name, fake.clock().millis());
    }
  }

  /**
   * Returns the workspace-conf values that are set.
   *
   * @return the workspace-conf values that are set
   */
  public Map<String, String> conf() {
    synchronized (fake.lock()) {
      return engine.views().conf(id);
    }
  }

  /**
   * Sets a workspace-conf key without the API's checks ({@code null} unsets it).
   *
   * @param key the key
   * @param value the value
   */
  public void setConf(String key, String value) {
    Objects.requireNonNull(key, "key");
    synchronized (fake.lock()) {
      engine.seeding().setConf(id, key, value);
    }
  }

  /**
   * Returns the IP access lists.
   *
   * @return the IP access lists
   */
  public List<IpAccessList> ipAccessLists() {
    synchronized (fake.lock()) {
      return engine.views().ipAccessLists(id);
    }
  }

  /**
   * Adds an enabled IP access list ({@code ALLOW} or {@code BLOCK}) without the lockout check.
   *
   * @param addresses the addresses
   * @param label the label
   * @param listType the list type
   * @return the ip access list
   */
  public IpAccessList addIpAccessList(String label, String listType, String... addresses) {
    synchronized (fake.lock()) {
      return engine.seeding().addIpAccessList(id, label, listType, List.of(addresses), fake.clock().millis());
    }
  }

  /**
   * Registers another address under which this workspace is reached.
   *
   * @param host the host
   */
  public void registerHost(URI host) {
    fake.registerWorkspaceHost(id, host);
  }

  // ------------------------------------------------------------------ users, tables, metastore admins

  /**
   * Returns the users assigned to this workspace (the admin user is one, as {@code ADMIN}); {@link #assignments()} has the service principals.
   *
   * @return the users assigned to this workspace (the admin user is one, as {@code ADMIN}); {@link #assignments()} has the service principals
   */
  public List<WorkspaceAssignment> userAssignments() {
    synchronized (fake.lock()) {
      return engine.views().userAssignments(id);
    }
  }

  /**
   * Assigns account user {@code userName} to this workspace with {@code permissions} ({@code USER}, {@code ADMIN}).
   *
   * @param userName the user name
   * @param permissions the permissions
   */
  public void assignUser(String userName, String... permissions) {
    synchronized (fake.lock()) {
      engine.seeding().assignUser(id, userName, List.of(permissions));
    }
  }

  /**
   * Creates table {@code catalog.schema.table}, owned by the admin user (the schema must exist).
   *
   * @param catalog the catalog
   * @param schema the schema
   * @param table the table
   */
  public void createTable(String catalog, String schema, String table) {
    synchronized (fake.lock()) {
      engine.seeding().createTable(id, catalog, schema, table, fake.clock().millis());
    }
  }

  /**
   * Returns the table names of {@code catalog.schema}, sorted.
   *
   * @param catalog the catalog
   * @param schema the schema
   * @return the table names of {@code catalog.schema}, sorted
   */
  public List<String> tables(String catalog, String schema) {
    synchronized (fake.lock()) {
      return engine.views().tables(id, catalog, schema);
    }
  }

  /**
   * Returns the direct grants on table {@code catalog.schema.table}.
   *
   * @param catalog the catalog
   * @param schema the schema
   * @param table the table
   * @return the direct grants on table {@code catalog.schema.table}
   */
  public List<PrivilegeAssignment> tableGrants(String catalog, String schema, String table) {
    synchronized (fake.lock()) {
      return engine.views().tableGrants(id, catalog, schema, table);
    }
  }

  /**
   * Makes {@code principal} (a user name, applicationId or account group) a metastore admin of this
   * workspace's metastore, or no longer one. The admin user is one by default; a workspace admin is
   * not one unless made so.
    *
    * @param principal the principal
    * @param admin the admin
   */
  public void metastoreAdmin(String principal, boolean admin) {
    Objects.requireNonNull(principal, "principal");
    synchronized (fake.lock()) {
      engine.seeding().metastoreAdmin(id, principal, admin);
    }
  }

  /**
   * Returns the metastore admins of this workspace's metastore.
   *
   * @return the metastore admins of this workspace's metastore
   */
  public Set<String> metastoreAdmins() {
    synchronized (fake.lock()) {
      return engine.views().metastoreAdmins(id);
    }
  }

  /**
   * Issues a PAT like {@link #issueToken(String, Duration)} with a chosen {@code comment}, e.g. a
   * token of someone else that carries a copied comment.
    *
    * @param principal the principal
    * @param lifetime the lifetime
    * @param comment the comment
    * @return the result
   */
  public Secret issueToken(String principal, Duration lifetime, String comment) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(comment, "comment");
    synchronized (fake.lock()) {
      return Secret.of(engine.seeding().issueToken(id, principal, lifetime, comment, fake.clock().millis()));
    }
  }

  /**
   * Enables or disables IP access list {@code listId} without the API's checks.
   *
   * @param listId the list id
   * @param enabled the enabled
   */
  public void setIpAccessListEnabled(String listId, boolean enabled) {
    Objects.requireNonNull(listId, "listId");
    synchronized (fake.lock()) {
      engine.seeding().setIpAccessListEnabled(id, listId, enabled);
    }
  }

  /**
   * Makes this an Azure Databricks workspace: on-behalf-of token creation is refused with the real
   * error, host metadata says {@code azure}, and it is also reached under the returned
   * {@code https://adb-<id>.<n>.azuredatabricks.net} host.
    *
    * @return the result
   */
  public URI seedAzure() {
    URI azure = URI.create("https://adb-" + id + "." + (id % 20) + ".azuredatabricks.net");
    synchronized (fake.lock()) {
      engine.seeding().seedAzure(id, azure);
    }
    return azure;
  }

  /**
   * Narrows the scopes of token {@code tokenId}, as auto-scoping does after observing its use.
   *
   * @param tokenId the token id
   * @param scopes the scopes
   */
  public void narrowTokenScopes(String tokenId, String... scopes) {
    Objects.requireNonNull(tokenId, "tokenId");
    synchronized (fake.lock()) {
      engine.seeding().narrowTokenScopes(id, tokenId, List.of(scopes));
    }
  }

  /**
   * Adds a running serverless PRO warehouse named {@code name}, owned by the admin user; returns its id.
   *
   * @param name the name
   * @return the result
   */
  public String addWarehouse(String name) {
    return addWarehouse(name, "PRO", true, "RUNNING");
  }

  /**
   * Adds a warehouse owned by the admin user ({@code IS_OWNER}; {@code admins} manage it by inheritance) and returns its id.
   *
    * @param name the name
    * @param serverless the serverless
   * @param type {@code PRO} or {@code CLASSIC}
   * @param state e.g. {@code RUNNING} or {@code STOPPED}
    * @return the result
   */
  public String addWarehouse(String name, String type, boolean serverless, String state) {
    Objects.requireNonNull(name, "name");
    synchronized (fake.lock()) {
      return warehousesOf().addWarehouse(id, name, type, serverless, state, fake.clock().millis());
    }
  }

  /**
   * Returns the SQL warehouses (deleted ones with state {@code DELETED}) and their direct ACL entries.
   *
   * @return the SQL warehouses (deleted ones with state {@code DELETED}) and their direct ACL entries
   */
  public List<SqlWarehouse> warehouses() {
    synchronized (fake.lock()) {
      return warehousesOf().warehouses(id);
    }
  }

  /**
   * Returns warehouse {@code warehouseId}.
   *
   * @param warehouseId the warehouse id
   * @return warehouse {@code warehouseId}
   */
  public SqlWarehouse warehouse(String warehouseId) {
    return warehouses().stream().filter(w -> w.id().equals(warehouseId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no warehouse " + warehouseId + " in workspace " + id));
  }

  /**
   * Sets a warehouse's state, e.g. {@code STOPPED}, or {@code DELETED} to delete it.
   *
   * @param warehouseId the warehouse id
   * @param state the state
   */
  public void setWarehouseState(String warehouseId, String state) {
    synchronized (fake.lock()) {
      warehousesOf().setWarehouseState(id, warehouseId, state);
    }
  }

  /**
   * Adds or changes one direct entry of a warehouse ACL, without the API's checks.
   *
   * @param warehouseId the warehouse id
   * @param permission the permission
   */
  public void grantWarehousePermission(String warehouseId, WarehousePermission permission) {
    synchronized (fake.lock()) {
      warehousesOf().setWarehousePermission(id, warehouseId, permission.type(), permission.principal(), permission.level());
    }
  }

  /**
   * Removes {@code principal}'s direct entry from a warehouse ACL, without the API's checks.
   *
   * @param warehouseId the warehouse id
   * @param type the type
   * @param principal the principal
   */
  public void revokeWarehousePermission(String warehouseId, PrincipalType type, String principal) {
    synchronized (fake.lock()) {
      warehousesOf().setWarehousePermission(id, warehouseId, type, principal, null);
    }
  }

  /**
   * Returns the entitlements of the built-in {@code users} group (default {@code workspace-access}, {@code databricks-sql-access}).
   *
   * @return the entitlements of the built-in {@code users} group (default {@code workspace-access}, {@code databricks-sql-access})
   */
  public Set<String> usersEntitlements() {
    synchronized (fake.lock()) {
      return warehousesOf().usersEntitlements(id);
    }
  }

  /**
   * Grants or removes an entitlement of the built-in {@code users} group, which every member inherits.
   *
   * @param entitlement the entitlement
   * @param granted the granted
   */
  public void setUsersEntitlement(String entitlement, boolean granted) {
    synchronized (fake.lock()) {
      warehousesOf().setUsersEntitlement(id, entitlement, granted);
    }
  }

  private EngineWarehouses warehousesOf() {
    return new EngineWarehouses(engine);
  }

  @Override
  public String toString() {
    return "FakeWorkspace[" + id + ']';
  }
}
