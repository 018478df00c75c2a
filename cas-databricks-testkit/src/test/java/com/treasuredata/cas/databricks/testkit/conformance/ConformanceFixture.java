package com.treasuredata.cas.databricks.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.utils.Timer;
import com.treasuredata.cas.databricks.internal.sdk.SdkHttpClientAdapter;
import com.treasuredata.cas.databricks.testkit.FakeClock;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeDatabricksBuilder;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One fake, served both ways, and official SDK clients for either {@link Mode}. A test class
 * starts one fixture in {@code @BeforeAll}, calls {@link #reset()} before each test and closes it
 * in {@code @AfterAll}: the fake is shared by both modes, so a scenario leaves the same state
 * whichever way it went in.
 *
 * <p>Every client has SDK retries disabled (an error surfaces at once, as the exception the SDK
 * maps it to) and a short HTTP timeout, so nothing can hang; {@link #retryingApiClient} is the one
 * exception, and its retries wait on the fake's virtual clock instead of sleeping.
 */
final class ConformanceFixture implements AutoCloseable {

  private static final int HTTP_TIMEOUT_SECONDS = 10;

  private final FakeDatabricks fake;
  private final FakeDatabricksServer server;
  // admin clients survive reset(): the admin token, hosts and ids of a fake never change
  private final Map<Mode, AccountClient> adminAccounts = new EnumMap<>(Mode.class);
  private final Map<Mode, WorkspaceClient> adminWorkspaces = new EnumMap<>(Mode.class);

  private ConformanceFixture(FakeDatabricks fake, FakeDatabricksServer server) {
    this.fake = fake;
    this.server = server;
  }

  /**
   * Starts a fake with the default state and a loopback server in front of it. Over HTTP the
   * workspace is {@code http://127.0.0.1:<port>} and the account {@code http://localhost:<port>},
   * registered as the account host: as on the real API, the account and the workspace are
   * different hosts, so host metadata and OIDC discovery answer for the right one.
   */
  static ConformanceFixture start() {
    return start(FakeDatabricks.builder());
  }

  /** Like {@link #start()}, for a fake with non-default options (e.g. {@code Behaviours}). */
  static ConformanceFixture start(FakeDatabricksBuilder builder) {
    // A fixed start keeps rate-limit windows (and so Retry-After values) reproducible.
    FakeDatabricks fake = builder.clock(FakeClock.startingAt(FakeClock.DEFAULT_START)).build();
    FakeDatabricksServer server = FakeDatabricksServer.create(fake).start();
    fake.registerAccountHost(httpAccountHost(server));
    return new ConformanceFixture(fake, server);
  }

  private static URI httpAccountHost(FakeDatabricksServer server) {
    return URI.create("http://localhost:" + server.port());
  }

  FakeDatabricks fake() {
    return fake;
  }

  FakeDatabricksServer server() {
    return server;
  }

  /** Returns the fake to its default state (journal, faults, rate limits, clock included). */
  void reset() {
    fake.reset();
    server.clearCallerAddress();
  }

  /**
   * Makes requests of {@code mode} come from {@code address}: in-process through
   * {@code FakeDatabricks.callerAddress}, over HTTP through the server's override of the socket
   * address (which is always 127.0.0.1 on loopback). {@link #reset()} undoes both.
   */
  void callerAddress(Mode mode, String address) {
    if (mode == Mode.HTTP) {
      server.callerAddress(address);
    } else {
      fake.callerAddress(address);
    }
  }

  @Override
  public void close() {
    server.close();
    fake.close();
  }

  // ------------------------------------------------------------------ hosts and configs

  URI accountHost(Mode mode) {
    return mode == Mode.HTTP ? httpAccountHost(server) : fake.accountHost();
  }

  URI workspaceHost(Mode mode) {
    return mode == Mode.HTTP ? server.url() : fake.workspaceHost();
  }

  /** A config without credentials for {@code host}, retries off, short timeout, the mode's HTTP client. */
  DatabricksConfig config(Mode mode, URI host) {
    DatabricksConfig config = new DatabricksConfig()
        .setHost(host.toString())
        .setHttpTimeoutSeconds(HTTP_TIMEOUT_SECONDS)
        .setDisableRetries(true);
    if (mode == Mode.IN_PROCESS) {
      config.setHttpClient(new SdkHttpClientAdapter(host, fake.transport()));
    }
    return config;
  }

  DatabricksConfig patConfig(Mode mode, URI host, String token) {
    return config(mode, host).setAuthType("pat").setToken(token);
  }

  /** An account client authenticated with the admin token (one per mode, reused across tests). */
  AccountClient account(Mode mode) {
    return adminAccounts.computeIfAbsent(mode, m -> new AccountClient(
        patConfig(m, accountHost(m), fake.adminToken().reveal()).setAccountId(fake.accountId())));
  }

  /** A workspace client for the default workspace, authenticated with the admin token (one per mode). */
  WorkspaceClient workspace(Mode mode) {
    return adminWorkspaces.computeIfAbsent(mode, m -> workspace(m, fake.adminToken().reveal()));
  }

  /** A new workspace client for the default workspace (its config resolves now), authenticated with {@code token}. */
  WorkspaceClient workspace(Mode mode, String token) {
    return new WorkspaceClient(patConfig(mode, workspaceHost(mode), token));
  }

  /**
   * An admin client for workspace {@code workspaceId}: in-process through that workspace's own
   * host; over HTTP, where every workspace shares the loopback URL, through the
   * {@code X-Databricks-Workspace-Id} header the SDK sends once the config names the workspace.
   */
  WorkspaceClient workspace(Mode mode, long workspaceId) {
    URI host = mode == Mode.HTTP ? server.url() : fake.workspace(workspaceId).host();
    return new WorkspaceClient(patConfig(mode, host, fake.adminToken().reveal())
        .setWorkspaceId(Long.toString(workspaceId)));
  }

  /** A workspace client authenticating with OAuth M2M (client credentials through the fake's token endpoint). */
  WorkspaceClient oauthWorkspace(Mode mode, String clientId, String clientSecret) {
    return new WorkspaceClient(config(mode, workspaceHost(mode))
        .setAuthType("oauth-m2m").setClientId(clientId).setClientSecret(clientSecret)
        .setDisableAsyncTokenRefresh(true));
  }

  /** An account client authenticating with OAuth M2M. */
  AccountClient oauthAccount(Mode mode, String clientId, String clientSecret) {
    return new AccountClient(config(mode, accountHost(mode))
        .setAuthType("oauth-m2m").setClientId(clientId).setClientSecret(clientSecret)
        .setDisableAsyncTokenRefresh(true).setAccountId(fake.accountId()));
  }

  /**
   * An admin {@link ApiClient} for the default workspace with the SDK's retries ON; its backoff
   * advances the fake's clock (so rate-limit windows refill) and is recorded in {@code sleeps}.
   */
  ApiClient retryingApiClient(Mode mode, List<Duration> sleeps) {
    DatabricksConfig config = patConfig(mode, workspaceHost(mode), fake.adminToken().reveal()).setDisableRetries(false);
    return new ApiClient(config, new VirtualTimer(sleeps));
  }

  private final class VirtualTimer implements Timer {
    private final List<Duration> sleeps;

    VirtualTimer(List<Duration> sleeps) {
      this.sleeps = sleeps;
    }

    @Override
    public void sleep(long milliseconds) {
      sleeps.add(Duration.ofMillis(milliseconds));
      fake.clock().advance(Duration.ofMillis(milliseconds));
    }

    @Override
    public long getCurrentTime() {
      return fake.clock().millis();
    }
  }

  // ------------------------------------------------------------------ seeding

  /**
   * Seeds a service principal that is assigned to the default workspace as USER and holds
   * CAN_USE on tokens, without going through the API (the scenario under test does that).
   */
  ServicePrincipal seedTokenUser(String displayName) {
    ServicePrincipal sp = fake.account().addServicePrincipal(displayName);
    fake.workspace().assign(sp.applicationId(), "USER");
    fake.workspace().grantTokenPermission(TokenPermission.servicePrincipal(sp.applicationId(), "CAN_USE"));
    return sp;
  }

  /** Seeds a token user and issues it a PAT valid for a day; returns the PAT. */
  String seedSpToken(ServicePrincipal sp) {
    return fake.workspace().issueToken(sp.applicationId(), Duration.ofDays(1)).reveal();
  }

  // ------------------------------------------------------------------ assertions

  /**
   * Asserts that {@code call} throws exactly SDK error class {@code type} with {@code errorCode},
   * and returns the assertion for more checks (e.g. the message).
   */
  static AbstractThrowableAssert<?, ? extends Throwable> assertSdkError(
      ThrowingCallable call, Class<? extends DatabricksError> type, String errorCode) {
    return assertThatThrownBy(call)
        .isExactlyInstanceOf(type)
        .satisfies(t -> org.assertj.core.api.Assertions.assertThat(((DatabricksError) t).getErrorCode())
            .as("error_code of %s", t.getMessage()).isEqualTo(errorCode));
  }

  static <T> List<T> toList(Iterable<T> items) {
    List<T> out = new ArrayList<>();
    items.forEach(out::add);
    return out;
  }
}
