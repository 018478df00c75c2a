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

  /**
   * Handles the request of {@code chain}, usually by calling {@code chain.proceed(..)}.
   *
   * @param chain the request and the rest of the chain
   * @return the response
   * @throws IOException when the request could not be sent or no response could be read
   */
  TransportResponse intercept(Chain chain) throws IOException;

  /** The request in flight and the rest of the chain. */
  interface Chain {

    /**
     * Returns the request as it reaches this interceptor.
     *
     * @return the request
     */
    TransportRequest request();

    /**
     * Passes {@code request} to the next interceptor, or to the transport.
     *
     * @param request the request to send on, usually a modified copy of {@link #request()}
     * @return the response of the rest of the chain
     * @throws IOException when the request could not be sent or no response could be read
     * @throws IllegalStateException if {@code request} targets another scheme, host or port
     */
    TransportResponse proceed(TransportRequest request) throws IOException;
  }
}
