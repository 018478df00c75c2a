package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A handler's successful answer: status, JSON body (null for none) and extra headers. */
record Out(int status, JsonNode body, Map<String, String> headers) {

  static Out ok(JsonNode body) {
    return new Out(200, body, Map.of());
  }

  static Out created(JsonNode body) {
    return new Out(201, body, Map.of());
  }

  static Out empty() {
    return new Out(200, Json.object(), Map.of());
  }

  static Out noContent() {
    return new Out(204, null, Map.of());
  }
}
