package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What every SCIM resource shares: list paging, filters, sorting, attribute projection and value parsing. */
final class ScimSupport {

  static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  private ScimSupport() {}

  /**
   * Answers a list request over {@code all} (already JSON): {@code filter}, {@code sortBy}/{@code sortOrder},
   * {@code startIndex}/{@code count} (clamped to the page size switch) and attribute projection.
   */
  /** Returns the request's parsed filter, or null when it has none; a malformed one is the SCIM 400. */
  static ScimFilter filter(Req r) {
    String filter = r.q("filter");
    return filter == null || filter.isBlank() ? null : ScimFilter.parse(filter);
  }

  static Out list(Engine e, Req r, List<ObjectNode> all) {
    return list(e, r, all, filter(r));
  }

  /** As {@link #list(Engine, Req, List)}, with the request's filter already parsed ({@code filter}, null for none). */
  static Out list(Engine e, Req r, List<ObjectNode> all, ScimFilter filter) {
    List<ObjectNode> items = new ArrayList<>(e.listOrder(all, n -> n.path("id").asText()));
    if (filter != null) {
      items.removeIf(n -> !filter.test(n));
    }
    String sortBy = r.q("sortBy");
    if (sortBy != null && !sortBy.isBlank()) {
      Comparator<ObjectNode> cmp = Comparator.comparing(n -> ScimFilter.attribute(n, sortBy), String.CASE_INSENSITIVE_ORDER);
      if ("descending".equalsIgnoreCase(r.q("sortOrder"))) {
        cmp = cmp.reversed();
      }
      items.sort(cmp);
    }
    int start = Math.max(1, parseInt(r.q("startIndex"), 1, "startIndex"));
    int count = parseInt(r.q("count"), e.behaviours.scimMaxPageSize(), "count");
    count = Math.max(0, Math.min(count, e.behaviours.scimMaxPageSize()));
    ObjectNode out = Json.object();
    out.putArray("schemas").add(LIST_SCHEMA);
    out.put("totalResults", items.size());
    out.put("startIndex", start);
    ArrayNode resources = Json.array();
    for (int i = start - 1; i < items.size() && resources.size() < count; i++) {
      resources.add(project(items.get(i), r));
    }
    out.put("itemsPerPage", resources.size());
    out.set("Resources", resources);
    return Out.ok(out);
  }

  /** Account paths name the account: another account's id is refused as the real API refuses a non-admin. */
  static void checkAccount(Engine e, Req r) {
    if (!r.var(0).equals(e.account.accountId)) {
      throw Accounts.notYourAccount(e, r, true);
    }
  }

  /** Parses a numeric SCIM id; anything else is simply not found, as on the real API. */
  static long parseId(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException ignored) {
      return -1;
    }
  }

  static int parseInt(String v, int dflt, String name) {
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException ex) {
      throw ApiError.scim(400, "invalidValue", "Invalid " + name + ": " + v);
    }
  }

  /** Accepts {@code true}, {@code "false"} and Terraform's {@code [{"value":"false"}]}. */
  static boolean bool(JsonNode v) {
    String s = scalar(v);
    if ("true".equalsIgnoreCase(s)) {
      return true;
    }
    if ("false".equalsIgnoreCase(s)) {
      return false;
    }
    throw ApiError.scim(400, "invalidValue", "Invalid boolean value: " + v);
  }

  static String scalar(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      return v.isEmpty() ? null : scalar(v.get(0));
    }
    if (v.isObject()) {
      return scalar(v.get("value"));
    }
    return v.asText();
  }

  static List<String> values(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      for (JsonNode item : v) {
        String s = scalar(item);
        if (s != null && !out.contains(s)) {
          out.add(s);
        }
      }
    } else {
      String s = scalar(v);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** Adds {@code [{"value": v}, ...]} under {@code field} when {@code values} is not empty. */
  static void valueList(ObjectNode n, String field, Iterable<String> values) {
    ArrayNode arr = Json.array();
    values.forEach(v -> arr.addObject().put("value", v));
    if (!arr.isEmpty()) {
      n.set(field, arr);
    }
  }

  /** Applies {@code attributes} / {@code excludedAttributes}; {@code id} and {@code schemas} always stay. */
  static ObjectNode project(ObjectNode n, Req r) {
    String attributes = r.q("attributes");
    String excluded = r.q("excludedAttributes");
    if ((attributes == null || attributes.isBlank()) && (excluded == null || excluded.isBlank())) {
      return n;
    }
    ObjectNode out = n.deepCopy();
    if (attributes != null && !attributes.isBlank()) {
      Set<String> keep = lowerSet(attributes);
      keep.add("id");
      keep.add("schemas");
      // the real API answers applicationId whatever attributes asks for, and clients rely on it
      keep.add("applicationid");
      out.retain(matching(out, keep));
    }
    if (excluded != null && !excluded.isBlank()) {
      Set<String> drop = lowerSet(excluded);
      drop.remove("id");
      drop.remove("schemas");
      out.remove(matching(out, drop));
    }
    return out;
  }

  private static Set<String> lowerSet(String csv) {
    Set<String> out = new HashSet<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static List<String> matching(ObjectNode n, Set<String> lowerNames) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(f -> {
      if (lowerNames.contains(f.toLowerCase(Locale.ROOT))) {
        out.add(f);
      }
    });
    return out;
  }

  /** The PatchOp operations of a PATCH body; a body without them is 400. */
  static JsonNode operations(Req r) {
    JsonNode ops = r.body().get("Operations");
    if (ops == null || !ops.isArray()) {
      throw ApiError.scim(400, "invalidSyntax", "Operations is required.");
    }
    return ops;
  }
}
