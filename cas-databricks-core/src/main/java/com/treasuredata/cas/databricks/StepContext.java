package com.treasuredata.cas.databricks;

import java.net.URI;
import java.util.Optional;

/**
 * What a step sees of the run: the workspace, the service principal once known, and authenticated
 * requests to the workspace. Implemented by the library; thread-safe.
 */
public interface StepContext {

  /** Returns the workspace host, e.g. {@code https://dbc-1234.cloud.databricks.com}. */
  URI workspaceHost();

  /**
   * Returns the service principal once the service principal step has found or created it. During
   * {@code plan()} it is empty when the service principal does not exist yet.
   */
  Optional<ServicePrincipalRef> servicePrincipal();

  /** Returns true when the service principal is (or, while planning, would be) created by this run. */
  boolean isNewServicePrincipal();

  /**
   * Sends a GET to the workspace and returns the response body (JSON text).
   *
   * @throws CasApiException when Databricks answers with an error
   */
  String get(String path);

  /**
   * Sends a request with a JSON body to the workspace and returns the response body.
   *
   * @throws IllegalStateException when called while planning (plans send GETs only)
   * @throws CasApiException when Databricks answers with an error
   */
  String send(String method, String path, String jsonBody);
}
