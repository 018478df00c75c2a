package com.treasuredata.cas.databricks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.ErrorCategory;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingTimeoutException;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.internal.retry.Backoff;
import com.treasuredata.cas.databricks.internal.retry.RetryAfter;
import com.treasuredata.cas.databricks.internal.retry.RetryRules;
import com.treasuredata.cas.databricks.internal.retry.Unreachable;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ApiCaller}: builds a {@link TransportRequest}, sends it through a transport
 * that already carries the auth, user-agent and logging interceptors, retries what is safe to
 * retry, and maps errors.
 *
 * <p>Retries follow {@link RetryRules} by the request's {@link ApiRequest.Safety}, wait
 * {@code Retry-After} or a jittered exponential backoff through the injected sleeper, and stop at
 * {@link RetryPolicy#maxAttempts()} or {@link RetryPolicy#totalDeadline()} (judged by the injected
 * clock). A host that cannot be reached at all (refused connection, unknown host, TLS handshake
 * failure) gets one quick retry, then an error naming host, port and likely causes. The result of giving up is the last {@link CasApiException} (its message says how many
 * attempts were made), an {@link OnboardingTransportException} for I/O failures, or an
 * {@link OnboardingTimeoutException} when the deadline would be passed. A redirect is never
 * followed. Thread-safe.
 */
public final class RestClient implements ApiCaller {

  private static final Logger log = LoggerFactory.getLogger(RestClient.class);

  private final URI host;
  private final Transport transport;
  private final RetryPolicy retryPolicy;
  private final ClientSettings settings;

  /**
   * Creates a client that sends each request once (no retries, no sleeping): for tests of the
   * exact wire format.
   */
  public RestClient(URI host, Transport transport) {
    this(host, transport, ClientSettings.of(transport).withRetryPolicy(RetryPolicy.none()));
  }

  /**
   * Creates a client.
   *
   * @param host the base URI every request goes to
   * @param transport the fully decorated transport (auth, user agent, logging); {@code
   *     settings.transport()} is not used
   * @param settings retry policy, clock, sleeper and jitter source
   */
  public RestClient(URI host, Transport transport, ClientSettings settings) {
    this.host = Objects.requireNonNull(host, "host");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retryPolicy = settings.retryPolicy();
  }

  @Override
  public URI host() {
    return host;
  }

  @Override
  public String toString() {
    return "RestClient[" + host + ", " + retryPolicy + "]";
  }

