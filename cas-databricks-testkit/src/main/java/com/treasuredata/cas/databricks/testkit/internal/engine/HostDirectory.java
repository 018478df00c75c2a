package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.FakeRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which account or workspace a request addresses: by path, by target host (built-in and registered
 * front-end addresses) and by the {@code X-Databricks-Workspace-Id} header.
 */
public final class HostDirectory {

  private final Engine engine;

  HostDirectory(Engine engine) {
    this.engine = engine;
  }

  static boolean isAccountPath(String path) {
    if (path.startsWith("/api/2.0/accounts/servicePrincipals/")) {
      return false; // the workspace-host proxy for SP secrets
    }
    return path.startsWith("/api/2.0/accounts/") || path.startsWith("/api/2.0/preview/accounts/")
        || path.startsWith("/oidc/accounts/");
  }

  boolean isAccountHost(String targetHost) {
    return sameHost(targetHost, engine.config.accountHost()) || accountHosts.contains(normalize(targetHost));
  }

  // Front-end addresses live outside the snapshotted state: a reset or restore must not unplug the HTTP server.
  private final List<String> accountHosts = new ArrayList<>();
  private final Map<String, Long> workspaceHosts = new LinkedHashMap<>();
  /**
   * Normalized built-in host to workspace id, learned from scans: an account of thousands of
   * workspaces must not scan them all per request. A hit is checked against the workspace itself,
   * so an entry a restore or removal made stale only costs a scan.
   */
  private final Map<String, Long> builtInHostIndex = new HashMap<>();
  // workspaces are only ever added (a restore replaces the whole map), so the same map at the same
  // size means the index is complete and a miss needs no scan
  private Map<Long, Model.Workspace> indexedFrom;
  private int indexedSize = -1;

  /** Registers another address (e.g. an HTTP front end's) under which the account is reached. */
  public void registerAccountHost(URI host) {
    accountHosts.add(normalize(host.toString()));
  }

  /** Registers another address under which workspace {@code id} is reached. */
  public void registerWorkspaceHost(long id, URI host) {
    engine.workspace(id);
    workspaceHosts.put(normalize(host.toString()), id);
  }

  /** Returns true for the account host and every workspace host, registered extras included. */
  public boolean isKnownHost(String target) {
    String t = normalize(target);
    if (isAccountHost(t)) {
      return true;
    }
    return byBuiltInHost(t) != null || workspaceHosts.containsKey(t);
  }

  /** The workspace whose own host is {@code normalizedHost}, or null. */
  private Model.Workspace byBuiltInHost(String normalizedHost) {
    Long indexed = builtInHostIndex.get(normalizedHost);
    if (indexed != null) {
      Model.Workspace w = engine.account.workspaces.get(indexed);
      if (w != null && normalize(w.host.toString()).equals(normalizedHost)) {
        return w;
      }
    }
    Map<Long, Model.Workspace> all = engine.account.workspaces;
    if (all == indexedFrom && all.size() == indexedSize && indexed == null) {
      return null;
    }
    Model.Workspace found = null;
    builtInHostIndex.clear();
    indexedFrom = all;
    indexedSize = all.size();
    for (Model.Workspace w : engine.account.workspaces.values()) {
      String h = normalize(w.host.toString());
      builtInHostIndex.putIfAbsent(h, w.id);
      if (found == null && h.equals(normalizedHost)) {
        found = w;
      }
    }
    return found;
  }

  Model.Workspace selectWorkspace(FakeRequest request) {
    String target = normalize(request.targetHost());
    Model.Workspace own = byBuiltInHost(target);
    if (own != null) {
      return own;
    }
    Long registered = workspaceHosts.get(target);
    if (registered != null && engine.account.workspaces.containsKey(registered)) {
      return engine.account.workspaces.get(registered);
    }
    String header = request.header("X-Databricks-Workspace-Id");
    if (header != null) {
      try {
        Model.Workspace w = engine.account.workspaces.get(Long.parseLong(header.trim()));
        if (w != null) {
          return w;
        }
      } catch (NumberFormatException ignored) {
        // an unparsable header is ignored, as the real unified host ignores unknown ids
      }
    }
    return engine.account.workspaces.get(engine.config.workspaceId());
  }

  private static boolean sameHost(String target, URI host) {
    return normalize(target).equals(normalize(host.toString()));
  }

  /** scheme://host[:port], lower-case, default ports dropped, no trailing slash. */
  static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    while (h.endsWith("/")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.startsWith("https://") && h.endsWith(":443")) {
      h = h.substring(0, h.length() - 4);
    } else if (h.startsWith("http://") && h.endsWith(":80")) {
      h = h.substring(0, h.length() - 3);
    }
    return h;
  }
}
