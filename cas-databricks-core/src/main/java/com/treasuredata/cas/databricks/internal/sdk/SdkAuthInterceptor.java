package com.treasuredata.cas.databricks.internal.sdk;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.transport.TransportInterceptor;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Adds the headers the Databricks SDK computes for a resolved config (OAuth M2M and other SDK auth
 * types). The SDK caches and refreshes tokens; its token requests go through our transport via
 * {@link SdkHttpClientAdapter}. Not API.
 */
public final class SdkAuthInterceptor implements TransportInterceptor {

  private final DatabricksConfig config;
  private final String source;

  /**
   * @param config a resolved config whose HTTP client is an {@link SdkHttpClientAdapter}
   * @param source the target description, for error messages
   */
  public SdkAuthInterceptor(DatabricksConfig config, String source) {
    this.config = Objects.requireNonNull(config, "config");
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public TransportResponse intercept(Chain chain) throws IOException {
    Map<String, String> headers;
    try {
      headers = config.authenticate();
    } catch (DatabricksException e) {
      Throwable io = e;
      while (io != null && !(io instanceof IOException)) {
        io = io.getCause();
      }
      if (io != null) {
        // the token endpoint was unreachable: a transport failure like any other
        throw new IOException("authentication request failed for " + source + ": " + io.getClass().getSimpleName(), io);
      }
      throw new OnboardingException(
          "authentication failed for " + source + " (" + config.getAuthType() + "): " + e.getMessage()
              + ". Check the client id and secret (or the profile) and that the principal is active", e);
    }
    TransportRequest request = chain.request();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      request = request.withHeader(header.getKey(), header.getValue());
    }
    return chain.proceed(request);
  }

  @Override
  public String toString() {
    return "SdkAuthInterceptor[" + source + "]";
  }
}
