package com.treasuredata.cas.databricks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stateful fake of the Databricks endpoints the core steps use, as an in-process
 * {@link Transport} for one account host and one workspace host. Core tests use it for logic and
 * request counts; the testkit module has the full fake. Thread-safe (one lock).
 */
public final class FakeWorkspaceTransport implements Transport {

  public static final String ACCOUNT_ID = "0d3e7a6c-1b2f-4c5d-8e9f-a0b1c2d3e4f5";
  public static final URI ACCOUNT_HOST = URI.create("https://accounts.cloud.databricks.com");
  public static final URI WORKSPACE_HOST = URI.create("https://dbc-1234.cloud.databricks.com");
  public static final long WORKSPACE_ID = 1234567890123456L;

  /** A request as seen by the fake. */
  public record Call(String method, String host, String path, Map<String, String> query, JsonNode body, String authorization) {
    public String line() {
      return method + " " + path;
    }
  }

  /** A service principal in the fake. */
  public record Sp(String id, String applicationId, String displayName) {}

  private final List<Call> journal = Collections.synchronizedList(new ArrayList<>());
  private final List<Sp> sps = new ArrayList<>();
  private final Map<String, Set<String>> accountAssignments = new HashMap<>(); // scim id -> permissions
  private final List<ObjectNode> tokenAcl = new ArrayList<>();
  private final List<ObjectNode> tokens = new ArrayList<>();
  private final Map<String, String> tokenValues = new HashMap<>(); // value -> appId
  private final Map<String, Map<String, Set<String>>> catalogs = new LinkedHashMap<>();
  private final Map<String, String> conf = new HashMap<>();
  private final List<ObjectNode> ipLists = new ArrayList<>();
  private final List<String> unknownRoutes = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<String>> faults = new HashMap<>(); // "METHOD path-prefix" -> kinds
  private final AtomicLong ids = new AtomicLong(7000000000000000L);
  private boolean orgIdHeader = true;
  private String meOverride;
  private long nowMillis = 1_800_000_000_000L;

  public FakeWorkspaceTransport() {
    ObjectNode admins = Json.object().put("group_name", "admins");
    admins.putArray("all_permissions").addObject().put("permission_level", "CAN_MANAGE").put("inherited", false);
    tokenAcl.add(admins);
    conf.put("enableIpAccessLists", "true");
    conf.put("maxTokenLifetimeDays", "730");
  }

  // ---- setup ----

  public synchronized Sp addServicePrincipal(String displayName, boolean inWorkspace) {
    Sp sp = new Sp(String.valueOf(ids.incrementAndGet()), UUID.randomUUID().toString(), displayName);
    sps.add(sp);
    if (inWorkspace) {
      accountAssignments.put(sp.id(), new LinkedHashSet<>(Set.of("USER")));
    }
    return sp;
  }

  public synchronized FakeWorkspaceTransport catalog(String name) {
    catalogs.put(name, new LinkedHashMap<>());
    return this;
  }

  public synchronized FakeWorkspaceTransport grant(String catalog, String principal, String... privileges) {
    catalogs.get(catalog).computeIfAbsent(principal, k -> new LinkedHashSet<>()).addAll(List.of(privileges));
    return this;
  }

  public synchronized FakeWorkspaceTransport conf(String key, String value) {
    if (value == null) {
      conf.remove(key);
    } else {
      conf.put(key, value);
    }
    return this;
  }

  public synchronized FakeWorkspaceTransport ipList(String label, String type, boolean enabled, String... addresses) {
    ObjectNode list = Json.object().put("list_id", UUID.randomUUID().toString()).put("label", label).put("list_type", type).put("enabled", enabled);
    ArrayNode a = list.putArray("ip_addresses");
    for (String s : addresses) {
      a.add(s);
    }
    list.put("address_count", addresses.length);
    ipLists.add(list);
    return this;
  }

  public synchronized FakeWorkspaceTransport canUse(String principalField, String principal) {
    ObjectNode entry = Json.object().put(principalField, principal);
    entry.putArray("all_permissions").addObject().put("permission_level", "CAN_USE").put("inherited", false);
    tokenAcl.add(entry);
    return this;
  }

