package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.Write;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Removes one service principal's entry from a permissions ACL. The Permissions API has no
 * per-principal delete: PATCH only adds or raises, PUT replaces every direct entry. So: read the
 * ACL, write back every other principal's direct entry with PUT, and read again to prove that ours
 * is gone and every entry we kept is still there.
 *
 * <p><b>The window.</b> Between our read and our PUT (one round trip, typically well under a
 * second), an entry another admin adds with PATCH is overwritten by our PUT and lost without
 * notice; the read after the PUT catches only entries we kept that went missing (a concurrent PUT).
 * There is no ETag to close it. For the token ACL, a principal dropped this way also loses its
 * tokens. Run offboarding when nobody else is changing the same ACL.
 */
final class Acls {

  private static final String[] FIELDS = {"user_name", "group_name", "service_principal_name"};

  private Acls() {}

  /** Returns true when {@code appId} holds a direct (not inherited) entry in {@code acl}. */
  static boolean holdsDirect(JsonNode acl, String appId) {
    for (JsonNode entry : acl.path("access_control_list")) {
      if (appId.equalsIgnoreCase(entry.path("service_principal_name").asText()) && directLevel(entry) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Removes {@code appId}'s direct entry from the ACL at {@code path}; returns false when it was already gone.
   *
   * @param keepAdmins whether the ACL must keep {@code admins} at CAN_MANAGE (the token ACL refuses a PUT without it)
   * @throws OnboardingException when entries we kept are missing after the PUT (a concurrent PUT)
   */
  static boolean removeDirect(StepContext ctx, String path, String appId, boolean keepAdmins) {
    for (int attempt = 1; attempt <= 2; attempt++) {
      JsonNode before = ctx.workspace().get(path);
      List<ObjectNode> keep = new ArrayList<>();
      boolean ours = false;
      boolean admins = false;
      for (JsonNode entry : before.path("access_control_list")) {
        String level = directLevel(entry);
        if (level == null) {
          continue; // inherited entries are not ours to write
        }
        if (appId.equalsIgnoreCase(entry.path("service_principal_name").asText())) {
          ours = true;
          continue;
        }
        ObjectNode kept = Json.object();
        for (String f : FIELDS) {
          if (entry.hasNonNull(f)) {
            kept.put(f, entry.path(f).asText());
          }
        }
        kept.put("permission_level", level);
        admins |= "admins".equals(entry.path("group_name").asText());
        keep.add(kept);
      }
      if (!ours) {
        return attempt > 1;
      }
      if (keepAdmins && !admins) {
        keep.add(Json.object().put("group_name", "admins").put("permission_level", "CAN_MANAGE"));
      }
      ObjectNode body = Json.object();
      ArrayNode list = body.putArray("access_control_list");
      keep.forEach(list::add);
      ctx.workspace().send(Write.put(path, body));
      JsonNode after = ctx.workspace().get(path);
      List<String> lost = new ArrayList<>();
      for (ObjectNode k : keep) {
        if (!present(after, k)) {
          lost.add(k.toString());
        }
      }
      if (!lost.isEmpty()) {
        throw new OnboardingException(
            ctx.stepName() + ": after replacing the ACL of " + path + " without our entry, these entries we kept are missing: " + lost
                + ". Someone changed the ACL at the same time; add them back with an add-only PATCH.");
      }
      if (!holdsDirect(after, appId)) {
        return true;
      }
    }
    throw new OnboardingException(ctx.stepName() + ": the entry of " + appId + " in " + path + " came back twice after removing it; is another run adding it?");
  }

  private static String directLevel(JsonNode entry) {
    for (JsonNode p : entry.path("all_permissions")) {
      if (!p.path("inherited").asBoolean(false)) {
        return p.path("permission_level").asText();
      }
    }
    return null;
  }

  private static boolean present(JsonNode acl, ObjectNode kept) {
    for (JsonNode entry : acl.path("access_control_list")) {
      for (String f : FIELDS) {
        if (kept.has(f) && kept.path(f).asText().toLowerCase(Locale.ROOT).equals(entry.path(f).asText().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }
}
