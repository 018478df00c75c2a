package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test seeding: writes state directly, skipping the API's authentication, validation and eventual
 * consistency, so a test can set up what it needs in one line.
 */
public final class EngineSeeding {

  private final Engine engine;

  EngineSeeding(Engine engine) {
    this.engine = engine;
  }

  /** Adds a workspace with the default workspace state and the given catalogs. */
  public void addWorkspace(long id, String name, List<String> catalogs, long now) {
    Model.Workspace ws = engine.newWorkspace(id, name, EngineConfig.workspaceHostFor(id));
    for (String c : catalogs) {
      engine.createCatalog(ws, c, engine.account.adminUserName, "", now);
    }
  }

  public ServicePrincipal addServicePrincipal(String displayName, long now) {
    return EngineViews.view(engine.newSp(displayName, null, now, false));
  }

  public void deleteServicePrincipal(String applicationId) {
    Long id = engine.account.spByAppId.get(applicationId);
    if (id == null) {
      throw new IllegalArgumentException("no service principal with applicationId " + applicationId);
    }
    engine.deleteSp(engine.account.sps.get(id));
  }

  public void addAccountGroup(String name) {
    engine.account.groups.putIfAbsent(name, engine.newId());
  }

  private Model.Sp spByAppId(String applicationId) {
    Long id = engine.account.spByAppId.get(applicationId);
    if (id == null) {
      throw new IllegalArgumentException("no service principal with applicationId " + applicationId);
    }
    return engine.account.sps.get(id);
  }

  public void assign(long workspaceId, String applicationId, List<String> permissions) {
    Model.Workspace ws = engine.workspace(workspaceId);
    Model.Sp sp = spByAppId(applicationId);
    ws.assignments.put(sp.id, new ArrayList<>(permissions));
  }

  public void grantTokenPermission(long workspaceId, TokenPermission permission) {
    engine.workspace(workspaceId).tokenAcl.put(Engine.aclKey(permission.type(), permission.principal()), permission.level());
  }

  /** Issues a PAT for {@code principal} (an applicationId, or the admin user's name / "admin"). */
  public String issueToken(long workspaceId, String principal, Duration lifetime, long now) {
    Model.Workspace ws = engine.workspace(workspaceId);
    Model.Sp owner = principal.equals(Engine.ADMIN_LABEL) || principal.equals(engine.account.adminUserName) ? null : spByAppId(principal);
    long expiry = lifetime == null ? -1 : now + lifetime.toMillis();
    return engine.issueToken(ws, owner, engine.account.adminUserId, engine.account.adminUserName, "seeded by the test", now, expiry, owner != null);
  }

  public void createCatalog(long workspaceId, String name, long now) {
    Model.Workspace ws = engine.workspace(workspaceId);
    if (ws.catalogs.containsKey(name)) {
      throw new IllegalArgumentException("catalog " + name + " already exists in workspace " + workspaceId);
    }
    engine.createCatalog(ws, name, engine.account.adminUserName, "", now);
  }

  public void setConf(long workspaceId, String key, String value) {
    if (!WorkspaceConfApi.KNOWN_CONF_KEYS.contains(key)) {
      throw new IllegalArgumentException("unknown workspace-conf key " + key + "; known: " + WorkspaceConfApi.KNOWN_CONF_KEYS);
    }
    if (value == null) {
      engine.workspace(workspaceId).conf.remove(key);
    } else {
      engine.workspace(workspaceId).conf.put(key, value);
    }
  }

  public IpAccessList addIpAccessList(long workspaceId, String label, String listType, List<String> addresses, long now) {
    Model.IpList l = NetworkApi.addList(engine, engine.workspace(workspaceId), label, listType, addresses, now, engine.account.adminUserId);
    return NetworkApi.view(l);
  }

  /** Creates an OAuth secret for {@code applicationId} and returns its value. */
  public String addSecret(String applicationId, Duration lifetime, long now) {
    return OAuthApi.createSecret(engine, spByAppId(applicationId), lifetime.toMillis(), now).path("secret").asText();
  }

  // ---------------------------------------------------------------- users, groups, tables, accounts

