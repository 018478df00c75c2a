package com.treasuredata.cas.databricks.internal.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link com.treasuredata.cas.databricks.DatabricksTarget} resolved to: a validated host,
 * the credentials, the account id if any, and a human description of where it came from. Not API.
 *
 * @param host validated {@code scheme://host[:port]}
 * @param credentials how to authenticate
 * @param accountId the account id (a UUID), if configured
 * @param source where the values came from, e.g. {@code profile 'admin' in /home/me/.databrickscfg}
 */
public record ResolvedTarget(URI host, Credentials credentials, Optional<String> accountId, String source) {

  public ResolvedTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(source, "source");
  }

  /** Returns a copy with {@code accountId}. */
  public ResolvedTarget withAccountId(String accountId) {
    return new ResolvedTarget(host, credentials, Optional.of(accountId), source);
  }

  /** Returns true when the host name says it is an account console host ({@code accounts.*}). */
  public boolean isAccountHost() {
    return Hosts.isAccountHost(host);
  }
}
