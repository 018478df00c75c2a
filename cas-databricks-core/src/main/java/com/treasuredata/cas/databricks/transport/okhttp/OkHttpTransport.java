package com.treasuredata.cas.databricks.transport.okhttp;

import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The default {@link Transport}, on OkHttp.
 *
 * <p>Redirects are never followed (a 3xx is returned as is, and the REST client refuses it), so a
 * token can never travel to another host. OkHttp's silent retry on connection failure is switched
 * off too: a POST that might have reached the server must not be re-sent behind the back of the
 * retry policy. {@link #create()} uses a 10 s connect timeout, 60 s read and write timeouts and a
 * 120 s call timeout. Instances are immutable and thread-safe. {@link #close()} releases the pooled
 * connections and the dispatcher threads of a transport from {@link #create()}; a client passed in
 * stays the caller's to shut down.
 *
 * <pre>{@code
 * Transport transport = OkHttpTransport.create(myOkHttpClient);   // shares its pools
 * }</pre>
 */
public final class OkHttpTransport implements Transport, AutoCloseable {

  private final OkHttpClient client;
  private final boolean owned;

  private OkHttpTransport(OkHttpClient client, boolean owned) {
    this.client = client;
    this.owned = owned;
  }

  /**
   * Returns a transport on a new client with the defaults described above.
   *
   * @return a new transport with its own connection pool
   */
  public static OkHttpTransport create() {
    return new OkHttpTransport(
        configure(
            new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofSeconds(120))),
        true);
  }

  /**
   * Returns a transport on a copy of {@code client} (sharing its connection pool and dispatcher)
   * with redirects and OkHttp's own connection-failure retry switched off; its timeouts, proxy,
   * TLS and interceptors are kept.
   *
   * @param client your client, whose pools are shared
   * @return a transport on that client
   * @throws NullPointerException if {@code client} is null
   */
  public static OkHttpTransport create(OkHttpClient client) {
    Objects.requireNonNull(client, "client");
    return new OkHttpTransport(configure(client.newBuilder()), false);
  }

  private static OkHttpClient configure(OkHttpClient.Builder builder) {
    return builder.followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build();
  }

  /** Evicts pooled connections and stops dispatcher threads of a transport this class created; a no-op for a client passed in. */
  @Override
  public void close() {
    if (owned) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    Objects.requireNonNull(request, "request");
    Headers.Builder headers = new Headers.Builder();
    request.headers().forEach(headers::add);
    RequestBody body = null;
    if (request.body().isPresent()) {
      MediaType type = request.header("Content-Type").map(MediaType::parse).orElse(null);
      // bytes, not a String: OkHttp would append "; charset=utf-8" to a String body's content type
      body = RequestBody.create(request.body().get().getBytes(StandardCharsets.UTF_8), type);
    } else if (requiresBody(request.method())) {
      body = RequestBody.create(new byte[0], null);
    }
    Request okRequest =
        new Request.Builder().url(request.uri().toString()).headers(headers.build()).method(request.method(), body).build();
    try (Response response = client.newCall(okRequest).execute()) {
      Map<String, String> responseHeaders = new LinkedHashMap<>();
      for (String name : response.headers().names()) {
        responseHeaders.put(name, String.join(", ", response.headers(name)));
      }
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      return new TransportResponse(response.code(), responseHeaders, text);
    }
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  @Override
  public String toString() {
    return "OkHttpTransport[connectTimeout=" + client.connectTimeoutMillis() + "ms, readTimeout="
        + client.readTimeoutMillis() + "ms, callTimeout=" + client.callTimeoutMillis() + "ms]";
  }
}
