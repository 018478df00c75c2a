package com.treasuredata.cas.databricks.internal.auth;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.transport.TransportInterceptor;
import java.util.Objects;

/** Interceptors that add credentials to a request at the last moment. Not API. */
public final class AuthInterceptors {

  private AuthInterceptors() {}

  /**
   * Returns an interceptor that sets {@code Authorization: Bearer <token>}. The token is revealed
   * only here, on the request copy handed to the next link, so nothing upstream ever holds it.
   */
  public static TransportInterceptor bearer(Secret token) {
    Objects.requireNonNull(token, "token");
    return chain -> chain.proceed(chain.request().withHeader("Authorization", "Bearer " + token.reveal()));
  }
}
