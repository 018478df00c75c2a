package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** IP access lists, with enforcement and the caller-lockout check. */
final class NetworkApi {

  static final int ADDRESS_QUOTA = 1000;
  private static final String NOT_ADMIN = "Only workspace admins can access this API.";

  private final Engine e;

  private NetworkApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    NetworkApi api = new NetworkApi(e);
    Router r = e.router;
    Router.Scope w = Router.Scope.WORKSPACE;
    r.add("GET", "/api/2.0/ip-access-lists", w, api::list);
    r.add("POST", "/api/2.0/ip-access-lists", w, api::create);
    r.add("GET", "/api/2.0/ip-access-lists/{}", w, api::get);
    r.add("PUT", "/api/2.0/ip-access-lists/{}", w, req -> api.update(req, true));
    r.add("PATCH", "/api/2.0/ip-access-lists/{}", w, req -> api.update(req, false));
    r.add("DELETE", "/api/2.0/ip-access-lists/{}", w, api::delete);
  }

  // ------------------------------------------------------------------ enforcement

  /** Refuses a workspace request from a blocked address while {@code enableIpAccessLists} is "true". */
  static void enforceIpAccessLists(Engine e, Model.Workspace ws, String address) {
    if (!WorkspaceConfApi.isTrue(ws, "enableIpAccessLists") || ws.ipLists.isEmpty()) {
      return;
    }
    if (blocked(ws.ipLists.values(), address)) {
      throw ApiError.platform(403, "PERMISSION_DENIED",
          "Source IP address: " + address + " is blocked by Databricks IP ACL for workspace: " + ws.id);
    }
  }

  /** Block lists first; then, if any allow list is enabled, the address must be in one. */
  static boolean blocked(Iterable<Model.IpList> lists, String address) {
    long ip = parseAddress(address);
    boolean anyAllow = false;
    boolean allowed = false;
    for (Model.IpList l : lists) {
      if (!l.enabled) {
        continue;
      }
      boolean match = ip >= 0 && contains(l.addresses, ip);
      if (l.type.equals("BLOCK") && match) {
        return true;
      }
      if (l.type.equals("ALLOW")) {
        anyAllow = true;
        allowed |= match;
      }
    }
    return anyAllow && !allowed;
  }

  private static boolean contains(List<String> entries, long ip) {
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      long base = parseIpv4(slash < 0 ? entry : entry.substring(0, slash));
      int prefix = slash < 0 ? 32 : Integer.parseInt(entry.substring(slash + 1));
      long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
      if ((ip & mask) == (base & mask)) {
        return true;
      }
    }
    return false;
  }

  /** Parses the caller's address; IPv6 loopback and IPv4-mapped forms count as IPv4; other IPv6 is -1. */
  static long parseAddress(String address) {
    String a = address.trim();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")) {
      return parseIpv4("127.0.0.1");
    }
    int mapped = a.lastIndexOf("::ffff:");
    if (mapped >= 0) {
      a = a.substring(mapped + 7);
    }
    return parseIpv4(a);
  }

  /** Returns the address as an unsigned 32-bit value, or -1 when it is not dotted-quad IPv4. */
  static long parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long out = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3) {
        return -1;
      }
      int v = 0;
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return -1;
      }
      out = (out << 8) | v;
    }
    return out;
  }

  /** Accepts IPv4 addresses and IPv4 CIDR blocks with a prefix of 0..32. */
  static boolean validEntry(String entry) {
    int slash = entry.indexOf('/');
    if (slash < 0) {
      return parseIpv4(entry) >= 0;
    }
    String prefix = entry.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int p = Integer.parseInt(prefix);
    return p <= 32 && parseIpv4(entry.substring(0, slash)) >= 0;
  }

  // ------------------------------------------------------------------ IP access lists

  static IpAccessList view(Model.IpList l) {
    return new StateViews.IpAccessListView(l.id, l.label, l.type, l.addresses, l.enabled, Instant.ofEpochMilli(l.createdMs),
        Instant.ofEpochMilli(l.updatedMs));
  }

  /** Seeds a list without the lockout check (validation and quota still apply). */
  static Model.IpList addList(Engine e, Model.Workspace ws, String label, String type, List<String> addresses,
      long now, long by) {
    try {
      Model.IpList l = newList(e, label, type, addresses, now, by);
      checkDuplicate(ws, l, null);
      checkQuota(ws, null, l.addresses.size());
      ws.ipLists.put(l.id, l);
      return l;
    } catch (ApiError err) {
      throw new IllegalArgumentException(err.body.path("message").asText(), err);
    }
  }

  private static Model.IpList newList(Engine e, String label, String type, List<String> addresses, long now, long by) {
    Model.IpList l = new Model.IpList();
    l.id = e.newUuid();
    l.label = requireLabel(label);
    l.type = requireType(type);
    l.addresses = requireAddresses(addresses);
    l.createdMs = now;
    l.updatedMs = now;
    l.createdBy = by;
    l.updatedBy = by;
    return l;
  }

  private static String requireLabel(String label) {
    if (label == null || label.isBlank()) {
      throw ApiError.badRequest("label must be a non-empty string.");
    }
    return label;
  }

  private static String requireType(String type) {
    if (!"ALLOW".equals(type) && !"BLOCK".equals(type)) {
      throw ApiError.badRequest("Invalid list_type: " + type + ". Expected ALLOW or BLOCK.");
    }
    return type;
  }

  private static List<String> requireAddresses(List<String> addresses) {
    List<String> out = new ArrayList<>();
    for (String a : addresses) {
      String t = a == null ? "" : a.trim();
      if (!validEntry(t)) {
        throw ApiError.badRequest("Invalid IP address or CIDR block: " + a + ". Only IPv4 addresses and CIDR ranges are supported.");
      }
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<String> addresses(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw ApiError.badRequest("ip_addresses must be an array of strings.");
    }
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void checkDuplicate(Model.Workspace ws, Model.IpList candidate, String exceptId) {
    for (Model.IpList l : ws.ipLists.values()) {
      if (!l.id.equals(exceptId) && l.label.equals(candidate.label) && l.type.equals(candidate.type)) {
        throw ApiError.platform(400, "RESOURCE_ALREADY_EXISTS",
            "IP access list with type (" + candidate.type + ") and label (" + candidate.label + ") already exists");
      }
    }
  }

  private static void checkQuota(Model.Workspace ws, String exceptId, int added) {
    int total = added;
    for (Model.IpList l : ws.ipLists.values()) {
      if (!l.id.equals(exceptId)) {
        total += l.addresses.size();
      }
    }
    if (total > ADDRESS_QUOTA) {
      throw ApiError.platform(400, "QUOTA_EXCEEDED", "The total number of IP addresses and CIDR ranges in IP access lists ("
          + total + ") would exceed the limit of " + ADDRESS_QUOTA + ".");
    }
  }

  /** Refuses a change after which the caller could no longer reach the workspace. */
  private void checkLockout(Req r, Map<String, Model.IpList> resulting, boolean enabledAfter) {
    if (enabledAfter || e.behaviours.ipLockoutCheckWhenDisabled()) {
      refuseLockout(r, resulting);
    }
  }

  /** Refuses the change when {@code lists}, enforced, would block the caller. */
  static void refuseLockout(Req r, Map<String, Model.IpList> lists) {
    if (blocked(lists.values(), r.raw.remoteAddress())) {
      throw ApiError.platform(400, "INVALID_STATE", "Your current IP " + r.raw.remoteAddress()
          + " will not be allowed to access the workspace under current configuration");
    }
  }

  private static boolean listsEnabled(Model.Workspace ws) {
    return WorkspaceConfApi.isTrue(ws, "enableIpAccessLists");
  }

  private Model.IpList find(Req r) {
    Model.IpList l = r.ws.ipLists.get(r.var(0));
    if (l == null) {
      throw ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Can't find an IP access list with id: " + r.var(0) + ".");
    }
    return l;
  }

  private static ObjectNode json(Model.IpList l) {
    ObjectNode n = Json.object();
    n.put("list_id", l.id);
    n.put("label", l.label);
    n.put("list_type", l.type);
    ArrayNode a = n.putArray("ip_addresses");
    l.addresses.forEach(a::add);
    n.put("address_count", l.addresses.size());
    n.put("enabled", l.enabled);
    n.put("created_at", l.createdMs);
    n.put("created_by", l.createdBy);
    n.put("updated_at", l.updatedMs);
    n.put("updated_by", l.updatedBy);
    return n;
  }

  private long callerId(Req r) {
    return r.caller.isSp() ? r.caller.sp().id : e.account.adminUserId;
  }

  private Out list(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN);
    ObjectNode out = Json.object();
    ArrayNode lists = out.putArray("ip_access_lists");
    r.ws.ipLists.values().forEach(l -> lists.add(json(l)));
    return Out.ok(out);
  }

  private Out get(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN);
    ObjectNode out = Json.object();
    out.set("ip_access_list", json(find(r)));
    return Out.ok(out);
  }

  private Out create(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN);
    JsonNode body = r.body();
    Model.IpList l = newList(e, Json.text(body, "label"), Json.text(body, "list_type"), addresses(body.get("ip_addresses")),
        r.now, callerId(r));
    checkDuplicate(r.ws, l, null);
    checkQuota(r.ws, null, l.addresses.size());
    Map<String, Model.IpList> resulting = new LinkedHashMap<>(r.ws.ipLists);
    resulting.put(l.id, l);
    checkLockout(r, resulting, listsEnabled(r.ws));
    r.ws.ipLists.put(l.id, l);
    ObjectNode out = Json.object();
    out.set("ip_access_list", json(l));
    return Out.ok(out);
  }

  private Out update(Req r, boolean replace) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN);
    Model.IpList current = find(r);
    JsonNode body = r.body();
    if (replace && (body.get("label") == null || body.get("list_type") == null || body.get("enabled") == null)) {
      throw ApiError.badRequest("label, list_type and enabled are required to replace an IP access list.");
    }
    Model.IpList next = current.copy();
    if (body.hasNonNull("label")) {
      next.label = requireLabel(Json.text(body, "label"));
    }
    if (body.hasNonNull("list_type")) {
      next.type = requireType(Json.text(body, "list_type"));
    }
    if (body.hasNonNull("enabled")) {
      next.enabled = body.get("enabled").asBoolean();
    }
    if (body.has("ip_addresses") || replace) {
      next.addresses = requireAddresses(addresses(body.get("ip_addresses")));
    }
    checkDuplicate(r.ws, next, next.id);
    checkQuota(r.ws, next.id, next.addresses.size());
    Map<String, Model.IpList> resulting = new LinkedHashMap<>(r.ws.ipLists);
    resulting.put(next.id, next);
    checkLockout(r, resulting, listsEnabled(r.ws));
    next.updatedMs = r.now;
    next.updatedBy = callerId(r);
    r.ws.ipLists.put(next.id, next);
    // both PUT and PATCH answer the list as it now is (the SDK's UpdateResponse/ReplaceResponse ignore it)
    ObjectNode out = Json.object();
    out.set("ip_access_list", json(next));
    return Out.ok(out);
  }

  private Out delete(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN);
    Model.IpList l = find(r);
    Map<String, Model.IpList> resulting = new LinkedHashMap<>(r.ws.ipLists);
    resulting.remove(l.id);
    checkLockout(r, resulting, listsEnabled(r.ws));
    r.ws.ipLists.remove(l.id);
    return Out.empty();
  }
}
