package com.treasuredata.cas.databricks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/** Test helper: plain JSON requests through the fake's in-process transport. */
final class Api {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final FakeDatabricks fake;
  private final URI host;
  private final Secret token;

  private Api(FakeDatabricks fake, URI host, Secret token) {
    this.fake = fake;
    this.host = host;
    this.token = token;
  }

  static Api workspace(FakeDatabricks fake) {
    return new Api(fake, fake.workspaceHost(), fake.adminToken());
  }

  static Api account(FakeDatabricks fake) {
    return new Api(fake, fake.accountHost(), fake.adminToken());
  }

  Api as(Secret other) {
    return new Api(fake, host, other);
  }

  Api at(URI otherHost) {
    return new Api(fake, otherHost, token);
  }

  Api anonymous() {
    return new Api(fake, host, null);
  }

  String accountPath(String rest) {
    return "/api/2.0/accounts/" + fake.accountId() + rest;
  }

  Resp get(String pathAndQuery) {
    return send("GET", pathAndQuery, null);
  }

  Resp post(String path, String json) {
    return send("POST", path, json);
  }

  Resp put(String path, String json) {
    return send("PUT", path, json);
  }

  Resp patch(String path, String json) {
    return send("PATCH", path, json);
  }

  Resp delete(String path) {
    return send("DELETE", path, null);
  }

  Resp send(String method, String pathAndQuery, String json) {
    try {
      return sendOrThrow(method, pathAndQuery, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Resp sendOrThrow(String method, String pathAndQuery, String json) throws IOException {
    TransportRequest request = TransportRequest.of(method, URI.create(host + pathAndQuery));
    if (token != null) {
      request = request.withHeader("Authorization", "Bearer " + token.reveal());
    }
    if (json != null) {
      request = request.withJsonBody(json);
    }
    TransportResponse response = fake.transport().execute(request);
    return new Resp(response.status(), response.headers(), response.body());
  }

  /** Builds JSON from alternating keys and values, e.g. {@code json("a", 1, "b", "x")}. */
  static String json(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    try {
      return MAPPER.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Resp(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String text(String pointer) {
      return json().at(pointer).asText();
    }

    String errorCode() {
      return json().path("error_code").asText();
    }

    String message() {
      return json().path("message").asText();
    }
  }
}
