package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.state.PrincipalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The token ACL, token management (OBO) and the caller's tokens API. */
final class TokenApi {

  private static final String NOT_ADMIN_TM = "Only Admins can access token management APIs.";

  private final Engine e;

  private TokenApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    TokenApi api = new TokenApi(e);
    Router r = e.router;
    Router.Scope w = Router.Scope.WORKSPACE;
    for (String base : List.of("/api/2.0/permissions/authorization/tokens", "/api/2.0/preview/permissions/authorization/tokens")) {
      r.add("GET", base, w, api::getAcl);
      r.add("PATCH", base, w, req -> api.changeAcl(req, false));
      r.add("PUT", base, w, req -> api.changeAcl(req, true));
      r.add("GET", base + "/permissionLevels", w, api::levels);
    }
    r.add("POST", "/api/2.0/token-management/on-behalf-of/tokens", w, api::createObo);
    r.add("GET", "/api/2.0/token-management/tokens", w, api::listAll);
    r.add("GET", "/api/2.0/token-management/tokens/{}", w, api::getOne);
    r.add("DELETE", "/api/2.0/token-management/tokens/{}", w, api::deleteOne);
    r.add("PATCH", "/api/2.0/token-management/tokens/{}", w, api::updateOne);
    r.add("PATCH", "/api/2.0/token/{}", w, api::updateOwn);
    r.add("POST", "/api/2.0/token/create", w, api::createOwn);
    r.add("GET", "/api/2.0/token/list", w, api::listOwn);
    r.add("POST", "/api/2.0/token/delete", w, api::deleteOwn);
  }

  // ------------------------------------------------------------------ token ACL

  private void requireAclAdmin(Req r) {
    if (!Authentication.isWorkspaceAdmin(r.caller, r.ws)) {
      String who = r.caller.isSp() ? r.caller.sp().appId : r.caller.label();
      throw ApiError.permissionDenied("User " + who
          + " does not have Manage permissions on /authorization/tokens. Please contact the owner or an administrator for access.");
    }
  }

  /** With the switch on, the ACL object only exists once the workspace has a PAT (seen in 2022). */
  private void requireAclObject(Req r) {
    if (e.behaviours.tokenAclNeedsAToken() && r.ws.tokens.isEmpty()) {
      throw ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "tokens tokens does not exist");
    }
  }

  private Out getAcl(Req r) {
    requireAclAdmin(r);
    requireAclObject(r);
    return Out.ok(aclJson(r.ws));
  }

  private Out levels(Req r) {
    requireAclAdmin(r);
    ObjectNode out = Json.object();
    ArrayNode levels = out.putArray("permission_levels");
    levels.addObject().put("permission_level", "CAN_USE").put("description", "Can use tokens");
    levels.addObject().put("permission_level", "CAN_MANAGE").put("description", "Can manage tokens");
    return Out.ok(out);
  }

  private ObjectNode aclJson(Model.Workspace ws) {
    ObjectNode out = Json.object();
    out.put("object_id", "/authorization/tokens");
    out.put("object_type", "tokens");
    ArrayNode acl = out.putArray("access_control_list");
    for (Map.Entry<String, String> entry : ws.tokenAcl.entrySet()) {
      Engine.AclPrincipal principal = Engine.AclPrincipal.of(entry.getKey());
      PrincipalType type = principal.type();
      String name = principal.name();
      ObjectNode item = acl.addObject();
      item.put(type.field(), name);
      if (type == PrincipalType.SERVICE_PRINCIPAL) {
        Long id = e.account.spByAppId.get(name);
        Model.Sp sp = id == null ? null : e.account.sps.get(id);
        if (sp != null) {
          item.put("display_name", sp.displayName);
        }
      } else if (type == PrincipalType.USER) {
        item.put("display_name", "Fake Admin");
      }
      ObjectNode perm = item.putArray("all_permissions").addObject();
      perm.put("permission_level", entry.getValue());
      perm.put("inherited", false);
    }
    return out;
  }

  private Out changeAcl(Req r, boolean replace) {
    requireAclAdmin(r);
    requireAclObject(r);
    JsonNode list = r.body().get("access_control_list");
    Map<String, String> changes = new LinkedHashMap<>();
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        PrincipalType type = null;
        String name = null;
        for (PrincipalType t : PrincipalType.values()) {
          String v = Json.text(item, t.field());
          if (v != null) {
            type = t;
            name = v;
            break;
          }
        }
        if (type == null) {
          throw ApiError.badRequest("One of user_name, group_name or service_principal_name must be set.");
        }
        String level = Json.text(item, "permission_level");
        boolean admins = type == PrincipalType.GROUP && name.equals("admins");
        if (admins && !"CAN_MANAGE".equals(level)) {
          // also what the SDK's TokenPermissionLevel (CAN_USE only) produces when it echoes the admins entry back
          throw ApiError.badRequest("Cannot change permissions for group 'admins' to " + (level == null ? "None" : level) + ".");
        }
        if (!"CAN_USE".equals(level) && !"CAN_MANAGE".equals(level)) {
          throw ApiError.badRequest("Permission level " + level + " is not supported for tokens; use CAN_USE or CAN_MANAGE.");
        }
        if (!admins && level.equals("CAN_MANAGE")) {
          throw ApiError.badRequest("Permission CAN_MANAGE on tokens can only be granted to group 'admins'.");
        }
        requireKnown(r, type, name);
        changes.put(Engine.aclKey(type, name), level);
      }
    }
    if (replace) {
      String adminsKey = Engine.aclKey(PrincipalType.GROUP, "admins");
      if (!"CAN_MANAGE".equals(changes.get(adminsKey))) {
        throw ApiError.badRequest("Cannot change permissions for group 'admins' to None.");
      }
      List<Model.Sp> before = new ArrayList<>();
      for (Long id : r.ws.assignments.keySet()) {
        Model.Sp sp = e.account.sps.get(id);
        if (sp != null && Authentication.canUseTokens(r.ws, sp)) {
          before.add(sp);
        }
      }
      r.ws.tokenAcl.clear();
      r.ws.tokenAcl.put(adminsKey, "CAN_MANAGE");
      r.ws.tokenAcl.putAll(changes);
      // the real API deletes the tokens of every principal that lost token usage, at once
      for (Model.Sp sp : before) {
        if (!Authentication.canUseTokens(r.ws, sp)) {
          Engine.revokeTokens(r.ws, sp.id);
        }
      }
    } else {
      r.ws.tokenAcl.putAll(changes);
    }
    return Out.ok(aclJson(r.ws));
  }

  private void requireKnown(Req r, PrincipalType type, String name) {
    boolean known;
    String kind;
    switch (type) {
      case SERVICE_PRINCIPAL: {
        Model.Sp sp = e.resolveSp(name, r.now);
        known = sp != null && r.ws.assignments.containsKey(sp.id);
        kind = "ServicePrincipalName";
        break;
      }
      case USER:
        known = Users.inWorkspace(e, r.ws, name);
        kind = "UserName";
        break;
      default:
        known = name.equals("admins") || name.equals("users") || e.account.groups.containsKey(name);
        kind = "GroupName";
    }
    if (!known) {
      Behaviours b = e.behaviours;
      throw ApiError.platform(b.tokenAclUnknownPrincipalStatus(), b.tokenAclUnknownPrincipalErrorCode(),
          "Principal: " + kind + "(" + name + ") does not exist");
    }
  }

  // ------------------------------------------------------------------ token management (OBO)

  private Out createObo(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN_TM);
    JsonNode body = r.body();
    String appId = Json.text(body, "application_id");
    if (appId == null || appId.isBlank()) {
      throw ApiError.badRequest("application_id is required.");
    }
    if ("azure".equals(r.ws.cloud)) {
      throw ApiError.permissionDenied(TokenRules.OBO_NOT_ENABLED); // Azure has no OBO; the text is observed, the status is not
    }
    Model.Sp sp = e.resolveSp(appId, r.now);
    if (sp == null || !sp.active || !Authentication.tokensEnabled(r.ws) || !Authentication.canUseTokens(r.ws, sp)) {
      throw ApiError.permissionDenied("User " + appId + " does not have permission to use tokens.");
    }
    long expiry = TokenRules.expiry(e, r, body);
    String value = e.issueToken(r.ws, sp, creatorId(r), creatorName(r), Json.text(body, "comment"), r.now, expiry, true);
    TokenRules.created(e, r.ws, Engine.sha256(value), body, r.now, expiry);
    ObjectNode out = Json.object();
    out.put("token_value", value);
    out.set("token_info", fullInfo(r.ws.tokens.get(Engine.sha256(value)), r.ws));
    return Out.ok(out);
  }

  private long creatorId(Req r) {
    return r.caller.isSp() ? r.caller.sp().id : e.account.adminUserId;
  }

  private String creatorName(Req r) {
    return r.caller.isSp() ? r.caller.sp().appId : e.account.adminUserName;
  }

  private Out listAll(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN_TM);
    String byId = r.q("created_by_id");
    String byName = r.q("created_by_username");
    TokenRules.sweep(e, r.ws, r.now);
    ObjectNode out = Json.object();
    ArrayNode infos = out.putArray("token_infos");
    for (Model.Token t : r.ws.tokens.values()) {
      if (byId != null && !byId.isBlank() && !byId.trim().equals(Long.toString(t.createdById()))) {
        continue;
      }
      if (byName != null && !byName.isBlank() && !byName.equals(t.createdByUsername())) {
        continue;
      }
      infos.add(fullInfo(t, r.ws));
    }
    return Out.ok(out);
  }

  private Out getOne(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN_TM);
    Model.Token t = r.ws.tokens.get(r.var(0));
    if (t == null) {
      throw ApiError.platform(404, "NOT_FOUND", "Token does not exist");
    }
    ObjectNode out = Json.object();
    out.set("token_info", fullInfo(t, r.ws));
    return Out.ok(out);
  }

  private Out deleteOne(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN_TM);
    if (r.ws.tokens.remove(r.var(0)) == null) {
      throw ApiError.platform(404, "NOT_FOUND", "Token does not exist");
    }
    r.ws.tokenUse.remove(r.var(0));
    return Out.empty();
  }

  private Out updateOne(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN_TM);
    Model.Token t = r.ws.tokens.get(r.var(0));
    if (t == null) {
      throw ApiError.platform(404, "NOT_FOUND", "Token does not exist");
    }
    Model.Token updated = applyUpdate(r, t);
    return Out.ok(fullInfo(updated, r.ws));
  }

  private Out updateOwn(Req r) {
    Model.Token t = r.ws.tokens.get(r.var(0));
    if (t == null || !ownedByCaller(r, t)) {
      throw ApiError.platform(404, "NOT_FOUND", "Token does not exist");
    }
    applyUpdate(r, t);
    return Out.empty();
  }

  /** Applies {@code {"token":{"comment":..},"update_mask":"comment"}}; only the comment is mutable here. */
  private static Model.Token applyUpdate(Req r, Model.Token t) {
    JsonNode token = r.body().path("token");
    String mask = Json.text(r.body(), "update_mask");
    boolean comment = mask == null ? token.has("comment") : List.of(mask.split(",")).stream().anyMatch(m -> m.trim().equals("comment"));
    if (!comment) {
      return t;
    }
    String value = Json.text(token, "comment");
    Model.Token updated = new Model.Token(t.tokenId(), t.ownerId(), t.ownerSpId(), t.owner(), t.createdById(),
        t.createdByUsername(), value == null ? "" : value, t.creationMs(), t.expiryMs(), t.obo());
    r.ws.tokens.put(t.tokenId(), updated);
    return updated;
  }

  ObjectNode fullInfo(Model.Token t, Model.Workspace ws) {
    ObjectNode n = publicInfo(t, ws);
    n.put("created_by_id", t.createdById());
    n.put("created_by_username", t.createdByUsername());
    n.put("owner_id", t.ownerId());
    n.put("workspace_id", ws.id);
    return n;
  }

  ObjectNode publicInfo(Model.Token t, Model.Workspace ws) {
    ObjectNode n = Json.object();
    n.put("token_id", t.tokenId());
    n.put("creation_time", t.creationMs());
    n.put("expiry_time", t.expiryMs());
    n.put("comment", t.comment());
    TokenRules.addInfo(e, ws, t, n);
    return n;
  }

  // ------------------------------------------------------------------ the caller's own tokens

  private void requireOwnTokenUse(Req r) {
    if (!Authentication.tokensEnabled(r.ws)) {
      throw ApiError.permissionDenied("User " + creatorName(r) + " does not have permission to use tokens.");
    }
    if (r.caller.isSp() && !Authentication.canUseTokens(r.ws, r.caller.sp())) {
      throw ApiError.permissionDenied("User " + r.caller.sp().appId + " does not have permission to use tokens.");
    }
  }

  private Out createOwn(Req r) {
    requireOwnTokenUse(r);
    JsonNode body = r.body();
    long expiry = TokenRules.expiry(e, r, body);
    Model.Sp owner = r.caller.isSp() ? r.caller.sp() : null;
    String value = e.issueToken(r.ws, owner, creatorId(r), creatorName(r), Json.text(body, "comment"), r.now, expiry, false);
    TokenRules.created(e, r.ws, Engine.sha256(value), body, r.now, expiry);
    ObjectNode out = Json.object();
    out.put("token_value", value);
    out.set("token_info", publicInfo(r.ws.tokens.get(Engine.sha256(value)), r.ws));
    return Out.ok(out);
  }

  private boolean ownedByCaller(Req r, Model.Token t) {
    return r.caller.isSp() ? t.ownerSpId() == r.caller.sp().id : t.ownerSpId() == 0;
  }

  private Out listOwn(Req r) {
    TokenRules.sweep(e, r.ws, r.now);
    ObjectNode out = Json.object();
    ArrayNode infos = out.putArray("token_infos");
    for (Model.Token t : r.ws.tokens.values()) {
      if (ownedByCaller(r, t)) {
        infos.add(publicInfo(t, r.ws));
      }
    }
    return Out.ok(out);
  }

  private Out deleteOwn(Req r) {
    String id = Json.text(r.body(), "token_id");
    if (id == null || id.isBlank()) {
      throw ApiError.badRequest("token_id is required.");
    }
    Model.Token t = r.ws.tokens.get(id);
    if (t == null || !ownedByCaller(r, t)) {
      throw ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Token with id " + id + " does not exist.");
    }
    r.ws.tokens.remove(id);
    r.ws.tokenUse.remove(id);
    return Out.empty();
  }
}
