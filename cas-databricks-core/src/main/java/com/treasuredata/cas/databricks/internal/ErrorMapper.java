package com.treasuredata.cas.databricks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an error response to a {@link CasApiException} whose message says what happened and what
 * to do. Not API.
 *
 * <p>First the body is normalised: the platform envelope ({@code error_code}, a string or a number
 * such as {@code 403}, and {@code message}), the SCIM envelope ({@code detail}/{@code status} gives
 * code {@code SCIM_<status>}), the legacy {@code {"error": ..}} and OAuth
 * {@code error}/{@code error_description} bodies, HTML pages (the text in {@code <pre>}), and empty
 * bodies. The request id comes from {@code x-request-id}, {@code x-databricks-request-id} or a
 * {@code RequestInfo} detail. Then the first matching {@link Rule} of {@link #RULES} adds guidance
 * and a {@link ErrorCategory}. Only the server's message field ever reaches the exception message,
 * never the rest of a body.
 *
 * <p>Message format: {@code <step>: <METHOD> <path> failed: HTTP <status> <code>: <server message>. <guidance>}
 */
public final class ErrorMapper {

  /**
   * One row of the table: matches on error code and/or status and/or message fragments (all
   * case-insensitive) and/or a path fragment; empty parts match anything.
   *
   * @param codes error codes, any of which matches; empty for any
   * @param statuses HTTP statuses, any of which matches; empty for any
   * @param fragments message fragments that must all occur; empty for none
   * @param pathFragment a fragment the request path must contain; empty for any
   * @param category the category of a matching error
   * @param guidance what to do; {@code {host}}, {@code {principal}} and {@code {catalog}} are filled in
   */
  public record Rule(
      Set<String> codes, Set<Integer> statuses, List<String> fragments, String pathFragment, ErrorCategory category, String guidance) {

    public Rule {
      codes = Set.copyOf(codes);
      statuses = Set.copyOf(statuses);
      fragments = fragments.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
      Objects.requireNonNull(pathFragment, "pathFragment");
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(guidance, "guidance");
    }

    boolean matches(int status, String code, String message, String path) {
      String text = message.toLowerCase(Locale.ROOT);
      return (codes.isEmpty() || codes.contains(code))
          && (statuses.isEmpty() || statuses.contains(status))
          && fragments.stream().allMatch(text::contains)
          && (pathFragment.isEmpty() || path.contains(pathFragment));
    }
  }

  private static final String AUTH_GUIDANCE =
      "The credential for {host} is invalid, expired or revoked; check the profile or token (this is an"
          + " authentication failure, not a missing permission)";

  /** The mapping table, most specific first; the first match wins. */
  public static final List<Rule> RULES =
      List.of(
          rule(Set.of(), Set.of(401), List.of(), "", ErrorCategory.AUTHENTICATION, AUTH_GUIDANCE),
          rule(Set.of(), Set.of(403, 400), List.of("invalid access token"), "", ErrorCategory.AUTHENTICATION, AUTH_GUIDANCE),
          rule(Set.of(), Set.of(400, 403), List.of("token is expired"), "", ErrorCategory.AUTHENTICATION, AUTH_GUIDANCE),
          rule(Set.of(), Set.of(), List.of("does not have permission to use tokens"), "", ErrorCategory.TOKEN_USAGE,
              "Token usage (CAN_USE on /authorization/tokens) is missing for {principal}; grant it with a PATCH"
                  + " of /api/2.0/permissions/authorization/tokens (never a PUT, which replaces everyone's access)"),
          rule(Set.of("CATALOG_DOES_NOT_EXIST"), Set.of(), List.of(), "", ErrorCategory.CATALOG_NOT_FOUND,
              "Catalog {catalog} does not exist in this workspace's metastore; create it, or fix the name"
                  + " (names are case-insensitive, but must belong to the metastore attached to {host})"),
          rule(Set.of("INVALID_STATE"), Set.of(), List.of(), "ip-access-lists", ErrorCategory.LOCKOUT,
              "Databricks refused the IP access list change because it would block the caller's own address"
                  + " (lockout protection); run from an address the lists allow, or include it"),
          rule(Set.of("QUOTA_EXCEEDED"), Set.of(), List.of(), "", ErrorCategory.QUOTA,
              "The workspace's IP access lists would exceed the quota of 1000 addresses (IPs and CIDR ranges"
                  + " across all lists); remove unused entries or use wider CIDR ranges"),
          rule(Set.of("PRINCIPAL_DOES_NOT_EXIST"), Set.of(), List.of(), "", ErrorCategory.PROPAGATION,
              "The principal is not visible yet; a just-created service principal takes a few seconds to"
                  + " propagate, retry after a short wait"),
          rule(Set.of(), Set.of(), List.of("not in workspace"), "", ErrorCategory.PROPAGATION,
              "The service principal is not visible in the workspace yet; retry after a short wait"),
          rule(Set.of(), Set.of(), List.of("serviceprincipalname(", "does not exist"), "", ErrorCategory.PROPAGATION,
              "The service principal is not visible to the permissions service yet; retry after a short wait"),
          rule(Set.of(), Set.of(), List.of("could not find principal"), "", ErrorCategory.PROPAGATION,
              "The principal is not visible to Unity Catalog yet; retry after a short wait"),
          rule(Set.of(), Set.of(), List.of("principal not found"), "", ErrorCategory.PROPAGATION,
              "The service principal is not visible to the account yet; retry after a short wait"),
          rule(Set.of("REQUEST_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED", "TOO_MANY_REQUESTS"), Set.of(), List.of(), "",
              ErrorCategory.THROTTLED,
              "Databricks is throttling requests; they were retried with backoff. Lower concurrency, or raise"
                  + " the retry policy's attempts and deadline"),
          rule(Set.of(), Set.of(429), List.of(), "", ErrorCategory.THROTTLED,
              "Databricks is throttling requests; they were retried with backoff. Lower concurrency, or raise"
                  + " the retry policy's attempts and deadline"),
          rule(Set.of("PERMISSION_DENIED"), Set.of(), List.of(), "", ErrorCategory.PERMISSION,
              "The caller is authenticated but not allowed to do this on {host}; use a workspace admin (or"
                  + " account admin for account APIs) or grant the missing permission"),
          rule(Set.of(), Set.of(403), List.of(), "", ErrorCategory.PERMISSION,
              "The caller is authenticated but not allowed to do this on {host}; use a workspace admin (or"
                  + " account admin for account APIs) or grant the missing permission"),
          rule(Set.of("RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS", "SCIM_409"), Set.of(), List.of(), "",
              ErrorCategory.CONFLICT, "The object already exists; re-run to find and reuse it"),
          rule(Set.of(), Set.of(409), List.of(), "", ErrorCategory.CONFLICT,
              "The object already exists or was changed concurrently; re-run to reconcile"),
          rule(Set.of("RESOURCE_DOES_NOT_EXIST", "NOT_FOUND", "SCIM_404"), Set.of(), List.of(), "", ErrorCategory.NOT_FOUND,
              "It does not exist on {host}; check the name or id"),
          rule(Set.of(), Set.of(404), List.of(), "", ErrorCategory.NOT_FOUND,
              "It does not exist on {host}; check the name or id, and that the host is the right workspace"),
          rule(Set.of("INVALID_PARAMETER_VALUE", "BAD_REQUEST", "MALFORMED_REQUEST", "INVALID_STATE"), Set.of(),
              List.of(), "", ErrorCategory.INVALID_REQUEST, "Databricks rejected the request as invalid; check the input"),
          rule(Set.of(), Set.of(400), List.of(), "", ErrorCategory.INVALID_REQUEST,
              "Databricks rejected the request as invalid; check the input"),
          rule(Set.of(), Set.of(500, 501, 502, 503, 504), List.of(), "", ErrorCategory.SERVER,
              "Databricks had a server-side failure; try again later"));

  private static final Pattern PRE = Pattern.compile("(?is)<pre[^>]*>(.*?)</pre>");
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final int MAX_MESSAGE = 500;

  private ErrorMapper() {}

  /** Maps without a host for the guidance; prefer {@link #map(URI, ApiRequest, TransportResponse)}. */
  public static CasApiException map(ApiRequest request, TransportResponse response) {
    return map(null, request, response);
  }

  /** Maps an error {@code response} to {@code request} sent to {@code host}. */
  public static CasApiException map(URI host, ApiRequest request, TransportResponse response) {
    Normalized normalized = normalize(response);
    Optional<Rule> rule = match(response.status(), normalized.code(), normalized.message(), request.path());
    // A numeric error_code that only repeats the status ("HTTP 403 403: ...") says nothing more.
    String code = normalized.code().equals(String.valueOf(response.status())) ? "" : " " + normalized.code();
    String message = request.step() + ": " + request.method() + " " + request.path() + " failed: HTTP "
        + response.status() + code + ": " + trimPeriod(normalized.message()) + "."
        + rule.map(r -> " " + fill(r.guidance(), host, request) + ".").orElse("");
    ErrorCategory category = rule.map(Rule::category).orElse(ErrorCategory.OTHER);
    return RestClient.apiError(request, response.status(), normalized.code(), category, message, normalized.requestId().orElse(null));
  }

  /** Returns the first rule matching, if any. */
  public static Optional<Rule> match(int status, String code, String message, String path) {
    for (Rule rule : RULES) {
      if (rule.matches(status, code, message, path)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** Returns a copy of {@code error} whose message says how many attempts were made. */
  static CasApiException withAttempts(CasApiException error, int attempts) {
    if (attempts <= 1) {
      return error;
    }
    CasApiException copy =
        new CasApiException(
            error.getMessage() + " (gave up after " + attempts + " attempts)",
            error.statusCode(),
            error.errorCode(),
            error.category(),
            error.requestId().orElse(null),
            error.stepName().orElse(null),
            error.method().orElse(null),
            error.path().orElse(null));
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  /**
   * The parts of an error body that may be shown.
   *
   * @param code the error code ({@code UNKNOWN} when none)
   * @param message the server's message only
   * @param requestId the request id, if sent
   */
  public record Normalized(String code, String message, Optional<String> requestId) {}

  /** Normalises the envelopes listed in the class documentation. */
  public static Normalized normalize(TransportResponse response) {
    String code = "UNKNOWN";
    String message = "";
    String requestId =
        response.header("x-request-id").or(() -> response.header("x-databricks-request-id")).orElse(null);
    JsonNode body = null;
    String text = response.body();
    if (!text.isBlank()) {
      try {
        body = Json.parse(text);
      } catch (IllegalArgumentException notJson) {
        Matcher pre = PRE.matcher(text);
        if (pre.find()) {
          message = TAG.matcher(pre.group(1)).replaceAll("").strip();
        }
      }
    }
    if (body != null && body.isObject()) {
      if (body.hasNonNull("error_code")) {
        code = body.get("error_code").asText();
        message = body.path("message").asText("");
      } else if (isScim(body)) {
        JsonNode status = body.path("status");
        code = "SCIM_" + (status.isMissingNode() || status.isNull() || status.asText().isBlank()
            ? String.valueOf(response.status()) : status.asText());
        message = body.path("detail").asText("");
      } else if (body.hasNonNull("error")) {
        JsonNode error = body.get("error");
        if (body.hasNonNull("error_description")) {
          code = error.asText();
          message = body.get("error_description").asText();
        } else if (error.isTextual()) {
          message = error.asText();
        } else {
          message = error.path("message").asText("");
        }
      } else if (body.hasNonNull("message")) {
        message = body.get("message").asText();
      }
      if (requestId == null) {
        for (JsonNode detail : body.path("details")) {
          if (detail.path("@type").asText("").endsWith("RequestInfo") && detail.hasNonNull("request_id")) {
            requestId = detail.get("request_id").asText();
            break;
          }
        }
      }
    }
    if (message.isBlank()) {
      message = response.header("X-Databricks-Reason-Phrase").orElse("");
    }
    if (message.isBlank()) {
      message = "(no message)";
    }
    return new Normalized(code, clean(message), Optional.ofNullable(requestId));
  }

  private static boolean isScim(JsonNode body) {
    return body.has("detail") || body.has("scimType") || body.path("schemas").toString().contains(":Error");
  }

  private static Rule rule(
      Set<String> codes, Set<Integer> statuses, List<String> fragments, String path, ErrorCategory category, String guidance) {
    return new Rule(codes, statuses, fragments, path, category, guidance);
  }

  private static String fill(String guidance, URI host, ApiRequest request) {
    return guidance
        .replace("{host}", host == null ? "the host" : host.toString())
        .replace("{principal}", principal(request))
        .replace("{catalog}", catalog(request));
  }

  private static String principal(ApiRequest request) {
    if (request.body().isPresent()) {
      JsonNode body = request.body().get();
      for (String field : List.of("application_id", "service_principal_name", "principal")) {
        if (body.hasNonNull(field)) {
          return body.get(field).asText();
        }
      }
    }
    return "the service principal";
  }

  private static String catalog(ApiRequest request) {
    String path = request.path();
    int marker = path.indexOf("/catalogs/");
    String rest = marker >= 0 ? path.substring(marker + "/catalogs/".length())
        : path.contains("/catalog/") ? path.substring(path.lastIndexOf("/catalog/") + "/catalog/".length()) : "";
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    return name.isEmpty() ? "(unknown)" : "'" + name + "'";
  }

  private static String trimPeriod(String message) {
    String out = message.strip();
    while (out.endsWith(".")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private static String clean(String message) {
    String flat = message.replaceAll("[\\p{Cntrl}]+", " ").strip();
    return flat.length() > MAX_MESSAGE ? flat.substring(0, MAX_MESSAGE) + "…" : flat;
  }
}
