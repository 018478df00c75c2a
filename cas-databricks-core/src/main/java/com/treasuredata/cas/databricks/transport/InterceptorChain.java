package com.treasuredata.cas.databricks.transport;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/** Runs a list of interceptors in front of a transport; see {@link Transport#with}. */
final class InterceptorChain {

  private InterceptorChain() {}

  static Transport wrap(Transport transport, List<TransportInterceptor> interceptors) {
    Objects.requireNonNull(transport, "transport");
    List<TransportInterceptor> copy = List.copyOf(interceptors);
    if (copy.isEmpty()) {
      return transport;
    }
    return request -> new RealChain(transport, copy, 0, request).run();
  }

  private static final class RealChain implements TransportInterceptor.Chain {
    private final Transport transport;
    private final List<TransportInterceptor> interceptors;
    private final int index;
    private final TransportRequest request;

    RealChain(Transport transport, List<TransportInterceptor> interceptors, int index, TransportRequest request) {
      this.transport = transport;
      this.interceptors = interceptors;
      this.index = index;
      this.request = request;
    }

    TransportResponse run() throws IOException {
      TransportResponse response = interceptors.get(index).intercept(this);
      return Objects.requireNonNull(response, () -> "interceptor " + interceptors.get(index) + " returned null");
    }

    @Override
    public TransportRequest request() {
      return request;
    }

    @Override
    public TransportResponse proceed(TransportRequest next) throws IOException {
      Objects.requireNonNull(next, "request");
      if (!sameOrigin(request.uri(), next.uri())) {
        throw new IllegalStateException(
            "an interceptor may not change the host: " + origin(request.uri()) + " -> " + origin(next.uri()));
      }
      if (index + 1 < interceptors.size()) {
        return new RealChain(transport, interceptors, index + 1, next).run();
      }
      return transport.execute(next);
    }

    private static boolean sameOrigin(URI a, URI b) {
      return Objects.equals(a.getScheme(), b.getScheme())
          && Objects.equals(a.getHost(), b.getHost())
          && a.getPort() == b.getPort();
    }

    private static String origin(URI uri) {
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
  }
}
