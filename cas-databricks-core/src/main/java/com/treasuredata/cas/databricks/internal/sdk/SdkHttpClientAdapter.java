package com.treasuredata.cas.databricks.internal.sdk;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sends the Databricks SDK's own HTTP traffic (host metadata, OIDC discovery, the OAuth token
 * endpoint) through our {@link Transport}, so that the user agent, logging, the testkit's fake and
 * the host restriction apply to it too. Not API.
 *
 * <p>{@link HttpClient} is {@code @InternalApi} in the SDK, so this is the one class that touches
 * it; the SDK version is pinned and {@code SdkHttpClientAdapterTest} is its contract test. Requests
 * to any origin other than the configured host are refused with an {@link IOException}: a token
 * endpoint discovered elsewhere must never receive the client secret.
 */
public final class SdkHttpClientAdapter implements HttpClient {

  private final URI host;
  private final Transport transport;

  /**
   * Creates an adapter that only talks to {@code host}.
   *
   * @param host the validated {@code scheme://host[:port]}
   * @param transport the transport, already carrying user agent and logging interceptors
   */
  public SdkHttpClientAdapter(URI host, Transport transport) {
    this.host = Objects.requireNonNull(host, "host");
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  @Override
  public Response execute(Request in) throws IOException {
    URI uri = in.getUri();
    if (!sameOrigin(uri)) {
      throw new IOException(
          "refusing to send a Databricks SDK request to " + origin(uri) + ": only " + host + " is allowed");
    }
    TransportRequest request = TransportRequest.of(in.getMethod(), uri);
    for (Map.Entry<String, String> header : in.getHeaders().entrySet()) {
      if (header.getValue() != null) {
        request = request.withHeader(header.getKey(), header.getValue());
      }
    }
    Optional<String> body = body(in);
    if (body.isPresent()) {
      request = request.withBody(body.get());
    }
    TransportResponse out = transport.execute(request);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    out.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    // The stream constructor on purpose: the SDK's ApiClient logs a string body at DEBUG and redacts
    // only a few keys (not access_token); a stream body is logged as "<InputStream>".
    InputStream stream = new ByteArrayInputStream(out.body().getBytes(StandardCharsets.UTF_8));
    return new Response(in, uri.toURL(), out.status(), reason(out.status()), headers, stream);
  }

  private static Optional<String> body(Request in) throws IOException {
    if (in.isBodyString() && in.getBodyString() != null) {
      return Optional.of(in.getBodyString());
    }
    if (in.isBodyStreaming() && in.getBodyStream() != null) {
      try (InputStream stream = in.getBodyStream()) {
        return Optional.of(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private boolean sameOrigin(URI uri) {
    return host.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
        && host.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
        && effectivePort(host) == effectivePort(uri);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static String reason(int status) {
    // The SDK only reads the numeric code; a reason phrase keeps its debug output readable.
    return status < 300 ? "OK" : status < 400 ? "Redirect" : status < 500 ? "Client Error" : "Server Error";
  }
}
