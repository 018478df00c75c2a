package com.treasuredata.cas.databricks.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.internal.ApiRequest.Safety;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryRulesTest {

  @ParameterizedTest(name = "{0} HTTP {1} {2} -> {3}")
  @CsvSource({
    "READ, 429, UNKNOWN, true",
    "READ, 500, INTERNAL_ERROR, true",
    "READ, 502, UNKNOWN, true",
    "READ, 503, TEMPORARILY_UNAVAILABLE, true",
    "READ, 504, UNKNOWN, true",
    "READ, 400, INVALID_PARAMETER_VALUE, false",
    "READ, 401, UNAUTHENTICATED, false",
    "READ, 403, PERMISSION_DENIED, false",
    "READ, 404, RESOURCE_DOES_NOT_EXIST, false",
    "READ, 409, RESOURCE_ALREADY_EXISTS, false",
    "READ, 501, NOT_IMPLEMENTED, false",
    "IDEMPOTENT_WRITE, 500, INTERNAL_ERROR, true",
    "IDEMPOTENT_WRITE, 504, UNKNOWN, true",
    "IDEMPOTENT_WRITE, 400, INVALID_STATE, false",
    "CREATE, 429, UNKNOWN, true",
    "CREATE, 501, NOT_IMPLEMENTED, true",
    "CREATE, 503, TEMPORARILY_UNAVAILABLE, true",
    "CREATE, 500, INTERNAL_ERROR, false",
    "CREATE, 502, UNKNOWN, false",
    "CREATE, 504, UNKNOWN, false",
    "CREATE, 500, REQUEST_LIMIT_EXCEEDED, true",
    "CREATE, 400, RESOURCE_EXHAUSTED, true",
    "CREATE, 409, RESOURCE_ALREADY_EXISTS, false",
  })
  void responsesAreRetriedBySafety(Safety safety, int status, String code, boolean retried) {
    assertThat(RetryRules.isRetryable(safety, status, code)).isEqualTo(retried);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ConnectException("refused"), true, true),
        Arguments.of(new UnknownHostException("dbc-x"), true, true),
        Arguments.of(new NoRouteToHostException("no route"), true, true),
        Arguments.of(new SocketException("Connection reset"), true, false),
        Arguments.of(new SocketTimeoutException("timeout"), true, false),
        Arguments.of(new InterruptedIOException("call timeout"), true, false),
        Arguments.of(new IOException("unexpected end of stream"), true, false));
  }

  @ParameterizedTest(name = "{0}: read {1}, create {2}")
  @MethodSource("failures")
  void ioFailuresAreRetriedForCreatesOnlyWhenNothingWasSent(IOException failure, boolean readRetried, boolean createRetried) {
    assertThat(RetryRules.isRetryable(Safety.READ, failure)).isEqualTo(readRetried);
    assertThat(RetryRules.isRetryable(Safety.IDEMPOTENT_WRITE, failure)).isEqualTo(readRetried);
    assertThat(RetryRules.isRetryable(Safety.CREATE, failure)).isEqualTo(createRetried);
    assertThat(RetryRules.isConnectPhase(failure)).isEqualTo(createRetried);
  }
}
