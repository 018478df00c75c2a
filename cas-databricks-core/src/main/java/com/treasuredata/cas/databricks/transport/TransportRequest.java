package com.treasuredata.cas.databricks.transport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One HTTP request: method, absolute URI, headers and an optional text body (JSON or form).
 *
 * <p>Header names are case-insensitive. {@link #toString()} never prints the body nor the value of
 * {@code Authorization} and other credential headers. Withers return copies.
 *
 * @param method upper-case HTTP method
 * @param uri absolute URI including the query
 * @param headers header values by name (case-insensitive)
 * @param body the body, absent for GET and DELETE
 */
public record TransportRequest(String method, URI uri, Map<String, String> headers, Optional<String> body) {

  private static final Set<String> REDACTED = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  /**
   * Validates the parts, upper-cases the method and copies the headers (case-insensitive).
   *
   * @param method the HTTP method, any case
   * @param uri the absolute URI
   * @param headers header values by name
   * @param body the body, absent for GET and DELETE
   * @throws IllegalArgumentException if {@code uri} is not absolute
   */
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("uri must be absolute, was " + uri);
    }
    method = method.toUpperCase(Locale.ROOT);
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Creates a request with no headers and no body.
   *
   * @param method the HTTP method, any case
   * @param uri the absolute URI
   * @return the request
   */
  public static TransportRequest of(String method, URI uri) {
    return new TransportRequest(method, uri, Map.of(), Optional.empty());
  }

  /**
   * Creates a GET request.
   *
   * @param uri the absolute URI
   * @return the request
   */
  public static TransportRequest get(URI uri) {
    return of("GET", uri);
  }

  /**
   * Returns the value of header {@code name} (case-insensitive), if present.
   *
   * @param name the header name
   * @return its value, if set
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * Returns a copy with header {@code name} set to {@code value}.
   *
   * @param name the header name
   * @param value its value
   * @return the new request
   */
  public TransportRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    copy.put(name, value);
    return new TransportRequest(method, uri, copy, body);
  }

  /**
   * Returns a copy without header {@code name}.
   *
   * @param name the header name
   * @return the new request
   */
  public TransportRequest withoutHeader(String name) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    return new TransportRequest(method, uri, copy, body);
  }

  /**
   * Returns a copy with a JSON body and {@code Content-Type: application/json}.
   *
   * @param json the JSON text
   * @return the new request
   */
  public TransportRequest withJsonBody(String json) {
    return new TransportRequest(method, uri, headers, Optional.of(json)).withHeader("Content-Type", "application/json");
  }

  /**
   * Returns a copy with {@code body} as is.
   *
   * @param body the body
   * @return the new request
   */
  public TransportRequest withBody(String body) {
    return new TransportRequest(method, uri, headers, Optional.of(body));
  }

  /**
   * Returns the path of the URI, without the query.
   *
   * @return the raw path
   */
  public String path() {
    return uri.getRawPath();
  }

  /** Prints method, URI and header names; credential header values and the body are never printed. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("TransportRequest[").append(method).append(' ').append(uri).append(", headers={");
    String sep = "";
    for (Map.Entry<String, String> e : headers.entrySet()) {
      boolean redact = REDACTED.contains(e.getKey().toLowerCase(Locale.ROOT));
      out.append(sep).append(e.getKey()).append('=').append(redact ? "██" : e.getValue());
      sep = ", ";
    }
    return out.append("}, body=").append(body.isPresent() ? body.get().length() + " chars" : "none").append(']').toString();
  }
}
