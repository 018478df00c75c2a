package com.treasuredata.cas.databricks.testkit.http;

import static com.treasuredata.cas.databricks.testkit.http.ControlJson.intField;
import static com.treasuredata.cas.databricks.testkit.http.ControlJson.optionalLong;
import static com.treasuredata.cas.databricks.testkit.http.ControlJson.requireObject;
import static com.treasuredata.cas.databricks.testkit.http.ControlJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.ConnectionFault;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.FaultRuleState;
import com.treasuredata.cas.databricks.testkit.http.ControlJson.BadControlException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code /__fake/faults} control: fault rules to and from JSON. */
final class FaultControls {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FaultControls() {}

  static ObjectNode faults(FakeDatabricks fake) {
    ObjectNode out = JSON.createObjectNode();
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

  static ObjectNode ruleJson(FaultRule rule, int matched, int fired) {
    ObjectNode out = JSON.createObjectNode();
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
  static FaultRule rule(JsonNode body) {
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

  private static Map<String, String> headers(JsonNode body) {
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
}
