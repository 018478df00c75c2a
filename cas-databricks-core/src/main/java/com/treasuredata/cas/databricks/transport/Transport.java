package com.treasuredata.cas.databricks.transport;

import java.io.IOException;

/**
 * Sends one HTTP request and returns the response: the single seam between this library and the
 * network.
 *
 * <p>Any HTTP status, 4xx and 5xx included, is a normal {@link TransportResponse}; mapping errors
 * to exceptions happens above this layer. An {@link IOException} means no usable response arrived.
 * Implementations must be thread-safe. The default is
 * {@link com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport}; the testkit's fake
 * Databricks is another, with no sockets at all.
 *
 * <pre>{@code
 * Transport transport = OkHttpTransport.create();
 * TransportResponse response = transport.execute(TransportRequest.get(URI.create(host + "/api/2.0/ip-access-lists")));
 * }</pre>
 */
@FunctionalInterface
public interface Transport {

  /**
   * Sends {@code request} and returns the response.
   *
   * @param request the request to send
   * @return the response, whatever its status
   * @throws IOException when the request could not be sent or no response could be read
   */
  TransportResponse execute(TransportRequest request) throws IOException;

  /**
   * Returns a transport that runs {@code interceptors}, in order, around this one.
   *
   * @param interceptors the interceptors, outermost first
   * @return the wrapped transport
   */
  default Transport with(TransportInterceptor... interceptors) {
    return InterceptorChain.wrap(this, java.util.List.of(interceptors));
  }
}
