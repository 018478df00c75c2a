package com.treasuredata.cas.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;

/**
 * Authenticated REST calls to one Databricks host (a workspace or the account console), as a step
 * sees them: JSON trees in and out, retries by each request's declared safety, errors mapped to
 * {@link CasApiException} and transport failures to {@link OnboardingTransportException}. While
 * planning only {@code get} is allowed. Every call first checks that the run was not cancelled.
 *
 * <pre>{@code
 * JsonNode acl = ctx.workspace().get("/api/2.0/permissions/warehouses/" + id);
 * ctx.workspace().send(Write.patch("/api/2.0/permissions/warehouses/" + id, body).idempotent());
 * }</pre>
 */
public interface DatabricksApi {

  /**
   * Returns the host, e.g. {@code https://dbc-1234.cloud.databricks.com}.
   *
   * @return the host
   */
  URI host();

  /**
   * Sends a GET and returns the parsed body (a missing node for an empty body).
   *
   * @param path the path, starting with {@code /api/}; not encoded
   * @return the parsed body (a missing node for an empty body)
   * @throws CasApiException when Databricks answers with an error
   * @throws OnboardingException when the run was cancelled before the request (the run then ends with an
   *     {@link OnboardingCancelledException})
   */
  default JsonNode get(String path) {
    return get(path, Map.of());
  }

  /**
   * Sends a GET with query parameters (values not encoded) and returns the parsed body.
   *
   * @param path the API path, e.g. {@code /api/2.0/token-management/tokens}
   * @param query the query
   * @return the parsed body (a missing node for an empty body)
   * @throws CasApiException when Databricks answers with an error
   * @throws OnboardingException when the run was cancelled before the request (the run then ends with an
   *     {@link OnboardingCancelledException})
   */
  JsonNode get(String path, Map<String, String> query);

  /**
   * Sends a write. How it is retried, and how an ambiguous failure (a lost response, a 5xx after
   * the server may have acted) is resolved, follows the write's declared {@link Write.Safety}.
   *
   * @param write the write
   * @return the parsed body (a missing node for an empty body)
   * @throws IllegalStateException while planning (plans send GET requests only)
   * @throws CasApiException when Databricks answers with an error
   * @throws OnboardingException when the run was cancelled before the request (the run then ends with an
   *     {@link OnboardingCancelledException})
   */
  JsonNode send(Write write);
}
