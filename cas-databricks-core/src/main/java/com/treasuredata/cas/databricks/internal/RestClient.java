package com.treasuredata.cas.databricks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link ApiCaller}: builds a {@link TransportRequest}, sends it through a transport
 * that already carries the auth, user-agent and logging interceptors, and maps errors.
 */
public final class RestClient implements ApiCaller {

  private final URI host;
  private final Transport transport;

  public RestClient(URI host, Transport transport) {
    this.host = Objects.requireNonNull(host, "host");
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  @Override
  public URI host() {
    return host;
  }

  @Override
  public JsonNode call(ApiRequest request) {
    TransportRequest wire = toWire(request);
    TransportResponse response;
    try {
      response = transport.execute(wire);
    } catch (IOException e) {
      throw new OnboardingTransportException(
          request.step() + ": " + request.method() + " " + request.path() + " got no response (" + e.getClass().getSimpleName() + ")",
          request.safety().isWrite(),
          e);
    }
    if (!response.isSuccessful()) {
      throw ErrorMapper.map(request, response);
    }
    return Json.parse(response.body());
  }

  TransportRequest toWire(ApiRequest request) {
    StringBuilder uri = new StringBuilder(host.toString());
    if (uri.charAt(uri.length() - 1) == '/') {
      uri.setLength(uri.length() - 1);
    }
    uri.append(encodePath(request.path()));
    String sep = "?";
    for (Map.Entry<String, String> q : request.query().entrySet()) {
      uri.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
      sep = "&";
    }
    TransportRequest wire = TransportRequest.of(request.method(), URI.create(uri.toString()));
    if (request.body().isPresent()) {
      wire = wire.withJsonBody(Json.write(request.body().get()));
    }
    return wire;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0 || path.startsWith("/")) {
        out.append('/');
      }
      out.append(encode(segment));
    }
    // split on a leading "/" yields an empty first segment: drop the duplicate slash
    String encoded = out.toString();
    return encoded.startsWith("//") ? encoded.substring(1) : encoded;
  }

  /** Keeps CasApiException construction in one place. */
  static CasApiException apiError(ApiRequest request, int status, String code, String message, String requestId) {
    return new CasApiException(message, status, code, requestId, request.step(), request.method(), request.path());
  }
}