  /** Adds a token owned by {@code appId} with {@code comment}; {@code expiry} -1 for none. */
  public synchronized String token(String appId, String comment, long expiry) {
    String id = UUID.randomUUID().toString().replace("-", "");
    tokens.add(Json.object().put("token_id", id).put("comment", comment).put("expiry_time", expiry).put("owner", appId));
    return id;
  }

  public synchronized FakeWorkspaceTransport withoutOrgIdHeader() {
    orgIdHeader = false;
    return this;
  }

  /** Makes SCIM Me answer {@code userName} regardless of the token. */
  public synchronized FakeWorkspaceTransport meAnswers(String userName) {
    meOverride = userName;
    return this;
  }

  /**
   * Injects a one-shot fault on the next request whose "METHOD path" starts with {@code target}:
   * {@code "lost"} applies the request then throws an IOException; {@code "500"} answers 500 without applying;
   * {@code "invalid_state"} answers the IP lockout error; {@code "propagation"} answers "not in workspace"; {@code "item_error"} answers 200 with an assignment item error; {@code "not_found"} answers 404 RESOURCE_DOES_NOT_EXIST naming a principal.
   */
  public synchronized FakeWorkspaceTransport fault(String target, String kind) {
    faults.computeIfAbsent(target, k -> new ArrayList<>()).add(kind);
    return this;
  }

  public long now() {
    return nowMillis;
  }

  // ---- inspection ----

  public List<Call> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  public List<Call> writes() {
    return journal().stream().filter(c -> !c.method().equals("GET")).toList();
  }

  public List<String> unknownRoutes() {
    return List.copyOf(unknownRoutes);
  }

  public synchronized List<Sp> servicePrincipals() {
    return List.copyOf(sps);
  }

  public synchronized Set<String> privileges(String catalog, String principal) {
    return Set.copyOf(catalogs.get(catalog).getOrDefault(principal, Set.of()));
  }

  public synchronized List<JsonNode> tokenAcl() {
    return List.copyOf(tokenAcl);
  }

  public synchronized List<JsonNode> tokens() {
    return List.copyOf(tokens);
  }

  public synchronized List<JsonNode> ipLists() {
    return List.copyOf(ipLists);
  }

  public synchronized Set<String> assignment(String scimId) {
    return Set.copyOf(accountAssignments.getOrDefault(scimId, Set.of()));
  }

