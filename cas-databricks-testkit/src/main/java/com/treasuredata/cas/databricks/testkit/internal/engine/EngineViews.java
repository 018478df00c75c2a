package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.Catalog;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.OAuthSecret;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import com.treasuredata.cas.databricks.testkit.state.PrivilegeAssignment;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.testkit.state.WorkspaceAssignment;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Read views of the engine's state for the public {@code FakeDatabricks} views: immutable copies,
 * never live model objects, so a test cannot change state behind the API's checks.
 */
public final class EngineViews {

  private final Engine engine;

  EngineViews(Engine engine) {
    this.engine = engine;
  }

  public String accountId() {
    return engine.account.accountId;
  }

  public long defaultWorkspaceId() {
    return engine.config.workspaceId();
  }

  public String adminUserName() {
    return engine.account.adminUserName;
  }

  public List<Long> workspaceIds() {
    return List.copyOf(engine.account.workspaces.keySet());
  }

  public URI workspaceHost(long id) {
    return engine.workspace(id).host;
  }

  public String workspaceName(long id) {
    return engine.workspace(id).name;
  }

  public List<ServicePrincipal> servicePrincipals() {
    List<ServicePrincipal> out = new ArrayList<>();
    for (Model.Sp sp : engine.account.sps.values()) {
      out.add(view(sp));
    }
    return List.copyOf(out);
  }

  static ServicePrincipal view(Model.Sp sp) {
    return new StateViews.ServicePrincipalView(sp.id, sp.appId, sp.displayName, sp.active, Optional.ofNullable(sp.externalId),
        sp.roles, Instant.ofEpochMilli(sp.createdMs));
  }

  public Set<String> accountGroups() {
    return Set.copyOf(engine.account.groups.keySet());
  }

  public List<WorkspaceAssignment> assignments(long workspaceId) {
    Model.Workspace ws = engine.workspace(workspaceId);
    List<WorkspaceAssignment> out = new ArrayList<>();
    for (Map.Entry<Long, List<String>> e : ws.assignments.entrySet()) {
      Model.Sp sp = engine.account.sps.get(e.getKey());
      if (sp != null) {
        out.add(new StateViews.WorkspaceAssignmentView(sp.id, PrincipalType.SERVICE_PRINCIPAL, sp.appId, sp.displayName, e.getValue()));
      }
    }
    return List.copyOf(out);
  }

  public List<TokenPermission> tokenAcl(long workspaceId) {
    List<TokenPermission> out = new ArrayList<>();
    for (Map.Entry<String, String> e : engine.workspace(workspaceId).tokenAcl.entrySet()) {
      Engine.AclPrincipal p = Engine.AclPrincipal.of(e.getKey());
      out.add(new TokenPermission(p.type(), p.name(), e.getValue()));
    }
    return List.copyOf(out);
  }

