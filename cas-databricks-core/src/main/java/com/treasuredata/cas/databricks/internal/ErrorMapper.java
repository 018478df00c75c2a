package com.treasuredata.cas.databricks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.transport.TransportResponse;

/**
 * Maps an error response to a {@link CasApiException}: normalises the platform envelope
 * ({@code error_code}/{@code message}, numeric codes included), the SCIM envelope
 * ({@code detail}/{@code status} gives {@code SCIM_<status>}), the legacy {@code {"error":..}}
 * body and HTML pages. Minimal first version; see ErrorMapperTest for the table.
 */
public final class ErrorMapper {

  private ErrorMapper() {}

  public static CasApiException map(ApiRequest request, TransportResponse response) {
    String code = "UNKNOWN";
    String message = "HTTP " + response.status();
    JsonNode body = null;
    try {
      body = Json.parse(response.body());
    } catch (IllegalArgumentException notJson) {
      // HTML or text error page: keep only the status
    }
    if (body != null && body.isObject()) {
      if (body.hasNonNull("error_code")) {
        code = body.get("error_code").asText();
        message = body.path("message").asText(message);
      } else if (body.hasNonNull("detail") || body.path("schemas").toString().contains("Error")) {
        code = "SCIM_" + body.path("status").asText(String.valueOf(response.status()));
        message = body.path("detail").asText(message);
      } else if (body.hasNonNull("error")) {
        message = body.get("error").asText();
      }
    }
    String requestId = response.header("x-request-id").orElse(response.header("x-databricks-request-id").orElse(null));
    return RestClient.apiError(
        request,
        response.status(),
        code,
        request.step() + ": " + request.method() + " " + request.path() + " failed with HTTP " + response.status() + " " + code + ": " + message,
        requestId);
  }
}