  // ---- transport ----

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    URI uri = request.uri();
    String path = uri.getRawPath();
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    JsonNode body = request.body().map(Json::parse).orElse(null);
    Call call = new Call(request.method(), uri.getHost(), decode(path), query, body, request.header("Authorization").orElse(""));
    journal.add(call);
    String fault;
    synchronized (this) {
      fault = takeFault(call.line());
    }
    if ("500".equals(fault)) {
      return TransportResponse.json(500, "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"injected\"}");
    }
    if ("invalid_state".equals(fault)) {
      return error(400, "INVALID_STATE", "Your current IP 192.0.2.1 will not be allowed to access the workspace under current configuration");
    }
    if ("item_error".equals(fault)) {
      String error = "Principal is not allowed in this workspace";
      return ok(call.method().equals("POST")
          ? Json.object().set("permission_assignments", Json.array().add(Json.object().put("error", error)))
          : Json.object().put("error", error));
    }
    if ("token_lag".equals(fault)) {
      return error(403, "PERMISSION_DENIED", "User " + call.body().path("application_id").asText() + " does not have permission to use tokens.");
    }
    if ("invalid_token".equals(fault)) {
      return TransportResponse.json(403, "{\"error_code\":403,\"message\":\"Invalid access token.\"}");
    }
    if ("not_found".equals(fault)) {
      return error(404, "RESOURCE_DOES_NOT_EXIST", "Principal 42 does not exist");
    }
    if ("propagation".equals(fault)) {
      return error(400, "INVALID_PARAMETER_VALUE", "Principal 1 not in workspace " + WORKSPACE_ID);
    }
    TransportResponse response;
    synchronized (this) {
      response = route(call);
    }
    if ("lost".equals(fault)) {
      throw new java.net.SocketTimeoutException("injected: response lost");
    }
    if (orgIdHeader && WORKSPACE_HOST.getHost().equals(uri.getHost())) {
      Map<String, String> headers = new HashMap<>(response.headers());
      headers.put("X-Databricks-Org-Id", String.valueOf(WORKSPACE_ID));
      response = new TransportResponse(response.status(), headers, response.body());
    }
    return response;
  }

  private String takeFault(String line) {
    for (Map.Entry<String, List<String>> e : faults.entrySet()) {
      if (line.startsWith(e.getKey()) && !e.getValue().isEmpty()) {
        return e.getValue().remove(0);
      }
    }
    return null;
  }

  private static final Pattern FILTER = Pattern.compile("(displayName|applicationId) eq \"((?:[^\"\\\\]|\\\\.)*)\"");

  private TransportResponse route(Call c) {
    String p = c.path();
    String acct = "/api/2.0/accounts/" + ACCOUNT_ID;
    boolean onAccount = ACCOUNT_HOST.getHost().equals(c.host());
    if (onAccount && p.equals(acct + "/scim/v2/ServicePrincipals") || !onAccount && p.equals("/api/2.0/preview/scim/v2/ServicePrincipals")) {
      if (c.method().equals("GET")) {
        Matcher m = FILTER.matcher(c.query().getOrDefault("filter", ""));
        ArrayNode resources = Json.array();
        if (m.matches()) {
          String value = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
          for (Sp sp : sps) {
            boolean visible = onAccount || accountAssignments.containsKey(sp.id());
            String field = m.group(1).equals("displayName") ? sp.displayName() : sp.applicationId();
            if (visible && field.equals(value)) {
              resources.add(scim(sp));
            }
          }
        }
        ObjectNode list = Json.object().put("totalResults", resources.size());
        list.set("Resources", resources);
        return ok(list);
      }
      if (c.method().equals("POST")) {
        Sp sp = new Sp(String.valueOf(ids.incrementAndGet()), UUID.randomUUID().toString(), c.body().path("displayName").asText());
        sps.add(sp);
        if (!onAccount) {
          accountAssignments.put(sp.id(), new LinkedHashSet<>(Set.of("USER")));
        }
        return TransportResponse.json(201, Json.write(scim(sp)));
      }
    }
    String assignments = acct + "/workspaces/" + WORKSPACE_ID + "/permissionassignments";
    if (onAccount && p.equals(assignments) && c.method().equals("GET")) {
      return ok(assignmentList());
    }
    if (onAccount && p.startsWith(assignments + "/principals/") && c.method().equals("PUT")) {
      String id = p.substring((assignments + "/principals/").length());
      Sp sp = sps.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
      if (sp == null) {
        return error(404, "RESOURCE_DOES_NOT_EXIST", "Principal " + id + " not found in account");
      }
      Set<String> perms = new LinkedHashSet<>();
      c.body().path("permissions").forEach(n -> perms.add(n.asText()));
      accountAssignments.put(id, perms);
      return ok(assignment(sp));
    }
    if (!onAccount && p.equals("/api/2.0/preview/permissionassignments")) {
      if (c.method().equals("GET")) {
        return ok(assignmentList());
      }
      ObjectNode out = Json.object();
      ArrayNode items = out.putArray("permission_assignments");
      for (JsonNode a : c.body().path("permission_assignments")) {
        String appId = a.path("service_principal_name").asText();
        Sp sp = sps.stream().filter(s -> s.applicationId().equals(appId)).findFirst().orElse(null);
        if (sp == null) {
          items.addObject().put("error", "Principal " + appId + " not found").putObject("principal");
        } else {
          accountAssignments.put(sp.id(), new LinkedHashSet<>(Set.of("USER")));
          items.add(assignment(sp));
        }
      }
      return ok(out);
    }
    if (onAccount) {
      return unknown(c);
    }
    if (p.equals("/api/2.0/permissions/authorization/tokens")) {
      if (c.method().equals("GET")) {
        ObjectNode out = Json.object().put("object_id", "/authorization/tokens").put("object_type", "tokens");
        ArrayNode acl = out.putArray("access_control_list");
        tokenAcl.forEach(acl::add);
        return ok(out);
      }
      if (c.method().equals("PATCH")) {
        for (JsonNode e : c.body().path("access_control_list")) {
          String appId = e.path("service_principal_name").asText();
          if (sps.stream().noneMatch(s -> s.applicationId().equals(appId))) {
            return error(400, "INVALID_PARAMETER_VALUE", "Principal: ServicePrincipalName(" + appId + ") does not exist");
          }
          tokenAcl.removeIf(x -> appId.equals(x.path("service_principal_name").asText()));
          canUse("service_principal_name", appId);
        }
        return ok(Json.object());
      }
      return error(400, "TEST_FORBIDDEN", "the fake refuses " + c.method() + " on token permissions");
    }
    if (p.equals("/api/2.0/token-management/on-behalf-of/tokens") && c.method().equals("POST")) {
      String appId = c.body().path("application_id").asText();
      boolean allowed = tokenAcl.stream().anyMatch(x -> appId.equals(x.path("service_principal_name").asText()));
      if (!allowed) {
        return error(403, "PERMISSION_DENIED", "User " + appId + " does not have permission to use tokens.");
      }
      long lifetime = c.body().path("lifetime_seconds").asLong();
      String id = UUID.randomUUID().toString().replace("-", "");
      String value = FakeTokens.pat().reveal();
      tokenValues.put(value, appId);
      ObjectNode info = Json.object().put("token_id", id).put("comment", c.body().path("comment").asText()).put("expiry_time", nowMillis + lifetime * 1000).put("owner", appId);
      tokens.add(info);
      ObjectNode out = Json.object().put("token_value", value);
      out.set("token_info", withOwnerId(info));
      return ok(out);
    }
    if (p.equals("/api/2.0/token-management/tokens") && c.method().equals("GET")) {
      ObjectNode out = Json.object();
      ArrayNode infos = out.putArray("token_infos");
      tokens.forEach(t -> infos.add(withOwnerId(t)));
      return ok(out);
    }
    if (p.startsWith("/api/2.0/token-management/tokens/") && c.method().equals("DELETE")) {
      String id = p.substring("/api/2.0/token-management/tokens/".length());
      boolean removed = tokens.removeIf(t -> t.path("token_id").asText().equals(id));
      return removed ? ok(Json.object()) : error(404, "NOT_FOUND", "Token does not exist");
    }
    if (p.equals("/api/2.0/token/list") && c.method().equals("GET")) {
      // Only the caller's own tokens; with meAnswers(..) the caller is that user, as SCIM Me says.
      String bearer = c.authorization().replaceFirst("^Bearer ", "");
      String caller = meOverride != null ? meOverride : tokenValues.getOrDefault(bearer, "admin@example.com");
      ObjectNode out = Json.object();
      ArrayNode infos = out.putArray("token_infos");
      tokens.stream().filter(t -> caller.equals(t.path("owner").asText())).forEach(t -> infos.add(t.deepCopy().without("owner")));
      return ok(out);
    }
    if (p.equals("/api/2.0/preview/scim/v2/Me")) {
      String bearer = c.authorization().replaceFirst("^Bearer ", "");
      String user = meOverride != null ? meOverride : tokenValues.getOrDefault(bearer, "admin@example.com");
      return ok(Json.object().put("id", "1").put("userName", user));
    }
    if (p.equals("/api/2.0/workspace-conf")) {
      ObjectNode out = Json.object();
      for (String key : c.query().getOrDefault("keys", "").split(",")) {
        if (conf.containsKey(key)) {
          out.put(key, conf.get(key));
        } else {
          out.putNull(key);
        }
      }
      return ok(out);
    }
    if (p.startsWith("/api/2.1/unity-catalog/catalogs/")) {
      String name = p.substring("/api/2.1/unity-catalog/catalogs/".length());
      return catalogs.containsKey(name)
          ? ok(Json.object().put("name", name).put("full_name", name))
          : error(404, "CATALOG_DOES_NOT_EXIST", "Catalog '" + name + "' does not exist.");
    }
    if (p.startsWith("/api/2.1/unity-catalog/permissions/catalog/")) {
      String name = p.substring("/api/2.1/unity-catalog/permissions/catalog/".length());
      Map<String, Set<String>> grants = catalogs.get(name);
      if (grants == null) {
        return error(404, "CATALOG_DOES_NOT_EXIST", "Catalog '" + name + "' does not exist.");
      }
      if (c.method().equals("PATCH")) {
        for (JsonNode change : c.body().path("changes")) {
          String principal = change.path("principal").asText();
          if (sps.stream().noneMatch(s -> s.applicationId().equals(principal)) && !principal.contains("@")) {
            return error(404, "PRINCIPAL_DOES_NOT_EXIST", "Could not find principal with name " + principal);
          }
          Set<String> held = grants.computeIfAbsent(principal, k -> new LinkedHashSet<>());
          change.path("add").forEach(n -> held.add(n.asText()));
          change.path("remove").forEach(n -> held.remove(n.asText()));
        }
      }
      ObjectNode out = Json.object();
      ArrayNode list = out.putArray("privilege_assignments");
      String only = c.method().equals("GET") ? c.query().get("principal") : null;
      grants.forEach((principal, privs) -> {
        if (only == null || only.equals(principal)) {
          ArrayNode a = list.addObject().put("principal", principal).putArray("privileges");
          privs.forEach(a::add);
        }
      });
      return ok(out);
    }
    if (p.equals("/api/2.0/ip-access-lists")) {
      if (c.method().equals("GET")) {
        ObjectNode out = Json.object();
        ArrayNode lists = out.putArray("ip_access_lists");
        ipLists.forEach(lists::add);
        return ok(out);
      }
      if (c.method().equals("POST")) {
        String label = c.body().path("label").asText();
        String type = c.body().path("list_type").asText();
        if (ipLists.stream().anyMatch(l -> l.path("label").asText().equals(label) && l.path("list_type").asText().equals(type))) {
          return error(400, "RESOURCE_ALREADY_EXISTS", "IP access list with type (" + type + ") and label (" + label + ") already exists");
        }
        List<String> addresses = new ArrayList<>();
        c.body().path("ip_addresses").forEach(n -> addresses.add(n.asText()));
        ipList(label, type, true, addresses.toArray(new String[0]));
        return ok(Json.object().set("ip_access_list", ipLists.get(ipLists.size() - 1)));
      }
    }
    if (p.startsWith("/api/2.0/ip-access-lists/") && c.method().equals("PATCH")) {
      String id = p.substring("/api/2.0/ip-access-lists/".length());
      for (ObjectNode l : ipLists) {
        if (l.path("list_id").asText().equals(id)) {
          if (c.body().has("ip_addresses")) {
            l.set("ip_addresses", c.body().get("ip_addresses").deepCopy());
            l.put("address_count", c.body().get("ip_addresses").size());
          }
          return ok(l);
        }
      }
      return error(404, "RESOURCE_DOES_NOT_EXIST", "Can't find an IP access list with id: " + id + ".");
    }
    return unknown(c);
  }

  private ObjectNode assignmentList() {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("permission_assignments");
    for (Sp sp : sps) {
      if (accountAssignments.containsKey(sp.id())) {
        items.add(assignment(sp));
      }
    }
    return out;
  }

  private ObjectNode assignment(Sp sp) {
    ObjectNode a = Json.object();
    a.putObject("principal").put("principal_id", Long.parseLong(sp.id())).put("display_name", sp.displayName()).put("service_principal_name", sp.applicationId());
    ArrayNode perms = a.putArray("permissions");
    accountAssignments.getOrDefault(sp.id(), Set.of()).forEach(perms::add);
    return a;
  }

  private static ObjectNode scim(Sp sp) {
    ObjectNode n = Json.object();
    n.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal");
    return n.put("id", sp.id()).put("applicationId", sp.applicationId()).put("displayName", sp.displayName()).put("active", true);
  }

  private TransportResponse unknown(Call c) {
    unknownRoutes.add(c.line());
    return error(404, "ENDPOINT_NOT_FOUND", "fake: no route for " + c.line());
  }

  private static TransportResponse ok(JsonNode body) {
    return TransportResponse.json(200, Json.write(body));
  }

  private static TransportResponse error(int status, String code, String message) {
    return TransportResponse.json(status, Json.write(Json.object().put("error_code", code).put("message", message)));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The listed form of a token: {@code owner_id} is the owner's SCIM id, as on the real API. */
  private ObjectNode withOwnerId(ObjectNode token) {
    ObjectNode out = token.deepCopy();
    String owner = out.path("owner").asText();
    out.remove("owner");
    sps.stream().filter(sp -> sp.applicationId().equals(owner)).findFirst().ifPresent(sp -> out.put("owner_id", sp.id()));
    return out;
  }
}
