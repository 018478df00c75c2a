package com.treasuredata.cas.databricks.testkit;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request as the fake's front ends hand it to {@link FakeDatabricks#handle(FakeRequest)}.
 *
 * <p>Header names are case-insensitive. {@link #toString()} never prints the body nor credential
 * header values.
 *
 * @param method HTTP method, upper-cased
 * @param path raw path without the query, e.g. {@code /api/2.0/ip-access-lists}
 * @param rawQuery raw query without {@code ?}; may be null when there is none
 * @param headers header values by name (case-insensitive)
 * @param body request body, {@code ""} if none
 * @param remoteAddress the caller's IP address (checked against IP access lists)
 * @param targetHost {@code scheme://host[:port]} the client addressed; selects the workspace
 */
public record FakeRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, String> headers,
    String body,
    String remoteAddress,
    String targetHost) {

  /**
   * Checks the components.
   *
   * @param body the body
   * @param headers the headers
   * @param method the method
   * @param path the path
   * @param rawQuery the raw query
   * @param remoteAddress the remote address
   * @param targetHost the target host
   */
  public FakeRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(targetHost, "targetHost");
    method = method.toUpperCase(Locale.ROOT);
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the value of header {@code name} (case-insensitive), or null.
   *
   * @param name the name
   * @return the value of header {@code name} (case-insensitive), or null
   */
  public String header(String name) {
    return headers.get(name);
  }

  @Override
  public String toString() {
    return "FakeRequest[" + method + ' ' + path + (rawQuery == null ? "" : "?" + rawQuery) + ", host=" + targetHost
        + ", from=" + remoteAddress + ", headers=" + headers.keySet() + ", body=" + body.length() + " chars]";
  }
}
