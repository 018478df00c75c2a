package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.DeadlineExceeded;
import com.databricks.sdk.core.error.platform.RequestLimitExceeded;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.error.platform.TooManyRequests;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.ConnectionFault;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.RateLimitRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Throttling and faults as the SDK sees them (reference §i.3): 429 with {@code Retry-After} from
 * the fake's rate limits and fault rules, the SDK's retry on its (virtual) timer, lost responses;
 * and {@code /.well-known/databricks-config} during config resolution (§i.4).
 */
class ResilienceConformanceTest extends SharedFakeConformanceTest {

  /** Hides the shared start: these cases need rate-limit answers that carry {@code Retry-After} (off by default). */
  @org.junit.jupiter.api.BeforeAll
  static void startFake() {
    fx = ConformanceFixture.start(com.treasuredata.cas.databricks.testkit.FakeDatabricks.builder()
        .behaviours(com.treasuredata.cas.databricks.testkit.Behaviours.defaults().withRateLimitRetryAfter(true)));
  }

  private static final String ME = "/api/2.0/preview/scim/v2/Me";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anExhaustedRateLimitIsTooManyRequestsWhenRetriesAreOff(Mode mode) {
    // given
    fx.fake().rateLimits().add(RateLimitRule.of("GET", ME, 1, Duration.ofSeconds(10)));
    var ws = fx.workspace(mode);
    ws.currentUser().me(new MeRequest());

    // when / then
    assertSdkError(() -> ws.currentUser().me(new MeRequest()), RequestLimitExceeded.class, "REQUEST_LIMIT_EXCEEDED")
        .isInstanceOf(TooManyRequests.class)
        .satisfies(t -> assertThat(((DatabricksError) t).getStatusCode()).isEqualTo(429));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theSdkWaitsOutRetryAfterOfARateLimitAndThenSucceeds(Mode mode) {
    // given
    fx.fake().rateLimits().add(RateLimitRule.of("GET", ME, 1, Duration.ofSeconds(10)));
    List<Duration> sleeps = new ArrayList<>();
    CurrentUserAPI me = new CurrentUserAPI(fx.retryingApiClient(mode, sleeps));
    me.me(new MeRequest());
    long mark = fx.fake().journal().mark();

    // when
    String userName = me.me(new MeRequest()).getUserName();

    // then
    assertThat(userName).isEqualTo(fx.fake().adminUserName());
    assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
    assertThat(fx.fake().journal().since(mark)).extracting(JournalEntry::status).containsExactly(429, 200);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theSdkRetriesInjected429sWithRetryAfterThenSucceeds(Mode mode) {
    // given
    FaultRule rule = fx.fake().faults().add(FaultRule.on("GET", ME, Fault.tooManyRequests(Duration.ofSeconds(2)))
        .withCount(2));
    List<Duration> sleeps = new ArrayList<>();
    ApiClient client = fx.retryingApiClient(mode, sleeps);
    long mark = fx.fake().journal().mark();

    // when
    String userName = new CurrentUserAPI(client).me(new MeRequest()).getUserName();

    // then
    assertThat(userName).isEqualTo(fx.fake().adminUserName());
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(fx.fake().faults().fired(rule.id())).isEqualTo(2);
    assertThat(fx.fake().journal().since(mark)).filteredOn(e -> e.path().equals(ME))
        .extracting(JournalEntry::status).containsExactly(429, 429, 200);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theSdkGivesUpAfterFourAttempts(Mode mode) {
    // given
    fx.fake().faults().add(FaultRule.on("GET", ME, Fault.tooManyRequests(Duration.ofSeconds(1))).always());
    List<Duration> sleeps = new ArrayList<>();
    CurrentUserAPI me = new CurrentUserAPI(fx.retryingApiClient(mode, sleeps));

    // when / then: not a DatabricksError, the last error is the cause
    assertThatThrownBy(() -> me.me(new MeRequest()))
        .isExactlyInstanceOf(DatabricksException.class)
        .hasMessageContaining("failed after 4 retries")
        .hasCauseInstanceOf(TooManyRequests.class);
    assertThat(sleeps).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void an503IsTemporarilyUnavailable(Mode mode) {
    // given
    fx.fake().faults().add(FaultRule.on("GET", ME, Fault.status(503)));

    // when / then
    assertThatThrownBy(() -> fx.workspace(mode).currentUser().me(new MeRequest()))
        .isInstanceOf(TemporarilyUnavailable.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResetConnectionIsTheSdksIoError(Mode mode) {
    // given
    FaultRule rule = fx.fake().faults().add(FaultRule.on("GET", ME, Fault.connection(ConnectionFault.RESET)).always());

    // when / then: a socket RST over HTTP, a SocketException in-process; the SDK maps both alike
    assertThatThrownBy(() -> fx.workspace(mode).currentUser().me(new MeRequest()))
        .isExactlyInstanceOf(DatabricksError.class)
        .satisfies(t -> {
          assertThat(((DatabricksError) t).getErrorCode()).isEqualTo("IO_ERROR");
          assertThat(((DatabricksError) t).getStatusCode()).isEqualTo(523);
        });
    // the one difference between the modes, and it is the client's: over HTTP the SDK's Apache
    // client (DefaultHttpRequestRetryHandler) silently resends an idempotent GET three more times
    assertThat(fx.fake().faults().fired(rule.id())).isEqualTo(mode == Mode.HTTP ? 4 : 1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResetConnectionOnAPostIsNotResent(Mode mode) {
    // given
    FaultRule rule = fx.fake().faults().add(FaultRule.on("POST", "/api/2.0/accounts/*/scim/v2/ServicePrincipals",
        Fault.connection(ConnectionFault.RESET)));
    AccountClient account = fx.account(mode);

    // when / then
    assertThatThrownBy(() -> account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")))
        .isExactlyInstanceOf(DatabricksError.class)
        .satisfies(t -> assertThat(((DatabricksError) t).getErrorCode()).isEqualTo("IO_ERROR"));
    assertThat(fx.fake().faults().fired(rule.id())).isEqualTo(1);
    assertThat(fx.fake().account().servicePrincipals()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aLostResponseHidesAWriteThatHappened(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    fx.fake().faults().add(FaultRule.on("POST", "/api/2.0/accounts/*/scim/v2/ServicePrincipals", Fault.afterHandler(504)));

    // when / then
    assertThatThrownBy(() -> account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")))
        .isInstanceOf(DeadlineExceeded.class);
    assertThat(fx.fake().account().servicePrincipalsNamed("TD-CAS-Service")).hasSize(1);
    assertThat(fx.fake().faults().unfired()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void hostMetadataFillsTheWorkspaceAndAccountIdsDuringResolve(Mode mode) {
    // given
    DatabricksConfig workspace = fx.patConfig(mode, fx.workspaceHost(mode), fx.fake().adminToken().reveal());
    DatabricksConfig account = fx.patConfig(mode, fx.accountHost(mode), fx.fake().adminToken().reveal());

    // when
    workspace.resolve();
    account.resolve();

    // then
    assertThat(workspace.getWorkspaceId()).isEqualTo(Long.toString(fx.fake().workspaceId()));
    assertThat(workspace.getAccountId()).isEqualTo(fx.fake().accountId());
    assertThat(account.getAccountId()).isEqualTo(fx.fake().accountId());
    assertThat(account.getWorkspaceId()).isNull();
    assertThat(fx.fake().journal().requests("GET", "/.well-known/databricks-config"))
        .hasSize(2).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailingHostMetadataEndpointDoesNotBreakTheClient(Mode mode) {
    // given
    fx.fake().faults().add(FaultRule.on("GET", "/.well-known/databricks-config", Fault.status(500)).always());

    // when
    String userName = fx.workspace(mode, fx.fake().adminToken().reveal()).currentUser().me(new MeRequest())
        .getUserName();

    // then
    assertThat(userName).isEqualTo(fx.fake().adminUserName());
    assertThat(fx.fake().journal().requests("GET", "/.well-known/databricks-config"))
        .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(500));
  }
}
