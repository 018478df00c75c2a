package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An error answer thrown by a handler; carries the exact wire body. No stack trace: it is control flow. */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

  final int status;
  final transient ObjectNode body;
  final transient Map<String, String> headers;

  ApiError(int status, ObjectNode body, Map<String, String> headers) {
    super(null, null, false, false);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  /** A platform error: {@code {"error_code":code,"message":message}}. */
  static ApiError platform(int status, String code, String message) {
    ObjectNode body = Json.object();
    body.put("error_code", code);
    body.put("message", message);
    return new ApiError(status, body, Map.of());
  }

  /** A SCIM error: {@code {"schemas":[...Error],"detail":detail,"status":"<status>"}}. */
  static ApiError scim(int status, String detail) {
    return scim(status, null, detail);
  }

  static ApiError scim(int status, String scimType, String detail) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add(SCIM_ERROR_SCHEMA);
    if (scimType != null) {
      body.put("scimType", scimType);
    }
    body.put("detail", detail);
    body.put("status", Integer.toString(status));
    return new ApiError(status, body, Map.of());
  }

  /** The real answer to an unknown, revoked or expired PAT: numeric error_code plus a reason-phrase header. */
  static ApiError invalidToken() {
    ObjectNode body = Json.object();
    body.put("error_code", 403);
    body.put("message", "Invalid access token.");
    return new ApiError(403, body, Map.of("X-Databricks-Reason-Phrase", "Invalid access token."));
  }

  static ApiError expiredOAuthToken() {
    ObjectNode body = Json.object();
    body.put("error_code", 401);
    body.put("message", "Token is expired");
    return new ApiError(401, body, Map.of("X-Databricks-Reason-Phrase", "Token is expired"));
  }

  static ApiError noCredentials() {
    ObjectNode body = Json.object();
    body.put("error_code", 401);
    body.put("message", "Credential was not sent or was of an unsupported type for this API.");
    return new ApiError(401, body,
        Map.of("X-Databricks-Reason-Phrase", "Credential was not sent or was of an unsupported type for this API."));
  }

  /** An OAuth token endpoint error: {@code {"error":..,"error_description":..}}. */
  static ApiError oauth(int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return new ApiError(status, body, Map.of());
  }

  static ApiError badRequest(String message) {
    return platform(400, "INVALID_PARAMETER_VALUE", message);
  }

  static ApiError permissionDenied(String message) {
    return platform(403, "PERMISSION_DENIED", message);
  }
}
