package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Membership of the workspace groups {@code admins} and {@code users} is the workspace's
 * assignments: adding to {@code admins} makes a principal a workspace admin, removing from
 * {@code users} removes it from the workspace.
 */
final class WorkspaceGroups {

  private WorkspaceGroups() {}

  static void patch(Engine e, Req r, String group) {
    for (JsonNode op : ScimSupport.operations(r)) {
      String kind = String.valueOf(Json.text(op, "op")).toLowerCase(Locale.ROOT);
      String path = Json.text(op, "path");
      if (path != null && !ScimPatch.attribute(path).equals("members")) {
        throw ApiError.scim(400, "invalidPath", "Unsupported path: " + path);
      }
      JsonNode value = path == null && op.has("value") && op.get("value").has("members")
          ? op.get("value").get("members") : op.get("value");
      List<String> ids = path != null && ScimPatch.filteredValue(path) != null
          ? List.of(ScimPatch.filteredValue(path)) : ScimSupport.values(value);
      for (String raw : ids) {
        long id = ScimSupport.parseId(raw);
        Model.Sp sp = e.account.sps.get(id);
        Model.User user = e.account.users.get(id);
        if (sp == null && user == null) {
          throw ApiError.scim(404, "Principal with id " + raw + " not found.");
        }
        Map<Long, List<String>> assignments = sp != null ? r.ws.assignments : r.ws.userAssignments;
        boolean admins = group.equals("admins");
        if (!kind.equals("remove")) {
          if (admins || !assignments.containsKey(id)) {
            assignments.put(id, new ArrayList<>(List.of(admins ? "ADMIN" : "USER")));
          }
        } else if (admins) {
          assignments.computeIfPresent(id, (k, v) -> new ArrayList<>(List.of("USER")));
        } else if (sp != null) {
          Engine.unassign(r.ws, sp);
        } else {
          Users.unassign(r.ws, user);
        }
      }
    }
  }
}
