package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.internal.ApiRequest;
import com.treasuredata.cas.databricks.internal.engine.RunContext;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Reads several steps share, made once per run. */
final class SharedReads {

  static final String CONF_KEYS = "enableIpAccessLists,maxTokenLifetimeDays";
  private static final String CONF = "workspace-conf";
  private static final String IP_LISTS = "ip-access-lists";

  private SharedReads() {}

  static void prefetchWorkspaceConf(RunContext ctx) {
    ctx.prefetch(CONF, () -> readWorkspaceConf(ctx));
  }

  /** Returns the workspace-conf values we use ({@code enableIpAccessLists}, {@code maxTokenLifetimeDays}); unset keys are absent. */
  static Map<String, String> workspaceConf(RunContext ctx) {
    return ctx.once(CONF, () -> readWorkspaceConf(ctx));
  }

  private static Map<String, String> readWorkspaceConf(RunContext ctx) {
    JsonNode body = ctx.workspace().call(ApiRequest.get("workspace-conf", "/api/2.0/workspace-conf", Map.of("keys", CONF_KEYS)));
    Map<String, String> conf = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        conf.put(e.getKey(), e.getValue().asText());
      }
    }
    return Map.copyOf(conf);
  }

  static void prefetchIpAccessLists(RunContext ctx) {
    ctx.prefetch(IP_LISTS, () -> readIpAccessLists(ctx));
  }

  /** Returns the {@code ip_access_lists} array (empty when the workspace has none). */
  static JsonNode ipAccessLists(RunContext ctx) {
    return ctx.once(IP_LISTS, () -> readIpAccessLists(ctx));
  }

  static JsonNode readIpAccessLists(RunContext ctx) {
    return ctx.workspace().call(ApiRequest.get(Steps.IP_ACCESS_LIST, "/api/2.0/ip-access-lists")).path("ip_access_lists");
  }
}
