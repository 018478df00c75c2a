package com.treasuredata.cas.databricks.internal.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.HealthItem;
import com.treasuredata.cas.databricks.HealthReport;
import com.treasuredata.cas.databricks.internal.Json;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The library's {@link HealthReport}. Not API. */
public record Health(String runId, URI workspaceHost, Instant checkedAt, List<HealthItem> items, int requestCount) implements HealthReport {

  public Health {
    items = List.copyOf(items);
  }

  @Override
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("runId", runId).put("workspaceHost", workspaceHost.toString()).put("checkedAt", checkedAt.toString());
    root.put("healthy", isHealthy()).put("needsAttention", needsAttention());
    ArrayNode list = root.putArray("items");
    for (HealthItem i : items) {
      list.addObject().put("check", i.check()).put("status", i.status().name()).put("detail", i.detail()).put("fix", i.fix());
    }
    return Json.write(root);
  }

  /** One line per item, after a verdict line. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Health of the CAS connection to ").append(workspaceHost).append(": ")
        .append(isHealthy() ? (needsAttention() ? "HEALTHY, needs attention" : "HEALTHY") : "UNHEALTHY")
        .append(" (run ").append(runId).append(", ").append(checkedAt).append(')');
    items.forEach(i -> out.append(System.lineSeparator()).append("  ").append(i));
    return out.toString();
  }
}
