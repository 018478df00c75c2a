package com.treasuredata.cas.databricks.transport;

import java.io.IOException;

/**
 * Observes, rewrites or short-circuits requests on their way to the {@link Transport}: auth, user
 * agent, logging and retries are interceptors.
 *
 * <p>An interceptor calls {@link Chain#proceed(TransportRequest)} at most once per attempt it
 * wants to make; the chain refuses a request to a host other than the original one, so an
 * interceptor can never leak a token to another host.
 *
 * <pre>{@code
 * TransportInterceptor userAgent = chain ->
 *     chain.proceed(chain.request().withHeader("User-Agent", "my-service/1.0"));
 * }</pre>
 */
@FunctionalInterface
public interface TransportInterceptor {

  /** Handles the request of {@code chain}, usually by calling {@code chain.proceed(..)}. */
  TransportResponse intercept(Chain chain) throws IOException;

  /** The request in flight and the rest of the chain. */
  interface Chain {

    /** Returns the request as it reaches this interceptor. */
    TransportRequest request();

    /**
     * Passes {@code request} to the next interceptor, or to the transport.
     *
     * @throws IllegalStateException if {@code request} targets another scheme, host or port
     */
    TransportResponse proceed(TransportRequest request) throws IOException;
  }
}
