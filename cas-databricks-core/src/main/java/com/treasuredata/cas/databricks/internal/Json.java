package com.treasuredata.cas.databricks.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers over one immutable-configured {@link ObjectMapper}. Not API. */
public final class Json {

  /** Thread-safe once configured; never reconfigured after this initializer. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** Returns a new empty JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Returns a new empty JSON array. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * Parses {@code text}; an empty or blank text is an empty object.
   *
   * @throws IllegalArgumentException if {@code text} is not JSON; the message gives only its length
   */
  public static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return object();
    }
    try {
      return MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON (" + text.length() + " chars)", e);
    }
  }

  /** Returns {@code node} as compact JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
