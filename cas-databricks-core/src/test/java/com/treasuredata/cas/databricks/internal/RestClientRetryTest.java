package com.treasuredata.cas.databricks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingTimeoutException;
import com.treasuredata.cas.databricks.OnboardingTransportException;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.internal.ApiRequest.Safety;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testing.TestClock;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RestClientRetryTest {

  private static final URI HOST = URI.create("https://dbc-1234.cloud.databricks.com");
  private static final ApiRequest READ = ApiRequest.get("lookup", "/api/2.0/preview/scim/v2/ServicePrincipals");
  private static final ApiRequest CREATE =
      ApiRequest.write("create", "POST", "/api/2.0/preview/scim/v2/ServicePrincipals", Json.object().put("displayName", "x"), Safety.CREATE);
  private static final ApiRequest PATCH =
      ApiRequest.write("token-usage", "PATCH", "/api/2.0/permissions/authorization/tokens", Json.object(), Safety.IDEMPOTENT_WRITE);

  private final TestClock clock = TestClock.create();
  private final Deque<Object> script = new ArrayDeque<>();
  private final List<TransportRequest> sent = new ArrayList<>();
  private final Transport transport =
      request -> {
        sent.add(request);
        Object next = script.isEmpty() ? ok() : script.poll();
        if (next instanceof IOException) {
          throw (IOException) next;
        }
        return (TransportResponse) next;
      };

  @BeforeEach
  void clearLogs() {
    CapturedLogs.clear();
  }

  private RestClient client(RetryPolicy policy) {
    ClientSettings settings = ClientSettings.of(transport)
        .withRetryPolicy(policy).withClock(clock).withSleeper(clock.sleeper()).withRandom(new Random(3));
    return new RestClient(HOST, transport, settings);
  }

  private static RetryPolicy noJitter() {
    return RetryPolicy.builder().jitter(0).build();
  }

  private static TransportResponse ok() {
    return TransportResponse.json(200, "{\"ok\":true}");
  }

  private static TransportResponse status(int status, String code) {
    return TransportResponse.json(status, "{\"error_code\":\"" + code + "\",\"message\":\"nope\"}");
  }

  private static TransportResponse withHeader(TransportResponse response, String name, String value) {
    return new TransportResponse(response.status(), Map.of(name, value, "Content-Type", "application/json"), response.body());
  }

  @Test
  void readWaitsForRetryAfterSecondsThenSucceeds() {
    // given
    script.add(withHeader(status(503, "TEMPORARILY_UNAVAILABLE"), "Retry-After", "7"));

    // when
    var body = client(noJitter()).call(READ);

    // then
    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(sent).hasSize(2);
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredFromTheInjectedClock() {
    // given: the clock stands at 2026-01-01T00:00:00Z
    script.add(withHeader(status(429, "TOO_MANY_REQUESTS"), "Retry-After", "Thu, 01 Jan 2026 00:00:42 GMT"));

    // when
    client(noJitter()).call(READ);

    // then
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void backoffGrowsExponentiallyAcrossRetryableStatuses() {
    // given
    script.add(status(500, "INTERNAL_ERROR"));
    script.add(status(502, "BAD_GATEWAY"));
    script.add(status(504, "DEADLINE_EXCEEDED"));

    // when
    client(noJitter()).call(READ);

    // then
    assertThat(sent).hasSize(4);
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void backoffIsCapped() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0).maxAttempts(6).maxDelay(Duration.ofSeconds(3)).build();
    for (int i = 0; i < 5; i++) {
      script.add(status(503, "TEMPORARILY_UNAVAILABLE"));
    }

    // when
    client(policy).call(READ);

    // then
    assertThat(clock.sleeps()).containsExactly(
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void theDeadlineEndsRetriesWithATimeoutCarryingTheAttemptCountAndLastError() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0).maxAttempts(10).totalDeadline(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 10; i++) {
      script.add(status(503, "TEMPORARILY_UNAVAILABLE"));
    }

    // when
    OnboardingTimeoutException timeout = catchThrowableOfType(OnboardingTimeoutException.class, () -> client(policy).call(READ));

    // then: 1 s + 2 s fit in 5 s, the next 4 s would not
    assertThat(sent).hasSize(3);
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(timeout).hasMessageContaining("gave up after 3 attempts").hasMessageContaining("HTTP 503");
    assertThat(timeout.getCause()).isInstanceOf(CasApiException.class);
  }

  @Test
  void exhaustedAttemptsEndWithTheLastApiErrorAndAWarning() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0).maxAttempts(3).build();
    for (int i = 0; i < 3; i++) {
      script.add(status(503, "TEMPORARILY_UNAVAILABLE"));
    }

    // when
    CasApiException error = catchThrowableOfType(CasApiException.class, () -> client(policy).call(READ));

    // then
    assertThat(sent).hasSize(3);
    assertThat(error.statusCode()).isEqualTo(503);
    assertThat(error.errorCode()).isEqualTo("TEMPORARILY_UNAVAILABLE");
    assertThat(error).hasMessageContaining("gave up after 3 attempts");
    assertThat(CapturedLogs.at(Level.WARN)).anySatisfy(e -> assertThat(e.message()).contains("gave up after 3 attempts"));
    assertThat(CapturedLogs.at(Level.DEBUG)).anySatisfy(e -> assertThat(e.message()).contains("attempt 1 failed (HTTP 503").contains("retrying in 1000 ms"));
  }

  @Test
  void createIsNotResentAfterAServerErrorBecauseItMayHaveBeenApplied() {
    // given
    script.add(status(500, "INTERNAL_ERROR"));

    // when
    CasApiException error = catchThrowableOfType(CasApiException.class, () -> client(noJitter()).call(CREATE));

    // then
    assertThat(sent).hasSize(1);
    assertThat(error.statusCode()).isEqualTo(500);
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void createIsNotResentAfterAResetOrTimeoutAndSaysItMayHaveBeenApplied() {
    // given
    script.add(new SocketException("Connection reset"));

    // when
    OnboardingTransportException error =
        catchThrowableOfType(OnboardingTransportException.class, () -> client(noJitter()).call(CREATE));

    // then
    assertThat(sent).hasSize(1);
    assertThat(error.maybeApplied()).isTrue();
    assertThat(error).hasMessageContaining("may have applied").hasCauseInstanceOf(SocketException.class);

    // and a timeout is just as ambiguous
    script.add(new SocketTimeoutException("timeout"));
    assertThatThrownBy(() -> client(noJitter()).call(CREATE))
        .isInstanceOfSatisfying(OnboardingTransportException.class, e -> assertThat(e.maybeApplied()).isTrue());
  }

  @Test
  void createIsRetriedWhenTheServerCannotHaveActed() {
    // given
    script.add(new ConnectException("Connection refused"));
    script.add(status(429, "TOO_MANY_REQUESTS"));
    script.add(status(503, "TEMPORARILY_UNAVAILABLE"));
    script.add(status(501, "NOT_IMPLEMENTED"));

    // when
    client(noJitter()).call(CREATE);

    // then
    assertThat(sent).hasSize(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreachable")
  void anUnreachableHostGetsOneQuickRetryThenAnErrorNamingHostPortAndLikelyCauses(String kind, IOException failure) {
    // given: the host never answers
    for (int i = 0; i < 10; i++) {
      script.add(failure);
    }
    Instant start = clock.instant();

    // when
    OnboardingTransportException e = catchThrowableOfType(OnboardingTransportException.class, () -> client(RetryPolicy.defaults()).call(READ));

    // then
    assertThat(sent).as("one try and one quick retry").hasSize(2);
    assertThat(Duration.between(start, clock.instant())).as("injected clock time spent").isLessThan(Duration.ofSeconds(3));
    assertThat(e.maybeApplied()).isFalse();
    assertThat(e.getMessage())
        .contains("cannot reach dbc-1234.cloud.databricks.com port 443 (" + kind + ", 2 attempts)")
        .contains("wrong host or port")
        .contains("VPN")
        .contains("IP access list")
        .contains("proxy");
  }

  static Stream<Arguments> unreachable() {
    return Stream.of(
        Arguments.of("connection refused", new ConnectException("Connection refused")),
        Arguments.of("unknown host", new UnknownHostException("dbc-1234.cloud.databricks.com")),
        Arguments.of("TLS handshake failed", new SSLHandshakeException("PKIX path building failed")),
        Arguments.of("connection refused", new IOException("wrapped", new ConnectException("Connection refused"))));
  }

  @Test
  void anUnreachableHostThatAnswersOnTheQuickRetryIsFine() {
    // given
    script.add(new ConnectException("Connection refused"));

    // when
    client(RetryPolicy.defaults()).call(READ);

    // then
    assertThat(sent).hasSize(2);
  }

  @Test
  void aScimConcurrencyLimitReportedAsA500IsRetriedEvenForCreates() {
    // given
    script.add(status(500, "REQUEST_LIMIT_EXCEEDED"));
    script.add(status(500, "REQUEST_LIMIT_EXCEEDED"));

    // when
    client(noJitter()).call(CREATE);
    client(noJitter()).call(READ);

    // then
    assertThat(sent).hasSize(4);
  }

  @Test
  void readsRetryIOExceptionsAndFinallyReportNothingApplied() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0).maxAttempts(2).build();
    script.add(new SocketException("Connection reset"));
    script.add(new SocketException("Connection reset"));

    // when
    OnboardingTransportException error =
        catchThrowableOfType(OnboardingTransportException.class, () -> client(policy).call(READ));

    // then
    assertThat(sent).hasSize(2);
    assertThat(error.maybeApplied()).isFalse();
    assertThat(error).hasMessageContaining("after 2 attempts");
  }

  @Test
  void idempotentWritesRetryIOExceptionsButStillReportThatTheyMayHaveApplied() {
    // given
    RetryPolicy policy = RetryPolicy.builder().jitter(0).maxAttempts(2).build();
    script.add(new SocketTimeoutException("timeout"));
    script.add(new SocketTimeoutException("timeout"));

    // when
    OnboardingTransportException error =
        catchThrowableOfType(OnboardingTransportException.class, () -> client(policy).call(PATCH));

    // then
    assertThat(sent).hasSize(2);
    assertThat(error.maybeApplied()).isTrue();
  }

  @Test
  void clientErrorsAreNeverRetried() {
    // given
    script.add(status(400, "INVALID_PARAMETER_VALUE"));
    script.add(status(403, "PERMISSION_DENIED"));
    script.add(status(404, "RESOURCE_DOES_NOT_EXIST"));
    RestClient client = client(noJitter());

    // when / then
    assertThatThrownBy(() -> client.call(READ)).isInstanceOf(CasApiException.class);
    assertThatThrownBy(() -> client.call(READ)).isInstanceOf(CasApiException.class);
    assertThatThrownBy(() -> client.call(READ)).isInstanceOf(CasApiException.class);
    assertThat(sent).hasSize(3);
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void aRedirectIsRefusedWithoutFollowingIt() {
    // given
    script.add(new TransportResponse(302, Map.of("Location", "https://evil.example.com/collect?token=abc"), ""));

    // when
    CasApiException error = catchThrowableOfType(CasApiException.class, () -> client(noJitter()).call(READ));

    // then
    assertThat(sent).hasSize(1);
    assertThat(error.errorCode()).isEqualTo("REDIRECT_REFUSED");
    assertThat(error).hasMessageContaining("https://evil.example.com").hasMessageNotContaining("token=abc");
  }

  @Test
  void anInterruptDuringTheWaitStopsRetryingAndKeepsTheFlag() {
    // given
    script.add(status(503, "TEMPORARILY_UNAVAILABLE"));
    ClientSettings settings = ClientSettings.of(transport).withRetryPolicy(noJitter()).withClock(clock)
        .withSleeper(d -> Thread.currentThread().interrupt());
    RestClient client = new RestClient(HOST, transport, settings);

    // when
    Throwable thrown;
    try {
      thrown = catchThrowableOfType(OnboardingException.class, () -> client.call(READ));
    } finally {
      // then
      assertThat(Thread.interrupted()).isTrue();
    }
    assertThat(thrown).hasMessageContaining("interrupted");
    assertThat(sent).hasSize(1);
  }

  @Test
  void aSuccessfulStatusWithANonJsonBodyIsAClearTransportError() {
    // given
    script.add(new TransportResponse(200, Map.of("Content-Type", "text/html"), "<html>login SENTINEL</html>"));

    // when
    OnboardingTransportException error =
        catchThrowableOfType(OnboardingTransportException.class, () -> client(noJitter()).call(CREATE));

    // then
    assertThat(error).hasMessageContaining("not JSON").hasMessageNotContaining("SENTINEL");
    assertThat(error.maybeApplied()).isTrue();
  }
}