  @Override
  @SuppressWarnings("try") // the attempt scope is used only for its close(), which restores the previous attempt
  public JsonNode call(ApiRequest request) {
    TransportRequest wire = toWire(request);
    Instant deadline = settings.clock().instant().plus(retryPolicy.totalDeadline());
    int maxAttempts = retryPolicy.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      TransportResponse response;
      try {
        response = transport.execute(wire);
      } catch (IOException e) {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
          throw interrupted(request, e);
        }
        Optional<String> unreachable = Unreachable.kind(e);
        if (unreachable.isPresent()) {
          OnboardingTransportException failure =
              new OnboardingTransportException(describe(request) + ": " + Unreachable.explain(host, unreachable.get(), attempt), false, e);
          if (attempt >= 2 || attempt >= maxAttempts || request.safety() == ApiRequest.Safety.ONCE) {
            log.warn("{} {}: cannot reach {} ({})", request.method(), request.path(), host.getHost(), unreachable.get());
            throw failure;
          }
          sleepOrGiveUp(request, attempt, Unreachable.QUICK_RETRY, deadline, failure);
          continue;
        }
        boolean connectPhase = RetryRules.isConnectPhase(e);
        boolean maybeApplied = request.safety().isWrite() && !connectPhase;
        OnboardingTransportException failure =
            new OnboardingTransportException(
                describe(request) + " got no response (" + e.getClass().getSimpleName()
                    + (maybeApplied ? "; the server may have applied it" : "") + ")"
                    + attempts(attempt),
                maybeApplied,
                e);
        if (!RetryRules.isRetryable(request.safety(), e) || attempt >= maxAttempts) {
          if (attempt > 1) {
            log.warn("{} {} gave up after {} attempts: {}", request.method(), request.path(), attempt, e.getClass().getSimpleName());
          }
          throw failure;
        }
        sleepOrGiveUp(request, attempt, Backoff.delay(retryPolicy, attempt, settings.random()), deadline, failure);
        continue;
      }
      if (response.isSuccessful()) {
        return parseSuccess(request, response);
      }
      if (response.status() >= 300 && response.status() < 400) {
        throw redirect(request, response);
      }
      CasApiException error = ErrorMapper.map(host, request, response);
      boolean retryable = RetryRules.isRetryable(request.safety(), response.status(), error.errorCode());
      if (!retryable) {
        throw error;
      }
      if (attempt >= maxAttempts) {
        log.warn("{} {} gave up after {} attempts: HTTP {} {}",
            request.method(), request.path(), attempt, response.status(), error.errorCode());
        throw ErrorMapper.withAttempts(error, attempt);
      }
      Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), settings.clock());
      Duration delay =
          retryAfter.isPresent() ? retryAfter.get() : Backoff.delay(retryPolicy, attempt, settings.random());
      sleepOrGiveUp(request, attempt, delay, deadline, ErrorMapper.withAttempts(error, attempt));
    }
  }

  private void sleepOrGiveUp(
      ApiRequest request, int attempt, Duration delay, Instant deadline, OnboardingException last) {
    Instant now = settings.clock().instant();
    if (now.plus(delay).isAfter(deadline)) {
      log.warn("{} {} gave up after {} attempts: the next retry in {} ms would pass the {} deadline",
          request.method(), request.path(), attempt, delay.toMillis(), retryPolicy.totalDeadline());
      throw new OnboardingTimeoutException(
          describe(request) + " gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts")
              + " within the retry deadline of " + retryPolicy.totalDeadline() + "; last error: " + last.getMessage(),
          last);
    }
    log.debug("{} {} attempt {} failed ({}); retrying in {} ms",
        request.method(), request.path(), attempt, summary(last), delay.toMillis());
    try {
      settings.sleeper().sleep(delay);
    } catch (OnboardingException interruptedSleep) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(request, interruptedSleep);
      }
      throw interruptedSleep;
    }
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(request, last);
    }
  }

  private static JsonNode parseSuccess(ApiRequest request, TransportResponse response) {
    try {
      return Json.parse(response.body());
    } catch (IllegalArgumentException notJson) {
      // e.g. a login page from a proxy: the request may still have been applied by the server
      throw new OnboardingTransportException(
          describe(request) + " answered HTTP " + response.status() + " with a body that is not JSON ("
              + response.body().length() + " chars); check that the host is a Databricks workspace or account console",
          request.safety().isWrite(),
          notJson);
    }
  }

  private static String summary(OnboardingException failure) {
    if (failure instanceof CasApiException) {
      CasApiException api = (CasApiException) failure;
      return "HTTP " + api.statusCode() + " " + api.errorCode();
    }
    return failure.getCause() == null ? failure.getClass().getSimpleName() : failure.getCause().getClass().getSimpleName();
  }

  private static OnboardingException interrupted(ApiRequest request, Throwable cause) {
    Thread.currentThread().interrupt(); // keep the flag for the caller
    return new OnboardingException(describe(request) + " was interrupted", cause);
  }

  private static String attempts(int attempt) {
    return attempt > 1 ? " after " + attempt + " attempts" : "";
  }

  private static String describe(ApiRequest request) {
    return request.step() + ": " + request.method() + " " + request.path();
  }

  private CasApiException redirect(ApiRequest request, TransportResponse response) {
    String location = response.header("Location").map(RestClient::originOf).orElse("(no Location header)");
    return apiError(
        request,
        response.status(),
        "REDIRECT_REFUSED",
        ErrorCategory.OTHER,
        describe(request) + " failed: HTTP " + response.status() + " redirect to " + location
            + " refused; redirects are never followed, so that credentials stay with " + host
            + ". Check that the host is the workspace's (or account console's) own URL",
        response.header("x-request-id").orElse(null));
  }

  private static String originOf(String location) {
    try {
      URI uri = URI.create(location.strip());
      if (uri.getHost() == null) {
        return "a path on the same host";
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException unreadable) {
      return "an unreadable location";
    }
  }

  TransportRequest toWire(ApiRequest request) {
    StringBuilder uri = new StringBuilder(host.toString());
    if (uri.charAt(uri.length() - 1) == '/') {
      uri.setLength(uri.length() - 1);
    }
    uri.append(encodePath(request.path()));
    String sep = "?";
    for (Map.Entry<String, String> q : request.query().entrySet()) {
      uri.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
      sep = "&";
    }
    TransportRequest wire = TransportRequest.of(request.method(), URI.create(uri.toString()));
    if (request.body().isPresent()) {
      wire = wire.withJsonBody(Json.write(request.body().get()));
    }
    return wire;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0 || path.startsWith("/")) {
        out.append('/');
      }
      out.append(encode(segment));
    }
    // split on a leading "/" yields an empty first segment: drop the duplicate slash
    String encoded = out.toString();
    return encoded.startsWith("//") ? encoded.substring(1) : encoded;
  }

  /** Keeps CasApiException construction in one place. */
  static CasApiException apiError(
      ApiRequest request, int status, String code, ErrorCategory category, String message, String requestId) {
    return new CasApiException(message, status, code, category, requestId, request.step(), request.method(), request.path());
  }
}
