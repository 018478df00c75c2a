package com.treasuredata.cas.databricks.testkit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.ConnectionFault;
import com.treasuredata.cas.databricks.testkit.ConsistencyDelay;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.FaultRuleState;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.RateLimitRule;
import com.treasuredata.cas.databricks.testkit.Snapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the {@code /__fake/} test controls: JSON in, JSON out, no token, not journaled.
 *
 * <p>Every control maps onto the fake's Java API, so the HTTP and Java views cannot disagree. A bad
 * request answers 400 {@code {"error_code":"INVALID_PARAMETER_VALUE","message":...}} naming the bad
 * value; an unknown control answers 404 listing the known ones.
 */
final class ControlApi {

  /** A control's answer. */
  record Reply(int status, String body) {}

  private static final String PREFIX = "/__fake/";
  private static final List<String> ROUTES = List.of(
      "GET /__fake/faults", "POST /__fake/faults", "DELETE /__fake/faults", "DELETE /__fake/faults/{id}",
      "GET /__fake/clock", "POST /__fake/clock/advance", "GET /__fake/journal", "DELETE /__fake/journal",
      "POST /__fake/reset", "GET /__fake/eventual-consistency", "POST /__fake/eventual-consistency",
      "GET /__fake/rate-limits", "POST /__fake/rate-limits", "DELETE /__fake/rate-limits",
      "DELETE /__fake/rate-limits/{id}", "GET /__fake/caller-address", "POST /__fake/caller-address",
      "DELETE /__fake/caller-address", "GET /__fake/state", "POST /__fake/snapshots",
      "POST /__fake/snapshots/{name}/restore");

  private final FakeDatabricksServer server;
  private final FakeDatabricks fake;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Snapshot> snapshots = new java.util.concurrent.ConcurrentHashMap<>();

  ControlApi(FakeDatabricksServer server) {
    this.server = server;
    this.fake = server.fake();
  }

