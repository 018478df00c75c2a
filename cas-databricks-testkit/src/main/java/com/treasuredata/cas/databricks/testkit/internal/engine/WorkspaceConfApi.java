package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/2.0/workspace-conf}: known keys only ({@code Invalid keys: [...]} otherwise); boolean
 * keys take {@code true}/{@code false} in any letter case and are echoed as sent, as the real API
 * does (a Terraform acceptance test sets {@code "TRue"} and reads {@code "TRue"} back).
 */
final class WorkspaceConfApi {

  private static final String NOT_ADMIN = "Only workspace admins can access this API.";

  /** Boolean-valued workspace-conf keys the fake knows (plus {@code maxTokenLifetimeDays}). */
  static final Set<String> BOOLEAN_KEYS = Set.of("enableIpAccessLists", "enableTokensConfig", "enableGp3",
      "enableDeprecatedGlobalInitScripts", "enableWebTerminal", "enableDbfsFileBrowser", "enableExportNotebook",
      "enableNotebookTableClipboard", "enableResultsDownloading", "enableUploadDataUis", "enableVerboseAuditLogs",
      "enforceUserIsolation", "storeInteractiveNotebookResultsInCustomerAccount", "enableProjectTypeInWorkspace",
      "enableWorkspaceFilesystem", "enableJobViewAcls", "enableEnforceImdsV2", "enableNotebookGitVersioning",
      "enableDcs", "enableHlsRuntime", "enableDeprecatedClusterNamedInitScripts", "enableDatabricksAutologgingAdminConf",
      "mlflowRunArtifactDownloadEnabled", "mlflowModelServingEndpointCreationEnabled", "mlflowModelRegistryEmailNotificationsEnabled",
      "enableLibraryAndInitScriptOnSharedCluster", "enforceClusterViewAcls", "enforceWorkspaceViewAcls",
      "enableFileStoreEndpoint", "enableNotebookTableClipboardFeatures");
  static final Set<String> KNOWN_CONF_KEYS;

  static {
    Set<String> keys = new TreeSet<>(BOOLEAN_KEYS);
    keys.add("maxTokenLifetimeDays");
    keys.add("customerApprovedWSLoginExpirationTime");
    KNOWN_CONF_KEYS = Set.copyOf(keys);
  }

  private final Engine e;

  private WorkspaceConfApi(Engine e) {
    this.e = e;
  }

  static void register(Engine e) {
    WorkspaceConfApi api = new WorkspaceConfApi(e);
    for (String base : List.of("/api/2.0/workspace-conf", "/api/2.0/preview/workspace-conf")) {
      e.router.add("GET", base, Router.Scope.WORKSPACE, api::getConf);
      e.router.add("PATCH", base, Router.Scope.WORKSPACE, api::patchConf);
    }
  }

  /** A boolean key counts as on whatever letter case it was set in. */
  static boolean isTrue(Model.Workspace ws, String key) {
    return "true".equalsIgnoreCase(ws.conf.get(key));
  }

  /** A boolean key counts as off whatever letter case it was set in. */
  static boolean isFalse(Model.Workspace ws, String key) {
    return "false".equalsIgnoreCase(ws.conf.get(key));
  }

  private Out getConf(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN);
    String keys = r.q("keys");
    if (keys == null || keys.isBlank()) {
      if (e.behaviours.confKeysRequired()) {
        throw ApiError.badRequest("Missing required parameter: keys");
      }
      ObjectNode all = Json.object();
      r.ws.conf.forEach(all::put);
      return Out.ok(all);
    }
    List<String> wanted = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String k : keys.split(",")) {
      String key = k.trim();
      if (key.isEmpty()) {
        continue;
      }
      if (KNOWN_CONF_KEYS.contains(key)) {
        wanted.add(key);
      } else {
        invalid.add(key);
      }
    }
    if (!invalid.isEmpty()) {
      throw invalidKeys(invalid, e.behaviours.confInvalidKeysStatus());
    }
    ObjectNode out = Json.object();
    for (String key : wanted) {
      String v = r.ws.conf.get(key);
      if (v != null) {
        out.put(key, v);
      } else if (e.behaviours.confUnsetKeysAsNull()) {
        out.putNull(key);
      }
    }
    return Out.ok(out);
  }

  private static ApiError invalidKeys(List<String> keys, int status) {
    ArrayNode a = Json.array();
    keys.forEach(a::add);
    return ApiError.platform(status, "INVALID_PARAMETER_VALUE", "Invalid keys: " + Json.write(a));
  }

  private Out patchConf(Req r) {
    Authentication.requireWorkspaceAdmin(r, NOT_ADMIN);
    JsonNode body = r.body();
    if (!body.isObject()) {
      throw ApiError.platform(400, "MALFORMED_REQUEST", "Invalid JSON given in the body of the request - expected a map");
    }
    List<String> invalid = new ArrayList<>();
    ObjectNode disallowed = Json.object();
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : body.properties()) {
      String key = f.getKey();
      JsonNode v = f.getValue();
      if (!KNOWN_CONF_KEYS.contains(key)) {
        invalid.add(key);
        continue;
      }
      if (v.isNull()) {
        changes.put(key, null);
        continue;
      }
      if (!v.isTextual() || !allowed(key, v.asText())) {
        disallowed.set(key, v);
        continue;
      }
      changes.put(key, v.asText());
    }
    if (!invalid.isEmpty()) {
      throw invalidKeys(invalid, 400);
    }
    if (!disallowed.isEmpty()) {
      throw ApiError.platform(400, "INVALID_REQUEST", "Some values are not allowed: " + Json.write(disallowed));
    }
    boolean enablingLists = "true".equalsIgnoreCase(changes.get("enableIpAccessLists"));
    if (enablingLists) {
      NetworkApi.refuseLockout(r, r.ws.ipLists);
    }
    changes.forEach((k, v) -> {
      if (v == null || v.isEmpty()) {
        r.ws.conf.remove(k);
      } else {
        r.ws.conf.put(k, v);
      }
    });
    return Out.noContent();
  }

  private static boolean allowed(String key, String value) {
    if (BOOLEAN_KEYS.contains(key)) {
      return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }
    if (key.equals("maxTokenLifetimeDays")) {
      if (value.isEmpty()) {
        return true;
      }
      try {
        int days = Integer.parseInt(value);
        return days >= 1 && days <= 730;
      } catch (NumberFormatException ex) {
        return false;
      }
    }
    return true;
  }
}
