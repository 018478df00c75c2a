package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import java.util.List;
import java.util.Locale;

/** Account users: lookup by name, workspace membership and deletion everywhere. */
final class Users {

  private Users() {}

  /** The user named {@code userName} (case-insensitive, as e-mail addresses are), or null. */
  static Model.User byName(Engine e, String userName) {
    Long id = userName == null ? null : e.account.userByName.get(userName.toLowerCase(Locale.ROOT));
    return id == null ? null : e.account.users.get(id);
  }

  /** True when {@code userName} names a user assigned to {@code ws}. */
  static boolean inWorkspace(Engine e, Model.Workspace ws, String userName) {
    Model.User u = byName(e, userName);
    return u != null && ws.userAssignments.containsKey(u.id);
  }

  /** Removes a user from a workspace: assignment and token ACL entry. */
  static void unassign(Model.Workspace ws, Model.User u) {
    ws.userAssignments.remove(u.id);
    ws.tokenAcl.remove(Engine.aclKey(PrincipalType.USER, u.userName));
  }

  /** Sets a user's workspace permissions; none removes the user from the workspace. */
  static void assign(Model.Workspace ws, Model.User u, List<String> perms) {
    if (perms.isEmpty()) {
      unassign(ws, u);
    } else {
      ws.userAssignments.put(u.id, perms);
    }
  }

  /** Deletes a user everywhere: workspaces, token ACLs, groups and grants. */
  static void delete(Engine e, Model.User u) {
    e.account.users.remove(u.id);
    e.account.userByName.remove(u.userName.toLowerCase(Locale.ROOT));
    e.account.groupMembers.values().forEach(m -> m.remove(u.id));
    for (Model.Workspace w : e.account.workspaces.values()) {
      unassign(w, u);
      w.metastoreAdmins.remove(u.userName);
      TableApi.forEachGrants(w, g -> g.remove(u.userName));
    }
  }
}
