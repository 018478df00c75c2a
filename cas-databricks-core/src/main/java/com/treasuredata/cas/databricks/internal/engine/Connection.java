package com.treasuredata.cas.databricks.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.ConnectionDetails;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.WarehouseRef;
import com.treasuredata.cas.databricks.internal.Json;
import java.util.Objects;
import java.util.Optional;

/** The library's {@link ConnectionDetails}. Not API. */
public record Connection(String serverHostname, WarehouseRef warehouse, Optional<String> catalog, String applicationId, Optional<Secret> credential)
    implements ConnectionDetails {

  static final int PORT = 443;
  static final String PAT_PLACEHOLDER = "<personal-access-token>";

  public Connection {
    Objects.requireNonNull(serverHostname, "serverHostname");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(applicationId, "applicationId");
  }

  @Override
  public String httpPath() {
    return warehouse.httpPath();
  }

  @Override
  public int port() {
    return PORT;
  }

  private String base() {
    return "jdbc:databricks://" + serverHostname + ":" + PORT + "/default;transportMode=http;ssl=1;";
  }

  private String pat(String token) {
    return base() + "AuthMech=3;httpPath=" + httpPath() + ";UID=token;PWD=" + token;
  }

  @Override
  public String jdbcUrl() {
    return pat(PAT_PLACEHOLDER);
  }

  @Override
  public Optional<Secret> jdbcUrlWithCredential() {
    return credential.map(c -> Secret.of(pat(c.reveal())));
  }

  @Override
  public String jdbcUrlOAuthM2M() {
    return base() + "AuthMech=11;Auth_Flow=1;httpPath=" + httpPath() + ";OAuth2ClientId=" + applicationId + ";OAuth2Secret=<oauth-secret>";
  }

  @Override
  public String toJson(boolean includeSecret) {
    return Json.write(json(includeSecret));
  }

  ObjectNode json(boolean includeSecret) {
    ObjectNode n = Json.object();
    n.put("serverHostname", serverHostname).put("httpPath", httpPath()).put("port", PORT);
    n.put("warehouseId", warehouse.id()).put("warehouseName", warehouse.name());
    n.put("catalog", catalog.orElse(null));
    n.put("applicationId", applicationId);
    n.put("jdbcUrl", jdbcUrl());
    n.put("jdbcUrlOAuthM2M", jdbcUrlOAuthM2M());
    n.put("credentialAvailable", credential.isPresent());
    if (includeSecret) {
      n.put("credential", credential.map(Secret::reveal).orElse(null));
      n.put("jdbcUrlWithCredential", jdbcUrlWithCredential().map(Secret::reveal).orElse(null));
    } else {
      n.put("credential", credential.map(Secret::toString).orElse(null));
    }
    return n;
  }

  /** Lists what to paste into CAS, one field a line; the credential masked. */
  @Override
  public String toString() {
    String nl = System.lineSeparator();
    return "Server hostname: " + serverHostname + nl
        + "HTTP path:       " + httpPath() + nl
        + "Port:            " + PORT + nl
        + "Warehouse:       " + warehouse.describe() + nl
        + "Catalog:         " + catalog.orElse("(none granted)") + nl
        + "applicationId:   " + applicationId + nl
        + "Credential:      " + credential.map(Secret::toString).orElse("unavailable (a reused token's value cannot be read back; rotate to get one)") + nl
        + "JDBC URL:        " + jdbcUrl();
  }
}
