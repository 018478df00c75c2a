package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request while a handler runs: the raw request, path variables, query, caller, workspace and time. */
final class Req {

  final FakeRequest raw;
  final String[] vars;
  final Caller caller;
  final Model.Workspace ws;
  final long now;
  private Map<String, String> query;
  private JsonNode body;

  Req(FakeRequest raw, String[] vars, Caller caller, Model.Workspace ws, long now) {
    this.raw = raw;
    this.vars = vars;
    this.caller = caller;
    this.ws = ws;
    this.now = now;
  }

  String var(int i) {
    return vars[i];
  }

  /** Returns the parsed body; a malformed body throws the real 400. */
  JsonNode body() {
    if (body == null) {
      body = Json.parseBody(raw.body());
    }
    return body;
  }

  /** Returns query parameter {@code name} (first value, decoded), or null. */
  String q(String name) {
    return query().get(name);
  }

  Map<String, String> query() {
    if (query == null) {
      query = parseForm(raw.rawQuery());
    }
    return query;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s; // taken literally, as a lenient server would
    }
  }

  /** Parses {@code a=b&c=d} (query strings and form bodies); {@code +} is a space. */
  static Map<String, String> parseForm(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(decode(k), decode(v));
    }
    return out;
  }
}
