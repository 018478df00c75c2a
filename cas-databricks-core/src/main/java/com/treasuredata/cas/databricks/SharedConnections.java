package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.SharedClients;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport;
import java.util.Objects;

/**
 * One HTTP connection pool and one resolved SDK configuration per target, shared by onboardings
 * that are built separately: an OAuth M2M target fetches one OAuth token for all of them instead
 * of one per onboarding. Runs of one {@link CasOnboarding}, and the targets of a fleet, share
 * these already; this is for a service that builds an onboarding per request.
 *
 * <pre>{@code
 * SharedConnections connections = SharedConnections.create();   // one per service
 * DatabricksTarget accountAdmin = DatabricksTarget.oauth(accountsHost, clientId, secret).withAccountId(accountId);
 * // per request:
 * CasOnboarding.builder().sharedConnections(connections).account(accountAdmin).workspace(ws)...build().apply();
 * // at shutdown, after the last run:
 * connections.close();
 * }</pre>
 *
 * <p>Thread-safe. A target's configuration is keyed by its host and credentials, so onboardings of
 * different targets share only the connection pool.
 */
public final class SharedConnections implements AutoCloseable {

  private final Transport transport;
  private final OkHttpTransport owned;
  private final SharedClients clients;

  private SharedConnections(Transport transport, OkHttpTransport owned) {
    this.transport = transport;
    this.owned = owned;
    this.clients = new SharedClients(transport);
  }

  /**
   * Returns connections over an OkHttp transport they own; {@link #close()} releases it.
   *
   * @return new shared connections
   */
  public static SharedConnections create() {
    OkHttpTransport okHttp = OkHttpTransport.create();
    return new SharedConnections(okHttp, okHttp);
  }

  /**
   * Returns connections over {@code transport}, which stays the caller's: {@link #close()} leaves it
   * open.
   *
   * @param transport the transport every onboarding that shares these connections uses
   * @return new shared connections
   */
  public static SharedConnections over(Transport transport) {
    return new SharedConnections(
        Objects.requireNonNull(transport, "over(transport) is null; allowed: a Transport, or create() for an OkHttp transport of its own"), null);
  }

  Transport transport() {
    return transport;
  }

  SharedClients clients() {
    return clients;
  }

  /** Releases the connection pool when these connections own it; call it after the last run that uses them. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  @Override
  public String toString() {
    return "SharedConnections[" + clients.resolvedTargets() + " resolved targets]";
  }
}
