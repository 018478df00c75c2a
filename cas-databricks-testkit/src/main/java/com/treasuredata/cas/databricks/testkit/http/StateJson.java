package com.treasuredata.cas.databricks.testkit.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeWorkspace;
import com.treasuredata.cas.databricks.testkit.state.Catalog;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.OAuthSecret;
import com.treasuredata.cas.databricks.testkit.state.PrivilegeAssignment;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.testkit.state.WorkspaceAssignment;
import java.util.Map;

/**
 * The {@code GET /__fake/state} dump: the fake's account and workspaces through its read views.
 * Never a credential: token and secret values are not part of the views, and secret hashes are
 * left out on purpose.
 */
final class StateJson {

  private StateJson() {}

  static ObjectNode dump(ObjectMapper json, FakeDatabricks fake) {
    ObjectNode out = json.createObjectNode();
    out.put("now", fake.clock().now().toString());
    ObjectNode account = out.putObject("account");
    account.put("id", fake.accountId());
    ArrayNode principals = account.putArray("service_principals");
    for (ServicePrincipal sp : fake.account().servicePrincipals()) {
      ObjectNode p = principals.addObject();
      p.put("id", sp.id());
      p.put("application_id", sp.applicationId());
      p.put("display_name", sp.displayName());
      p.put("active", sp.active());
      sp.externalId().ifPresent(id -> p.put("external_id", id));
      ArrayNode roles = p.putArray("roles");
      sp.roles().forEach(roles::add);
      p.put("created", sp.created().toString());
      ArrayNode secrets = p.putArray("oauth_secrets");
      for (OAuthSecret secret : fake.account().secrets(sp.id())) {
        secrets.addObject().put("id", secret.id()).put("create_time", secret.createTime().toString())
            .put("expire_time", secret.expireTime().toString());
      }
    }
    ArrayNode groups = account.putArray("groups");
    fake.account().groups().stream().sorted().forEach(groups::add);

    ArrayNode workspaces = out.putArray("workspaces");
    for (FakeWorkspace workspace : fake.workspaces()) {
      workspaces.add(workspace(json, workspace));
    }
    return out;
  }

  private static ObjectNode workspace(ObjectMapper json, FakeWorkspace workspace) {
    ObjectNode w = json.createObjectNode();
    w.put("id", workspace.id());
    w.put("name", workspace.name());
    ArrayNode assignments = w.putArray("assignments");
    for (WorkspaceAssignment a : workspace.assignments()) {
      ObjectNode node = assignments.addObject();
      node.put("principal_id", a.principalId());
      node.put("type", a.type().name());
      node.put("principal_name", a.principalName());
      node.put("display_name", a.displayName());
      ArrayNode permissions = node.putArray("permissions");
      a.permissions().forEach(permissions::add);
    }
    ArrayNode acl = w.putArray("token_acl");
    for (TokenPermission p : workspace.tokenAcl()) {
      acl.addObject().put(p.type().field(), p.principal()).put("permission_level", p.level());
    }
    ArrayNode tokens = w.putArray("tokens");
    for (IssuedToken t : workspace.tokens()) {
      ObjectNode node = tokens.addObject();
      node.put("token_id", t.tokenId());
      node.put("owner_id", t.ownerId());
      node.put("owner", t.owner());
      node.put("created_by_id", t.createdById());
      node.put("created_by_username", t.createdByUsername());
      node.put("comment", t.comment());
      node.put("creation_time", t.creationTime().toString());
      t.expiryTime().ifPresent(e -> node.put("expiry_time", e.toString()));
      node.put("on_behalf_of", t.onBehalfOf());
    }
    ArrayNode catalogs = w.putArray("catalogs");
    for (Catalog c : workspace.catalogs()) {
      ObjectNode node = catalogs.addObject();
      node.put("name", c.name());
      node.put("owner", c.owner());
      ArrayNode schemas = node.putArray("schemas");
      c.schemas().forEach(schemas::add);
      ArrayNode grants = node.putArray("grants");
      for (PrivilegeAssignment g : workspace.grants(c.name())) {
        ArrayNode privileges = grants.addObject().put("principal", g.principal()).putArray("privileges");
        g.privileges().forEach(privileges::add);
      }
    }
    ArrayNode lists = w.putArray("ip_access_lists");
    for (IpAccessList l : workspace.ipAccessLists()) {
      ObjectNode node = lists.addObject();
      node.put("list_id", l.listId());
      node.put("label", l.label());
      node.put("list_type", l.listType());
      ArrayNode addresses = node.putArray("ip_addresses");
      l.ipAddresses().forEach(addresses::add);
      node.put("enabled", l.enabled());
    }
    ObjectNode conf = w.putObject("conf");
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(workspace.conf()).entrySet()) {
      conf.put(e.getKey(), e.getValue());
    }
    return w;
  }
}