  public com.treasuredata.cas.databricks.testkit.state.User addUser(String userName, String displayName, long now) {
    if (Users.byName(engine, userName) != null) {
      throw new IllegalArgumentException("a user named " + userName + " already exists");
    }
    return StateViews.UserView.of(EngineCreation.newUser(engine, 0, userName, displayName, now));
  }

  private Model.User user(String userName) {
    Model.User u = Users.byName(engine, userName);
    if (u == null) {
      throw new IllegalArgumentException("no user named " + userName);
    }
    return u;
  }

  public void assignUser(long workspaceId, String userName, List<String> permissions) {
    Users.assign(engine.workspace(workspaceId), user(userName), new ArrayList<>(permissions));
  }

  /** Adds a user (by user name) or service principal (by applicationId) to an account group. */
  public void addGroupMember(String group, String principal) {
    addAccountGroup(group);
    Model.User u = Users.byName(engine, principal);
    long member = u != null ? u.id : spByAppId(principal).id;
    engine.account.groupMembers.computeIfAbsent(engine.account.groups.get(group), k -> new java.util.LinkedHashSet<>())
        .add(member);
  }

  public void createTable(long workspaceId, String catalog, String schema, String table, long now) {
    Model.Schema s = engine.views().schemaModel(workspaceId, catalog, schema);
    if (s.tables.containsKey(table)) {
      throw new IllegalArgumentException("table " + catalog + "." + schema + "." + table + " already exists");
    }
    Model.Table t = new Model.Table();
    t.name = table;
    t.owner = engine.account.adminUserName;
    t.tableType = "MANAGED";
    t.dataSourceFormat = "DELTA";
    t.createdMs = now;
    s.tables.put(table, t);
  }

  public void metastoreAdmin(long workspaceId, String principal, boolean admin) {
    if (admin) {
      engine.workspace(workspaceId).metastoreAdmins.add(principal);
    } else {
      engine.workspace(workspaceId).metastoreAdmins.remove(principal);
    }
  }

  public void addOtherAccount(String accountId) {
    if (accountId.equals(engine.account.accountId) || engine.account.otherAccounts.containsKey(accountId)) {
      throw new IllegalArgumentException("account " + accountId + " already exists in this fake");
    }
    engine.account.otherAccounts.put(accountId, accountId);
  }

  /** Issues a token like {@link #issueToken} but with {@code comment}, e.g. one that copies another tool's tag. */
  public String issueToken(long workspaceId, String principal, Duration lifetime, String comment, long now) {
    Model.Workspace ws = engine.workspace(workspaceId);
    Model.Sp owner = principal.equals(Engine.ADMIN_LABEL) || principal.equals(engine.account.adminUserName) ? null : spByAppId(principal);
    long expiry = lifetime == null ? -1 : now + lifetime.toMillis();
    return engine.issueToken(ws, owner, engine.account.adminUserId, engine.account.adminUserName, comment, now, expiry, owner != null);
  }

  /** Sets whether service principal {@code applicationId} is active (SCIM {@code active}). */
  public void setActive(String applicationId, boolean active) {
    spByAppId(applicationId).active = active;
  }

  /** Enables or disables IP access list {@code listId}. */
  public void setIpAccessListEnabled(long workspaceId, String listId, boolean enabled) {
    Model.IpList l = engine.workspace(workspaceId).ipLists.get(listId);
    if (l == null) {
      throw new IllegalArgumentException("no IP access list " + listId);
    }
    l.enabled = enabled;
  }

  /** Makes workspace {@code workspaceId} an Azure Databricks workspace (no OBO) reached under {@code host}. */
  public void seedAzure(long workspaceId, java.net.URI host) {
    engine.workspace(workspaceId).cloud = "azure";
    engine.hosts().registerWorkspaceHost(workspaceId, host);
  }

  /** Narrows the scopes of token {@code tokenId}, as auto-scoping does. */
  public void narrowTokenScopes(long workspaceId, String tokenId, List<String> scopes) {
    TokenRules.narrow(engine.workspace(workspaceId), tokenId, scopes);
  }
}