  public List<IssuedToken> tokens(long workspaceId) {
    List<IssuedToken> out = new ArrayList<>();
    for (Model.Token t : engine.workspace(workspaceId).tokens.values()) {
      out.add(new StateViews.IssuedTokenView(t.tokenId(), workspaceId, t.ownerId(), t.owner(), t.createdById(), t.createdByUsername(),
          t.comment(), Instant.ofEpochMilli(t.creationMs()),
          t.expiryMs() < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t.expiryMs())), t.obo()));
    }
    return List.copyOf(out);
  }

  public List<PrivilegeAssignment> grants(long workspaceId, String catalog) {
    Model.Catalog c = engine.workspace(workspaceId).catalogs.get(catalog);
    if (c == null) {
      throw new IllegalArgumentException("no catalog " + catalog + " in workspace " + workspaceId);
    }
    return assignmentsOf(c.grants);
  }

  public List<PrivilegeAssignment> schemaGrants(long workspaceId, String catalog, String schema) {
    Model.Catalog c = engine.workspace(workspaceId).catalogs.get(catalog);
    Model.Schema s = c == null ? null : c.schemas.get(schema);
    if (s == null) {
      throw new IllegalArgumentException("no schema " + catalog + "." + schema + " in workspace " + workspaceId);
    }
    return assignmentsOf(s.grants);
  }

  private static List<PrivilegeAssignment> assignmentsOf(Map<String, Set<String>> grants) {
    List<PrivilegeAssignment> out = new ArrayList<>();
    grants.forEach((p, privs) -> {
      if (!privs.isEmpty()) {
        out.add(new StateViews.PrivilegeAssignmentView(p, privs));
      }
    });
    return List.copyOf(out);
  }

  public List<Catalog> catalogs(long workspaceId) {
    List<Catalog> out = new ArrayList<>();
    for (Model.Catalog c : engine.workspace(workspaceId).catalogs.values()) {
      out.add(new StateViews.CatalogView(c.name, c.owner, c.comment == null ? "" : c.comment, List.copyOf(c.schemas.keySet())));
    }
    return List.copyOf(out);
  }

  public Map<String, String> conf(long workspaceId) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(engine.workspace(workspaceId).conf));
  }

  public List<IpAccessList> ipAccessLists(long workspaceId) {
    List<IpAccessList> out = new ArrayList<>();
    for (Model.IpList l : engine.workspace(workspaceId).ipLists.values()) {
      out.add(NetworkApi.view(l));
    }
    return List.copyOf(out);
  }

  public List<OAuthSecret> secrets(long servicePrincipalId) {
    Model.Sp sp = engine.account.sps.get(servicePrincipalId);
    if (sp == null) {
      throw new IllegalArgumentException("no service principal with id " + servicePrincipalId);
    }
    List<OAuthSecret> out = new ArrayList<>();
    for (Model.Secret s : sp.secrets.values()) {
      out.add(new StateViews.OAuthSecretView(s.id(), sp.id, s.hash(), Instant.ofEpochMilli(s.createMs()), Instant.ofEpochMilli(s.expireMs())));
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- users, groups, tables, accounts

  public List<com.treasuredata.cas.databricks.testkit.state.User> users() {
    List<com.treasuredata.cas.databricks.testkit.state.User> out = new ArrayList<>();
    engine.account.users.values().forEach(u -> out.add(StateViews.UserView.of(u)));
    return List.copyOf(out);
  }

  /** Returns the principal names (applicationIds, user names, group names) that are members of {@code group}. */
  public Set<String> groupMembers(String group) {
    Long id = engine.account.groups.get(group);
    if (id == null) {
      throw new IllegalArgumentException("no account group " + group + "; known: " + engine.account.groups.keySet());
    }
    Set<String> out = new java.util.LinkedHashSet<>();
    for (Long m : engine.account.groupMembers.getOrDefault(id, Set.of())) {
      Model.User u = engine.account.users.get(m);
      Model.Sp sp = engine.account.sps.get(m);
      out.add(u != null ? u.userName : sp != null ? sp.appId : Long.toString(m));
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  public List<WorkspaceAssignment> userAssignments(long workspaceId) {
    List<WorkspaceAssignment> out = new ArrayList<>();
    engine.workspace(workspaceId).userAssignments.forEach((id, perms) -> {
      Model.User u = engine.account.users.get(id);
      if (u != null) {
        out.add(new StateViews.WorkspaceAssignmentView(u.id, PrincipalType.USER, u.userName, u.displayName, perms));
      }
    });
    return List.copyOf(out);
  }

  public List<String> otherAccounts() {
    return List.copyOf(engine.account.otherAccounts.keySet());
  }

  public Set<String> metastoreAdmins(long workspaceId) {
    return Set.copyOf(engine.workspace(workspaceId).metastoreAdmins);
  }

  public List<String> tables(long workspaceId, String catalog, String schema) {
    return List.copyOf(schemaModel(workspaceId, catalog, schema).tables.keySet());
  }

  public List<PrivilegeAssignment> tableGrants(long workspaceId, String catalog, String schema, String table) {
    Model.Table t = schemaModel(workspaceId, catalog, schema).tables.get(table);
    if (t == null) {
      throw new IllegalArgumentException("no table " + catalog + "." + schema + "." + table);
    }
    return assignmentsOf(t.grants);
  }

  Model.Schema schemaModel(long workspaceId, String catalog, String schema) {
    Model.Catalog c = engine.workspace(workspaceId).catalogs.get(catalog);
    Model.Schema s = c == null ? null : c.schemas.get(schema);
    if (s == null) {
      throw new IllegalArgumentException("no schema " + catalog + "." + schema + " in workspace " + workspaceId);
    }
    return s;
  }
}
