package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.transport.TransportInterceptor;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the HTTP requests that reach the transport (retries included) and the writes among them
 * (anything but GET), and remembers the {@code X-Databricks-Org-Id} (the workspace id) each host
 * reports, so the account assignment needs no extra request. Thread-safe. Not API.
 */
public final class RequestCounter implements TransportInterceptor {

  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final Map<String, String> orgIds = new ConcurrentHashMap<>();

  @Override
  public TransportResponse intercept(Chain chain) throws IOException {
    TransportRequest request = chain.request();
    requests.incrementAndGet();
    if (!"GET".equals(request.method())) {
      writes.incrementAndGet();
    }
    TransportResponse response = chain.proceed(request);
    response.header("X-Databricks-Org-Id").ifPresent(id -> orgIds.put(authority(request.uri()), id.trim()));
    return response;
  }

  /** Returns the number of requests sent so far. */
  public int requests() {
    return requests.get();
  }

  /** Returns the number of non-GET requests sent so far. */
  public int writes() {
    return writes.get();
  }

  /** Returns the workspace id reported by {@code host}, if a response from it carried one. */
  public Optional<Long> orgId(URI host) {
    String id = orgIds.get(authority(host));
    if (id == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String authority(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }
}