  /** A control request with a bad value; answered 400. */
  private static final class BadControlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadControlException(String message) {
      super(message);
    }
  }

  Reply handle(HttpRequestReader.ParsedRequest request, String socketAddress) {
    String method = request.method();
    String control = request.path().substring(PREFIX.length());
    try {
      JsonNode body = parse(request.body());
      switch (control) {
        case "faults":
          switch (method) {
            case "GET": return ok(faults());
            case "POST": return ok(ruleJson(fake.faults().add(rule(body)), 0, 0));
            case "DELETE": fake.faults().clear(); return ok(json.createObjectNode());
            default: return methodNotAllowed(method, control);
          }
        case "clock":
          return method.equals("GET") ? ok(clock()) : methodNotAllowed(method, control);
        case "clock/advance":
          if (!method.equals("POST")) {
            return methodNotAllowed(method, control);
          }
          fake.clock().advance(duration(body, "clock/advance"));
          return ok(clock());
        case "journal":
          switch (method) {
            case "GET": return ok(journal());
            case "DELETE": fake.journal().clear(); return ok(json.createObjectNode());
            default: return methodNotAllowed(method, control);
          }
        case "reset":
          if (!method.equals("POST")) {
            return methodNotAllowed(method, control);
          }
          fake.reset();
          server.clearCallerAddress();
          return ok(json.createObjectNode());
        case "eventual-consistency":
          switch (method) {
            case "GET": return ok(consistency());
            case "POST": fake.consistency(consistencyDelay(body)); return ok(consistency());
            default: return methodNotAllowed(method, control);
          }
        case "rate-limits":
          switch (method) {
            case "GET": return ok(rateLimits());
            case "POST": return ok(rateLimitJson(fake.rateLimits().add(rateLimit(body))));
            case "DELETE": fake.rateLimits().clear(); return ok(json.createObjectNode());
            default: return methodNotAllowed(method, control);
          }
        case "state":
          return method.equals("GET") ? ok(StateJson.dump(json, fake)) : methodNotAllowed(method, control);
        case "snapshots":
          if (!method.equals("POST")) {
            return methodNotAllowed(method, control);
          }
          return ok(takeSnapshot(body));
        case "caller-address":
          switch (method) {
            case "GET": return ok(callerAddress(socketAddress));
            case "POST": setCallerAddress(body); return ok(callerAddress(socketAddress));
            case "DELETE": server.clearCallerAddress(); return ok(callerAddress(socketAddress));
            default: return methodNotAllowed(method, control);
          }
        default:
          if (control.startsWith("faults/") && method.equals("DELETE")) {
            String id = control.substring("faults/".length());
            if (!fake.faults().remove(id)) {
              return error(404, "RESOURCE_DOES_NOT_EXIST", "no fault rule with id '" + id + "'");
            }
            return ok(json.createObjectNode());
          }
          if (control.startsWith("rate-limits/") && method.equals("DELETE")) {
            String id = control.substring("rate-limits/".length());
            if (!fake.rateLimits().remove(id)) {
              return error(404, "RESOURCE_DOES_NOT_EXIST", "no rate limit with id '" + id + "'");
            }
            return ok(json.createObjectNode());
          }
          if (control.startsWith("snapshots/") && control.endsWith("/restore") && method.equals("POST")) {
            String name = control.substring("snapshots/".length(), control.length() - "/restore".length());
            Snapshot snapshot = snapshots.get(name);
            if (snapshot == null) {
              return error(404, "RESOURCE_DOES_NOT_EXIST", "no snapshot named '" + name + "'; taken: "
                  + new java.util.TreeSet<>(snapshots.keySet()));
            }
            fake.restore(snapshot);
            return ok(json.createObjectNode().put("name", name).put("taken_at", snapshot.takenAt().toString()));
          }
          return error(404, "ENDPOINT_NOT_FOUND",
              "no test control " + method + " " + request.path() + "; known: " + String.join(", ", ROUTES));
      }
    } catch (BadControlException | IllegalArgumentException e) {
      return error(400, "INVALID_PARAMETER_VALUE", e.getMessage());
    }
  }

  // ---- faults ----------------------------------------------------------------------------------

  private ObjectNode faults() {
    ObjectNode out = json.createObjectNode();
    ArrayNode rules = out.putArray("rules");
    ArrayNode unfired = out.putArray("unfired");
    for (FaultRuleState state : fake.faults().states()) {
      rules.add(ruleJson(state.rule(), state.matched(), state.fired()));
      if (state.fired() == 0) {
        unfired.add(state.rule().id());
      }
    }
    return out;
  }

  private ObjectNode ruleJson(FaultRule rule, int matched, int fired) {
    ObjectNode out = json.createObjectNode();
    out.put("id", rule.id());
    out.put("method", rule.method());
    out.put("path", rule.path());
    rule.principal().ifPresent(p -> out.put("principal", p));
    out.put("offset", rule.offset());
    out.put("count", rule.count());
    Fault fault = rule.fault();
    out.put("kind", kindName(fault));
    if (fault.kind() == Fault.Kind.STATUS || fault.kind() == Fault.Kind.AFTER_HANDLER) {
      out.put("status", fault.status());
      out.put("body", fault.body());
    }
    if (!fault.headers().isEmpty()) {
      ObjectNode headers = out.putObject("headers");
      fault.headers().forEach(headers::put);
    }
    if (fault.kind() == Fault.Kind.LATENCY) {
      out.put("latency_ms", fault.latency().toMillis());
    }
    out.put("matched", matched);
    out.put("fired", fired);
    return out;
  }

  private static String kindName(Fault fault) {
    switch (fault.kind()) {
      case STATUS: return "status";
      case AFTER_HANDLER: return "after_handler";
      case LATENCY: return "latency";
      case CONNECTION: return fault.connection().orElseThrow() == ConnectionFault.RESET ? "reset" : "stall";
      default: return fault.connection().orElseThrow() == ConnectionFault.RESET
          ? "reset_after_handler" : "stall_after_handler";
    }
  }

  /** Reads a rule; see docs/testkit.md for the fields. */
  private FaultRule rule(JsonNode body) {
    requireObject(body, "faults");
    String method = text(body, "method").orElse("*");
    String path = text(body, "path").orElseThrow(() -> new BadControlException(
        "a fault rule needs \"path\", a glob such as \"/api/2.0/token/*\""));
    String kind = text(body, "kind").orElse(body.has("status") ? "status" : "");
    Fault fault;
    switch (kind) {
      case "status":
        fault = Fault.status(intField(body, "status", 100, 599), text(body, "body").orElse(defaultBody(body)),
            headers(body));
        break;
      case "too_many_requests":
        fault = Fault.tooManyRequests(Duration.ofSeconds(optionalLong(body, "retry_after_seconds", 0, 86_400).orElse(1L)));
        break;
      case "after_handler":
        int status = intField(body, "status", 100, 599);
        fault = text(body, "body").map(b -> Fault.afterHandler(status, b)).orElseGet(() -> Fault.afterHandler(status));
        break;
      case "latency":
        fault = Fault.latency(Duration.ofMillis(optionalLong(body, "latency_ms", 0, 600_000).orElseThrow(
            () -> new BadControlException("a latency fault needs \"latency_ms\" (0..600000)"))));
        break;
      case "reset": fault = Fault.connection(ConnectionFault.RESET); break;
      case "stall": fault = Fault.connection(ConnectionFault.STALL); break;
      case "reset_after_handler": fault = Fault.connectionAfterHandler(ConnectionFault.RESET); break;
      case "stall_after_handler": fault = Fault.connectionAfterHandler(ConnectionFault.STALL); break;
      default:
        throw new BadControlException("fault \"kind\" must be one of status, too_many_requests, after_handler, "
            + "latency, reset, stall, reset_after_handler, stall_after_handler; was '" + kind + "'");
    }
    FaultRule rule = FaultRule.on(method, path, fault)
        .withOffset(optionalLong(body, "offset", 0, Integer.MAX_VALUE).orElse(0L).intValue());
    JsonNode count = body.get("count");
    if (count != null && count.isTextual() && count.asText().equals("always")) {
      rule = rule.always();
    } else if (count != null) {
      rule = rule.withCount(optionalLong(body, "count", -1, Integer.MAX_VALUE).orElseThrow().intValue());
    }
    Optional<String> id = text(body, "id");
    if (id.isPresent()) {
      rule = rule.withId(id.get());
    }
    Optional<String> principal = text(body, "principal");
    if (principal.isPresent()) {
      rule = rule.withPrincipal(principal.get());
    }
    return rule;
  }

  private static String defaultBody(JsonNode body) {
    int status = body.path("status").asInt();
    return Fault.status(status).body();
  }

  private Map<String, String> headers(JsonNode body) {
    JsonNode headers = body.get("headers");
    if (headers == null || headers.isNull()) {
      return Map.of();
    }
    if (!headers.isObject()) {
      throw new BadControlException("\"headers\" must be an object of strings, was " + headers);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      if (!header.getValue().isValueNode()) {
        throw new BadControlException("header \"" + header.getKey() + "\" must be a string, was " + header.getValue());
      }
      out.put(header.getKey(), header.getValue().asText());
    }
    return out;
  }

  // ---- eventual consistency, rate limits, snapshots ------------------------------------------------

  private ObjectNode consistency() {
    ConsistencyDelay delay = fake.consistency();
    ObjectNode out = json.createObjectNode();
    out.put("reads", delay.reads());
    out.put("millis", delay.duration().toMillis());
    return out;
  }

  private ConsistencyDelay consistencyDelay(JsonNode body) {
    requireObject(body, "eventual-consistency");
    int reads = optionalLong(body, "reads", 0, Integer.MAX_VALUE).orElse(0L).intValue();
    long seconds = optionalLong(body, "seconds", 0, Long.MAX_VALUE / 1000).orElse(0L);
    long millis = optionalLong(body, "millis", 0, Long.MAX_VALUE).orElse(0L);
    return new ConsistencyDelay(reads, Duration.ofSeconds(seconds).plusMillis(millis));
  }

  private RateLimitRule rateLimit(JsonNode body) {
    requireObject(body, "rate-limits");
    String method = text(body, "method").orElse("*");
    String path = text(body, "path").orElseThrow(() -> new BadControlException(
        "a rate limit needs \"path\", a glob such as \"/api/2.0/token-management/*\""));
    int budget = intField(body, "budget", 1, Integer.MAX_VALUE);
    long seconds = optionalLong(body, "window_seconds", 0, 86_400L * 366).orElse(0L);
    long millis = optionalLong(body, "window_millis", 0, Long.MAX_VALUE).orElse(0L);
    if (seconds == 0 && millis == 0) {
      throw new BadControlException("a rate limit needs \"window_seconds\" or \"window_millis\", a whole number >= 1");
    }
    RateLimitRule rule = RateLimitRule.of(method, path, budget, Duration.ofSeconds(seconds).plusMillis(millis));
    Optional<String> id = text(body, "id");
    return id.isPresent() ? rule.withId(id.get()) : rule;
  }

  private ObjectNode rateLimits() {
    ObjectNode out = json.createObjectNode();
    ArrayNode rules = out.putArray("rules");
    for (RateLimitRule rule : fake.rateLimits().rules()) {
      rules.add(rateLimitJson(rule));
    }
    return out;
  }

  private ObjectNode rateLimitJson(RateLimitRule rule) {
    ObjectNode out = json.createObjectNode();
    out.put("id", rule.id());
    out.put("method", rule.method());
    out.put("path", rule.path());
    out.put("budget", rule.budget());
    out.put("window_millis", rule.window().toMillis());
    out.put("refused", fake.rateLimits().refused(rule.id()));
    return out;
  }

  private ObjectNode takeSnapshot(JsonNode body) {
    requireObject(body, "snapshots");
    String name = text(body, "name").orElseThrow(() -> new BadControlException(
        "snapshots needs \"name\", used later in POST /__fake/snapshots/{name}/restore"));
    if (name.isBlank() || name.contains("/")) {
      throw new BadControlException("a snapshot name must be non-blank without '/', was '" + name + "'");
    }
    Snapshot snapshot = fake.snapshot();
    snapshots.put(name, snapshot);
    return json.createObjectNode().put("name", name).put("taken_at", snapshot.takenAt().toString());
  }

  // ---- clock, journal, caller address ------------------------------------------------------------

  private ObjectNode clock() {
    ObjectNode out = json.createObjectNode();
    out.put("now", fake.clock().now().toString());
    out.put("epoch_millis", fake.clock().millis());
    return out;
  }

  private Duration duration(JsonNode body, String control) {
    requireObject(body, control);
    Optional<Long> seconds = optionalLong(body, "seconds", 0, Long.MAX_VALUE / 1000);
    Optional<Long> millis = optionalLong(body, "millis", 0, Long.MAX_VALUE);
    if (seconds.isEmpty() && millis.isEmpty()) {
      throw new BadControlException(control + " needs \"seconds\" or \"millis\", a whole number >= 0");
    }
    return Duration.ofSeconds(seconds.orElse(0L)).plusMillis(millis.orElse(0L));
  }

  private ObjectNode journal() {
    ObjectNode out = json.createObjectNode();
    out.put("count", fake.journal().count());
    ArrayNode entries = out.putArray("entries");
    for (JournalEntry entry : fake.journal().entries()) {
      ObjectNode e = entries.addObject();
      e.put("sequence", entry.sequence());
      e.put("time", entry.time().toString());
      e.put("method", entry.method());
      e.put("path", entry.path());
      entry.query().ifPresent(q -> e.put("query", q));
      e.put("status", entry.status());
      e.put("principal", entry.principal());
      e.put("write", entry.write());
      entry.workspaceId().ifPresent(w -> e.put("workspace_id", w));
      entry.fault().ifPresent(f -> e.put("fault", f));
      e.put("unknown_route", entry.unknownRoute());
    }
    return out;
  }

  private void setCallerAddress(JsonNode body) {
    requireObject(body, "caller-address");
    JsonNode address = body.get("address");
    if (address == null) {
      throw new BadControlException("caller-address needs \"address\": an IPv4 or IPv6 literal, or null to clear");
    }
    if (address.isNull()) {
      server.clearCallerAddress();
    } else {
      server.callerAddress(address.asText());
    }
  }

  private ObjectNode callerAddress(String socketAddress) {
    ObjectNode out = json.createObjectNode();
    Optional<String> override = server.callerAddressOverride();
    if (override.isPresent()) {
      out.put("address", override.get());
    } else {
      out.putNull("address");
    }
    out.put("socket_address", socketAddress);
    return out;
  }

  // ---- JSON helpers --------------------------------------------------------------------------------

  private JsonNode parse(String body) {
    if (body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadControlException("the body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static void requireObject(JsonNode body, String control) {
    if (!body.isObject()) {
      throw new BadControlException(control + " needs a JSON object, was " + body.getNodeType());
    }
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new BadControlException("\"" + field + "\" must be a string, was " + node);
    }
    return Optional.of(node.asText());
  }

  private static int intField(JsonNode body, String field, int min, int max) {
    return optionalLong(body, field, min, max).orElseThrow(() -> new BadControlException(
        "\"" + field + "\" is required: a whole number in " + min + ".." + max)).intValue();
  }

  private static Optional<Long> optionalLong(JsonNode body, String field, long min, long max) {
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

  private Reply ok(JsonNode body) {
    return new Reply(200, body.toString());
  }

  private Reply methodNotAllowed(String method, String control) {
    return error(405, "METHOD_NOT_ALLOWED", method + " is not allowed on /__fake/" + control
        + "; known: " + String.join(", ", ROUTES));
  }

  private Reply error(int status, String code, String message) {
    ObjectNode out = json.createObjectNode();
    out.put("error_code", code);
    out.put("message", message);
    return new Reply(status, out.toString());
  }
}
