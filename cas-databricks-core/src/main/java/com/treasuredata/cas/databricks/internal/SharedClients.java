package com.treasuredata.cas.databricks.internal;

import com.treasuredata.cas.databricks.internal.auth.ResolvedTarget;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportInterceptor;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What runs against the same account or workspace share: one resolved SDK configuration per
 * target (so an OAuth target fetches one token, which the SDK refreshes, instead of one per run),
 * and the transport whose connection pool every run uses. Keyed by what the target resolved to
 * (host, credentials, account id, source). Thread-safe. Not API.
 */
public final class SharedClients {

  private final Transport sdkTransport;
  private final Map<ResolvedTarget, TransportInterceptor> auth = new ConcurrentHashMap<>();

  /** @param sdkTransport carries the SDK's own traffic (metadata, token endpoint) for every target */
  public SharedClients(Transport sdkTransport) {
    this.sdkTransport = Objects.requireNonNull(sdkTransport, "sdkTransport");
  }

  /** Returns the transport for the SDK's own traffic. */
  Transport sdkTransport() {
    return sdkTransport;
  }

  /** Returns the auth interceptor for {@code target}, made once by {@code make}. */
  TransportInterceptor auth(ResolvedTarget target, Supplier<TransportInterceptor> make) {
    return auth.computeIfAbsent(target, t -> make.get());
  }

  /** Returns how many targets have a resolved configuration. */
  public int resolvedTargets() {
    return auth.size();
  }
}
