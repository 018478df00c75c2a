package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON tree helpers over one shared mapper (created once per JVM: creating one costs more than a whole fake). */
final class Json {

  /** Never reconfigured after initialisation, so shared safely across fakes and threads. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses a request body; blank is an empty object; malformed JSON is the real 400 MALFORMED_REQUEST. */
  static JsonNode parseBody(String text) {
    if (text == null || text.isBlank()) {
      return object();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiError.platform(400, "MALFORMED_REQUEST",
          "Invalid JSON given in the body of the request - failed to parse JSON at line "
              + (e.getLocation() == null ? 1 : e.getLocation().getLineNr()));
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns a text field, or null when absent or JSON null. Numbers and booleans are returned as text. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
