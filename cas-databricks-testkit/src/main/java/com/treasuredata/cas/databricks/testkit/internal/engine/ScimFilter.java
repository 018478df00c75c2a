package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A SCIM filter: {@code attr op value} with {@code eq ne co sw ew pr}, combined with {@code and}
 * (binds tighter) and {@code or}, parentheses allowed. Values may be double-quoted, single-quoted
 * or bare, as the official clients send all three. String comparison ignores case except for
 * {@code id}.
 */
final class ScimFilter implements Predicate<ObjectNode> {

  private final Predicate<ObjectNode> predicate;
  /** Set when the whole filter is one {@code attr eq value}: lets a list skip candidates before building their JSON. */
  private final String eqAttribute;
  private final String eqValue;

  private ScimFilter(Predicate<ObjectNode> predicate, String eqAttribute, String eqValue) {
    this.predicate = predicate;
    this.eqAttribute = eqAttribute;
    this.eqValue = eqValue;
  }

  @Override
  public boolean test(ObjectNode node) {
    return predicate.test(node);
  }

  /** The value of a filter that is one {@code attr eq value}, lower-cased unless the attribute is {@code id}; or null. */
  String equalityValue() {
    return eqValue;
  }

  /** The attribute of a filter that is one {@code attr eq value}, or null. */
  String equalityAttribute() {
    return eqAttribute;
  }

  /**
   * Returns false only when {@code actual}, the value of {@code attribute}, proves that no object
   * can match: the filter is a single {@code eq} on that attribute and the value differs. A cheap
   * pre-check on the model; {@link #test} still decides.
   */
  boolean mayMatch(String attribute, String actual) {
    if (eqAttribute == null || !eqAttribute.equalsIgnoreCase(attribute)) {
      return true;
    }
    return Parser.norm(actual == null ? "" : actual, attribute.equalsIgnoreCase("id")).equals(eqValue);
  }

  /** Parses {@code text}; a malformed filter is the SCIM 400 {@code invalidFilter}. */
  static ScimFilter parse(String text) {
    Parser p = new Parser(text);
    Predicate<ObjectNode> pred = p.or();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw invalid(text);
    }
    boolean single = p.factors == 1 && p.eqAttribute != null && !p.combined;
    return new ScimFilter(pred, single ? p.eqAttribute : null, single ? p.eqValue : null);
  }

  static ApiError invalid(String text) {
    return ApiError.scim(400, "invalidFilter", "Invalid filter: " + text);
  }

  /** Returns the attribute value as text (case-insensitive name; {@code a.b} walks objects), or "". */
  static String attribute(ObjectNode node, String name) {
    JsonNode cur = node;
    for (String part : name.split("\\.")) {
      cur = field(cur, part);
      if (cur == null) {
        return "";
      }
    }
    if (cur.isArray()) {
      return cur.isEmpty() ? "" : cur.get(0).isObject() ? cur.get(0).path("value").asText() : cur.get(0).asText();
    }
    return cur.isValueNode() ? cur.asText() : cur.toString();
  }

  private static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      if (f.getKey().equalsIgnoreCase(name)) {
        return f.getValue();
      }
    }
    return null;
  }

  private static final class Parser {
    final String text;
    int pos;
    int factors;
    boolean combined;
    String eqAttribute;
    String eqValue;

    Parser(String text) {
      this.text = text;
    }

    Predicate<ObjectNode> or() {
      Predicate<ObjectNode> left = and();
      while (keyword("or")) {
        combined = true;
        Predicate<ObjectNode> right = and();
        Predicate<ObjectNode> l = left;
        left = n -> l.test(n) || right.test(n);
      }
      return left;
    }

    Predicate<ObjectNode> and() {
      Predicate<ObjectNode> left = factor();
      while (keyword("and")) {
        Predicate<ObjectNode> right = factor();
        Predicate<ObjectNode> l = left;
        left = n -> l.test(n) && right.test(n);
      }
      return left;
    }

    Predicate<ObjectNode> factor() {
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '(') {
        pos++;
        Predicate<ObjectNode> inner = or();
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != ')') {
          throw invalid(text);
        }
        pos++;
        return inner;
      }
      if (keyword("not")) {
        combined = true;
        Predicate<ObjectNode> inner = factor();
        return inner.negate();
      }
      String attr = word();
      if (attr.isEmpty()) {
        throw invalid(text);
      }
      String op = word().toLowerCase(Locale.ROOT);
      if (op.equals("pr")) {
        return n -> !attribute(n, attr).isEmpty();
      }
      String value = value();
      boolean exact = attr.equalsIgnoreCase("id");
      String v = exact ? value : value.toLowerCase(Locale.ROOT);
      factors++;
      if (op.equals("eq")) {
        eqAttribute = attr;
        eqValue = v;
      }
      switch (op) {
        case "eq":
          return n -> norm(attribute(n, attr), exact).equals(v);
        case "ne":
          return n -> !norm(attribute(n, attr), exact).equals(v);
        case "co":
          return n -> norm(attribute(n, attr), exact).contains(v);
        case "sw":
          return n -> norm(attribute(n, attr), exact).startsWith(v);
        case "ew":
          return n -> norm(attribute(n, attr), exact).endsWith(v);
        default:
          throw invalid(text);
      }
    }

    static String norm(String s, boolean exact) {
      return exact ? s : s.toLowerCase(Locale.ROOT);
    }

    boolean keyword(String kw) {
      skipSpace();
      int end = pos + kw.length();
      if (end <= text.length() && text.regionMatches(true, pos, kw, 0, kw.length())
          && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
        pos = end;
        return true;
      }
      return false;
    }

    String word() {
      skipSpace();
      int start = pos;
      while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ')'
          && text.charAt(pos) != '(') {
        pos++;
      }
      return text.substring(start, pos);
    }

    String value() {
      skipSpace();
      if (pos >= text.length()) {
        throw invalid(text);
      }
      char c = text.charAt(pos);
      if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length() && text.charAt(pos) != c) {
          if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
            pos++;
          }
          sb.append(text.charAt(pos++));
        }
        if (pos >= text.length()) {
          throw invalid(text);
        }
        pos++;
        return sb.toString();
      }
      String w = word();
      if (w.isEmpty()) {
        throw invalid(text);
      }
      return w;
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }
  }
}
