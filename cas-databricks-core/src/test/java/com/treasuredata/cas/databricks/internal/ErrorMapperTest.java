package com.treasuredata.cas.databricks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.internal.ApiRequest.Safety;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMapperTest {

  private static final URI HOST = URI.create("https://dbc-1234.cloud.databricks.com");
  private static final String APP_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

  private static final ApiRequest ME = ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me");
  private static final ApiRequest OBO = ApiRequest.write("obo-token", "POST", "/api/2.0/token-management/on-behalf-of/tokens",
      Json.object().put("application_id", APP_ID).put("lifetime_seconds", 86400), Safety.CREATE);
  private static final ApiRequest CATALOG = ApiRequest.get("grants", "/api/2.1/unity-catalog/catalogs/cas_demo");
  private static final ApiRequest GRANT = ApiRequest.write("grants", "PATCH", "/api/2.1/unity-catalog/permissions/catalog/cas_demo",
      Json.object(), Safety.IDEMPOTENT_WRITE);
  private static final ApiRequest IP_LIST = ApiRequest.write("ip-list", "POST", "/api/2.0/ip-access-lists", Json.object(), Safety.CREATE);
  private static final ApiRequest ASSIGN = ApiRequest.write("assign", "PUT",
      "/api/2.0/accounts/0d3e7a6c-1b2f-4c5d-8e9f-a0b1c2d3e4f5/workspaces/1/permissionassignments/principals/2", Json.object(),
      Safety.IDEMPOTENT_WRITE);
  private static final ApiRequest TOKEN_ACL = ApiRequest.write("token-usage", "PATCH", "/api/2.0/permissions/authorization/tokens",
      Json.object(), Safety.IDEMPOTENT_WRITE);
  private static final ApiRequest SCIM = ApiRequest.get("lookup", "/api/2.0/preview/scim/v2/ServicePrincipals/42");

  static Stream<Arguments> table() {
    return Stream.of(
        // request, status, body, expected code, category, fragment of the guidance
        Arguments.of(ME, 403, "{\"error_code\":403,\"message\":\"Invalid access token.\"}", "403", ErrorCategory.AUTHENTICATION,
            "credential for https://dbc-1234.cloud.databricks.com is invalid, expired or revoked"),
        Arguments.of(ME, 401, "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Token is expired\"}", "UNAUTHENTICATED",
            ErrorCategory.AUTHENTICATION, "not a missing permission"),
        Arguments.of(ME, 403, "<html><body><pre>Error 403 Invalid access token.</pre></body></html>", "UNKNOWN",
            ErrorCategory.AUTHENTICATION, "check the profile or token"),
        Arguments.of(OBO, 403, "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"User " + APP_ID
                + " does not have permission to use tokens.\"}", "PERMISSION_DENIED", ErrorCategory.TOKEN_USAGE,
            "CAN_USE on /authorization/tokens) is missing for " + APP_ID),
        Arguments.of(CATALOG, 404, "{\"error_code\":\"CATALOG_DOES_NOT_EXIST\",\"message\":\"Catalog 'cas_demo' does not exist.\"}",
            "CATALOG_DOES_NOT_EXIST", ErrorCategory.CATALOG_NOT_FOUND, "Catalog 'cas_demo' does not exist in this workspace's metastore"),
        Arguments.of(IP_LIST, 400, "{\"error_code\":\"INVALID_STATE\",\"message\":\"Your current IP 1.2.3.4 will not be allowed\"}",
            "INVALID_STATE", ErrorCategory.LOCKOUT, "lockout protection"),
        Arguments.of(IP_LIST, 400, "{\"error_code\":\"QUOTA_EXCEEDED\",\"message\":\"quota exceeded\"}", "QUOTA_EXCEEDED",
            ErrorCategory.QUOTA, "quota of 1000 addresses"),
        Arguments.of(GRANT, 400, "{\"error_code\":\"PRINCIPAL_DOES_NOT_EXIST\",\"message\":\"Could not find principal with name "
            + APP_ID + "\"}", "PRINCIPAL_DOES_NOT_EXIST", ErrorCategory.PROPAGATION, "retry after a short wait"),
        Arguments.of(GRANT, 400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Could not find principal with name x\"}",
            "INVALID_PARAMETER_VALUE", ErrorCategory.PROPAGATION, "not visible to Unity Catalog yet"),
        Arguments.of(ASSIGN, 400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Principal 2 is not in workspace 1\"}", "INVALID_PARAMETER_VALUE", ErrorCategory.PROPAGATION, "not visible in the workspace yet"),
        Arguments.of(ASSIGN, 404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Principal not found in account.\"}", "RESOURCE_DOES_NOT_EXIST", ErrorCategory.PROPAGATION, "not visible to the account yet"),
        Arguments.of(TOKEN_ACL, 400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Principal: ServicePrincipalName("
            + APP_ID + ") does not exist\"}", "INVALID_PARAMETER_VALUE", ErrorCategory.PROPAGATION, "permissions service"),
        Arguments.of(SCIM, 429, "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}", "REQUEST_LIMIT_EXCEEDED",
            ErrorCategory.THROTTLED, "throttling"),
        Arguments.of(SCIM, 500, "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"concurrent SCIM limit\"}",
            "REQUEST_LIMIT_EXCEEDED", ErrorCategory.THROTTLED, "throttling"),
        Arguments.of(SCIM, 429, "", "UNKNOWN", ErrorCategory.THROTTLED, "throttling"),
        Arguments.of(SCIM, 404, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"detail\":\"User not found\",\"status\":\"404\"}",
            "SCIM_404", ErrorCategory.NOT_FOUND, "does not exist on https://dbc-1234"),
        Arguments.of(SCIM, 409, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"detail\":\"exists\",\"status\":409}",
            "SCIM_409", ErrorCategory.CONFLICT, "re-run to find and reuse it"),
        Arguments.of(SCIM, 403, "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"Only admins can do this\"}", "PERMISSION_DENIED",
            ErrorCategory.PERMISSION, "authenticated but not allowed"),
        Arguments.of(SCIM, 400, "{\"error\":\"legacy failure\"}", "UNKNOWN", ErrorCategory.INVALID_REQUEST, "rejected the request as invalid"),
        Arguments.of(SCIM, 502, "<html><body>Bad gateway</body></html>", "UNKNOWN", ErrorCategory.SERVER, "server-side failure"),
        Arguments.of(SCIM, 418, "", "UNKNOWN", ErrorCategory.OTHER, "HTTP 418 UNKNOWN: (no message)."));
  }

  @ParameterizedTest(name = "[{index}] HTTP {1} {3} -> {4}")
  @MethodSource("table")
  void mapsEachRowToItsCodeCategoryAndGuidance(
      ApiRequest request, int status, String body, String code, ErrorCategory category, String guidance) {
    // given
    TransportResponse response = TransportResponse.json(status, body);

    // when
    CasApiException error = ErrorMapper.map(HOST, request, response);

    // then
    assertThat(error.errorCode()).isEqualTo(code);
    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.category()).isEqualTo(category);
    assertThat(error).hasMessageContaining(guidance);
    String shownCode = code.equals(String.valueOf(status)) ? "" : " " + code; // a code that repeats the status is not shown twice
    assertThat(error).hasMessageStartingWith(request.step() + ": " + request.method() + " " + request.path() + " failed: HTTP " + status + shownCode + ": ");
    assertThat(error.stepName()).contains(request.step());
    assertThat(error.method()).contains(request.method());
    assertThat(error.path()).contains(request.path());
  }

  @Test
  void anInvalidAccessTokenIsAnAuthenticationErrorNotAPermissionOne() {
    // given
    TransportResponse response = TransportResponse.json(403, "{\"error_code\":403,\"message\":\"Invalid access token.\"}");

    // when
    CasApiException error = ErrorMapper.map(HOST, ME, response);

    // then
    assertThat(error).hasMessage("verify: GET /api/2.0/preview/scim/v2/Me failed: HTTP 403: Invalid access token."
        + " The credential for https://dbc-1234.cloud.databricks.com is invalid, expired or revoked; check the profile"
        + " or token (this is an authentication failure, not a missing permission).");
  }

  @Test
  void aTextErrorCodeIsShownBesideTheStatus() {
    // given
    TransportResponse response = TransportResponse.json(403, "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"No.\"}");

    // when
    CasApiException error = ErrorMapper.map(HOST, ME, response);

    // then
    assertThat(error.getMessage()).startsWith("verify: GET /api/2.0/preview/scim/v2/Me failed: HTTP 403 PERMISSION_DENIED: No.");
    assertThat(error.errorCode()).isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void requestIdComesFromHeadersOrTheRequestInfoDetail() {
    // given
    TransportResponse headered = new TransportResponse(500, Map.of("X-Databricks-Request-Id", "hdr-1"), "{}");
    TransportResponse detailed = TransportResponse.json(500, "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"x\",\"details\":["
        + "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"r\"},"
        + "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"request_id\":\"det-2\",\"serving_data\":\"\"}]}");

    // when / then
    assertThat(ErrorMapper.map(HOST, SCIM, headered).requestId()).contains("hdr-1");
    assertThat(ErrorMapper.map(HOST, SCIM, detailed).requestId()).contains("det-2");
    assertThat(ErrorMapper.map(HOST, SCIM, TransportResponse.json(500, "")).requestId()).isEmpty();
  }

  @Test
  void onlyTheServersMessageFieldReachesTheExceptionNeverTheRestOfTheBody() {
    // given
    String body = "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad lifetime\",\"token_value\":\"SENTINEL-VALUE\"}";

    // when
    CasApiException error = ErrorMapper.map(HOST, OBO, TransportResponse.json(400, body));

    // then
    assertThat(error).hasMessageContaining("bad lifetime").hasMessageNotContaining("SENTINEL-VALUE");
  }

  @Test
  void aNonJsonBodyWithoutPreIsNotEchoedButTheReasonPhraseHeaderIsUsed() {
    // given
    TransportResponse response = new TransportResponse(403, Map.of("X-Databricks-Reason-Phrase", "Invalid access token."),
        "<html><body>SENTINEL page</body></html>");

    // when
    CasApiException error = ErrorMapper.map(HOST, ME, response);

    // then
    assertThat(error).hasMessageContaining("Invalid access token").hasMessageNotContaining("SENTINEL");
    assertThat(error.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
  }

  @Test
  void oauthErrorBodiesUseErrorAsTheCode() {
    // given
    TransportResponse response = TransportResponse.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");

    // when
    CasApiException error = ErrorMapper.map(HOST, ME, response);

    // then
    assertThat(error.errorCode()).isEqualTo("invalid_client");
    assertThat(error).hasMessageContaining("Client authentication failed");
  }
}
