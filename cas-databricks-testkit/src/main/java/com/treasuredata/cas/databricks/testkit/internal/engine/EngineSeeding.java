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
