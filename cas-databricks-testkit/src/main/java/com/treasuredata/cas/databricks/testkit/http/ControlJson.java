package com.treasuredata.cas.databricks.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Field readers for control bodies: each bad value is a {@link BadControlException} naming it. */
final class ControlJson {

  private ControlJson() {}

  /** A control request with a bad value; answered 400. */
  static final class BadControlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadControlException(String message) {
      super(message);
    }
  }

  static void requireObject(JsonNode body, String control) {
    if (!body.isObject()) {
      throw new BadControlException(control + " needs a JSON object, was " + body.getNodeType());
    }
  }

  static Optional<String> text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new BadControlException("\"" + field + "\" must be a string, was " + node);
    }
    return Optional.of(node.asText());
  }

  static int intField(JsonNode body, String field, int min, int max) {
    return optionalLong(body, field, min, max).orElseThrow(() -> new BadControlException(
        "\"" + field + "\" is required: a whole number in " + min + ".." + max)).intValue();
  }

  static Optional<Long> optionalLong(JsonNode body, String field, long min, long max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new BadControlException("\"" + field + "\" must be a whole number in " + min + ".." + max + ", was " + node);
    }
    long value = node.asLong();
    if (value < min || value > max) {
      throw new BadControlException("\"" + field + "\" must be in " + min + ".." + max + ", was " + value);
    }
    return Optional.of(value);
  }
}
