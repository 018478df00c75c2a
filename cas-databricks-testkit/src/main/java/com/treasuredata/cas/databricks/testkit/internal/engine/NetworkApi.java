package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** IP access lists (with enforcement) and workspace-conf. */
final class NetworkApi {
  static final Set<String> KNOWN_CONF_KEYS = Set.of("enableIpAccessLists", "maxTokenLifetimeDays", "enableTokensConfig");

  private NetworkApi() {}

  static void register(Engine e) {}

  static void enforceIpAccessLists(Engine e, Model.Workspace ws, String address) {}

  static IpAccessList view(Model.IpList l) {
    return new IpAccessList(l.id, l.label, l.type, l.addresses, l.enabled, Instant.ofEpochMilli(l.createdMs),
        Instant.ofEpochMilli(l.updatedMs));
  }

  static Model.IpList addList(Engine e, Model.Workspace ws, String label, String type, List<String> addresses, long now, long by) {
    throw new UnsupportedOperationException("not yet");
  }
}
