package com.treasuredata.cas.databricks.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready-made {@link TransportInterceptor}s: the library's {@code User-Agent} and redacted request
 * logging. The connector installs both on every connection; they are public so that a custom
 * {@link Transport} stack can reuse them.
 *
 * <pre>{@code
 * Transport transport = OkHttpTransport.create().with(Interceptors.userAgent("my-service/2.1"), Interceptors.logging());
 * }</pre>
 */
public final class Interceptors {

  private static final Logger log = LoggerFactory.getLogger(Interceptors.class);
  private static final String VERSION = loadVersion();

  private Interceptors() {}

  /**
   * Returns this library's version, e.g. {@code 0.1.0}, from its jar.
   *
   * @return the library version
   */
  public static String version() {
    return VERSION;
  }

  /**
   * Returns an interceptor that sets {@code User-Agent: cas-databricks/<version>}.
   *
   * @return the user-agent interceptor
   */
  public static TransportInterceptor userAgent() {
    return userAgent("");
  }

  /**
   * Returns an interceptor that sets {@code User-Agent: cas-databricks/<version> <suffix>} (no
   * suffix when it is empty), replacing any user agent set before.
   *
   * @param suffix what to append, e.g. your application and its version; may be empty
   * @return the user-agent interceptor
   * @throws NullPointerException if {@code suffix} is null
   * @throws IllegalArgumentException if {@code suffix} is longer than 200 characters or holds
   *     characters other than printable ASCII
   */
  public static TransportInterceptor userAgent(String suffix) {
    Objects.requireNonNull(suffix, "suffix");
    String trimmed = suffix.strip();
    if (trimmed.length() > 200 || !trimmed.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "user agent suffix must be at most 200 printable ASCII characters, was '"
              + trimmed.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
    String value = "cas-databricks/" + VERSION + (trimmed.isEmpty() ? "" : " " + trimmed);
    return chain -> chain.proceed(chain.request().withHeader("User-Agent", value));
  }

  /**
   * Returns an interceptor that logs one SLF4J DEBUG line per exchange: method, path, query
   * parameter names (values masked), status and elapsed milliseconds (retries are logged by the
   * client with their attempt number). Bodies and header values are never logged. Install it before (outside) any auth interceptor.
   *
   * @return the logging interceptor
   */
  public static TransportInterceptor logging() {
    return chain -> {
      TransportRequest request = chain.request();
      if (!log.isDebugEnabled()) {
        return chain.proceed(request);
      }
      String target = redactedTarget(request.uri());
      long start = System.nanoTime();
      try {
        TransportResponse response = chain.proceed(request);
        log.debug("{} {} -> {} in {} ms", request.method(), target, response.status(), elapsedMillis(start));
        return response;
      } catch (IOException | RuntimeException e) {
        log.debug("{} {} failed after {} ms: {}", request.method(), target, elapsedMillis(start), e.getClass().getSimpleName());
        throw e;
      }
    };
  }

  /** Returns the path plus query parameter names with masked values, e.g. {@code /api/x?filter=***}. */
  static String redactedTarget(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return path;
    }
    StringBuilder out = new StringBuilder(path).append('?');
    String sep = "";
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      out.append(sep).append(eq < 0 ? pair : pair.substring(0, eq)).append("=***");
      sep = "&";
    }
    return out.toString();
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String loadVersion() {
    try (InputStream in = Interceptors.class.getResourceAsStream("/com/treasuredata/cas/databricks/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
