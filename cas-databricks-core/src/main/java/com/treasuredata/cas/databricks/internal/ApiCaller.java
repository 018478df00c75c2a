package com.treasuredata.cas.databricks.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes Databricks REST calls against one host (the account console or one workspace) with one
 * credential. Implementations map error responses to {@link com.treasuredata.cas.databricks.CasApiException}
 * and transport failures to {@link com.treasuredata.cas.databricks.OnboardingTransportException}.
 */
public interface ApiCaller {

  /**
   * Sends {@code request} and returns the parsed JSON body ({@code NullNode} style missing node
   * for an empty body).
   */
  JsonNode call(ApiRequest request);

  /** Returns the host base URI, e.g. {@code https://dbc-1234.cloud.databricks.com}. */
  java.net.URI host();
}
