package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.SharedRead;
import com.treasuredata.cas.databricks.StepContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads several built-in steps share, made once per run. */
final class SharedReads {

  static final String CONF_KEYS = "enableIpAccessLists,maxTokenLifetimeDays,enableTokensConfig";
  static final String IP_LISTS_PATH = "/api/2.0/ip-access-lists";

  /** The workspace-conf values we use ({@code enableIpAccessLists}, {@code maxTokenLifetimeDays}, {@code enableTokensConfig}); unset keys are absent. */
  static final SharedRead<Map<String, String>> WORKSPACE_CONF = SharedRead.of("workspace-conf", SharedReads::readWorkspaceConf);

  /** The {@code ip_access_lists} array (empty when the workspace has none). */
  static final SharedRead<JsonNode> IP_ACCESS_LISTS = SharedRead.of("ip-access-lists", SharedReads::readIpAccessLists);

  /** The workspace token ACL ({@code GET /api/2.0/permissions/authorization/tokens}). */
  static final SharedRead<JsonNode> TOKEN_ACL = SharedRead.of("token-acl", ctx -> ctx.workspace().get(TokenUsageStep.PATH));

  /** Every token of the workspace ({@code GET /api/2.0/token-management/tokens}), as the token step's plan sees them. */
  static final SharedRead<List<JsonNode>> TOKENS = SharedRead.of("tokens", ctx -> List.copyOf(OurTokens.list(ctx.workspace())));

  private SharedReads() {}

  private static Map<String, String> readWorkspaceConf(StepContext ctx) {
    JsonNode body = ctx.workspace().get("/api/2.0/workspace-conf", Map.of("keys", CONF_KEYS));
    Map<String, String> conf = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (!e.getValue().isNull()) {
        conf.put(e.getKey(), e.getValue().asText());
      }
    }
    return Map.copyOf(conf);
  }

  static JsonNode readIpAccessLists(StepContext ctx) {
    return ctx.workspace().get(IP_LISTS_PATH).path("ip_access_lists");
  }
}
