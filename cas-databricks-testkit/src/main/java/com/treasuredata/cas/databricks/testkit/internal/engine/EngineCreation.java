package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Creation helpers shared by the API handlers and test seeding; callers hold the engine's lock. */
final class EngineCreation {

  private EngineCreation() {}

  static Model.Workspace newWorkspace(Engine e, long id, String name, URI host) {
    Model.Account account = e.account;
    if (account.workspaces.containsKey(id)) {
      throw new IllegalArgumentException("a workspace with id " + id + " already exists");
    }
    Model.Workspace ws = new Model.Workspace();
    ws.id = id;
    ws.name = name;
    ws.host = host;
    ws.metastoreId = e.newUuid();
    ws.tokenAcl.put(Engine.aclKey(PrincipalType.GROUP, "admins"), "CAN_MANAGE");
    ws.conf.put("enableIpAccessLists", "false");
    ws.conf.put("enableTokensConfig", "true");
    // the fake's admin user is a workspace admin and a metastore admin everywhere, as the account's creator is
    ws.userAssignments.put(account.adminUserId, new ArrayList<>(List.of("ADMIN")));
    ws.metastoreAdmins.add(account.adminUserName);
    account.workspaces.put(id, ws);
    return ws;
  }

  static Model.Sp newSp(Engine e, String displayName, String appId, long now, boolean applyConsistency) {
    Model.Account account = e.account;
    Model.Sp sp = new Model.Sp();
    do {
      sp.id = e.newId();
    } while (account.sps.containsKey(sp.id) || account.users.containsKey(sp.id));
    sp.appId = appId != null ? appId : e.newUuid();
    sp.displayName = displayName;
    sp.createdMs = now;
    if (applyConsistency) {
      sp.invisibleReads = e.consistency.reads();
      sp.visibleAtMs = now + e.consistency.duration().toMillis();
    }
    account.sps.put(sp.id, sp);
    account.spByAppId.put(sp.appId, sp.id);
    return sp;
  }

  /** Adds a user with {@code id}, or a new random id when {@code id} is 0. */
  static Model.User newUser(Engine e, long id, String userName, String displayName, long now) {
    Model.Account account = e.account;
    Model.User u = new Model.User();
    u.id = id;
    while (u.id == 0 || account.sps.containsKey(u.id) || account.users.containsKey(u.id)) {
      u.id = e.newId();
    }
    u.userName = userName;
    u.displayName = displayName == null ? userName : displayName;
    u.createdMs = now;
    account.users.put(u.id, u);
    account.userByName.put(userName.toLowerCase(Locale.ROOT), u.id);
    return u;
  }

  static Model.Catalog createCatalog(Model.Workspace ws, String name, String owner, String comment, long now) {
    Model.Catalog c = new Model.Catalog();
    c.name = name;
    c.owner = owner;
    c.comment = comment;
    c.createdMs = now;
    c.createdBy = owner;
    Model.Schema s = new Model.Schema();
    s.name = "default";
    s.owner = owner;
    s.comment = "Default schema (auto-created)";
    s.createdMs = now;
    c.schemas.put("default", s);
    ws.catalogs.put(name, c);
    return c;
  }

  static String issueToken(Engine e, Model.Workspace ws, Model.Sp owner, long createdById, String createdBy,
      String comment, long now, long expiryMs, boolean obo) {
    Model.Account account = e.account;
    String value = "dapi" + e.newHex(32);
    String id = Engine.sha256(value);
    long ownerId = owner == null ? account.adminUserId : owner.id;
    String ownerName = owner == null ? account.adminUserName : owner.appId;
    ws.tokens.put(id, new Model.Token(id, ownerId, owner == null ? 0 : owner.id, ownerName, createdById, createdBy,
        comment == null ? "" : comment, now, expiryMs, obo));
    return value;
  }
}
