package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the engine starts from. Not API.
 *
 * @param accountId account id
 * @param workspaceId id of the default workspace
 * @param workspaceName name of the default workspace
 * @param accountHost account host
 * @param adminToken the admin token value
 * @param seed seed of the id and token generator
 * @param catalogs catalogs created in the default workspace (each with schema {@code default})
 * @param initialTokenAcl token ACL entries besides {@code admins CAN_MANAGE}
 * @param behaviours switches for unconfirmed behaviours
 */
public record EngineConfig(
    String accountId, long workspaceId, String workspaceName, URI accountHost, String adminToken, long seed,
    List<String> catalogs, List<TokenPermission> initialTokenAcl, Behaviours behaviours) {

  public EngineConfig {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(workspaceName, "workspaceName");
    Objects.requireNonNull(accountHost, "accountHost");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(behaviours, "behaviours");
    catalogs = List.copyOf(catalogs);
    initialTokenAcl = List.copyOf(initialTokenAcl);
  }

  /** Returns the in-process host of workspace {@code id}. */
  public static URI workspaceHostFor(long id) {
    return URI.create("https://dbc-" + id + ".fake-databricks.test");
  }
}
