package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.transport.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that cannot be reached at all (refused connection, unknown host, TLS handshake failure) is a
 * configuration or network mistake, not a transient blip: the onboarding gives up within 3 seconds
 * of (virtual) time with a message naming the host, the port and the likely causes.
 */
class UnreachableHostTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("connection refused", new ConnectException("Failed to connect to dbc-1234.cloud.databricks.com/203.0.113.9:8443")),
        Arguments.of("unknown host", new UnknownHostException("dbc-1234.cloud.databricks.com: Name or service not known")),
        Arguments.of("TLS handshake failed", new SSLHandshakeException("PKIX path building failed")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void anUnreachableWorkspaceFailsWithinThreeSecondsNamingHostPortAndLikelyCauses(String kind, IOException failure) {
    // given: a workspace URL nothing answers at
    FakeDatabricks fake = FakeDatabricks.create();
    AtomicInteger attempts = new AtomicInteger();
    Transport unreachable = request -> {
      attempts.incrementAndGet();
      throw failure;
    };
    CasOnboarding onboarding = CasOnboarding.builder()
        .workspace(DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com:8443", fake.adminToken()))
        .servicePrincipal("TD-CAS-Service")
        .token(Duration.ofDays(1))
        .grant(CatalogGrant.dataReader("cas_demo_east1"))
        .clock(fake.clock().asClock())
        .sleeper(d -> fake.clock().advance(d))
        .transport(unreachable)
        .build();
    Instant start = fake.clock().now();

    // when
    OnboardingException e = catchThrowableOfType(OnboardingException.class, onboarding::apply);

    // then
    assertThat(Duration.between(start, fake.clock().now())).as("virtual time spent").isLessThan(Duration.ofSeconds(3));
    assertThat(e.getMessage())
        .contains("cannot reach dbc-1234.cloud.databricks.com port 8443 (" + kind)
        .contains("wrong host or port")
        .contains("VPN")
        .contains("IP access list")
        .contains("proxy");
    assertThat(attempts.get()).as("requests tried (reads started together, each retried at most once)").isLessThanOrEqualTo(2 * 6);
  }
}
