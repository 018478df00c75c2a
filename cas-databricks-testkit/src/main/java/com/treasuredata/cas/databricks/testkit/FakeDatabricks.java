package com.treasuredata.cas.databricks.testkit;

import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.testkit.internal.engine.Engine;
import com.treasuredata.cas.databricks.testkit.internal.engine.EngineConfig;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An in-memory fake Databricks: one account with service principals, workspace assignments and
 * OAuth secrets, holding one or more workspaces with a token ACL, tokens, workspace-conf, IP access
 * lists and a Unity Catalog metastore. Requests change and read that state as the real REST API
 * would, with the real paths, shapes and error envelopes.
 *
 * <p>Two ways in, one engine: {@link #transport()} serves the core library's {@link Transport} SPI
 * in-process (no sockets), and the testkit's HTTP server calls {@link #handle(FakeRequest)} for
 * every request it receives. Test controls: {@link #faults()}, {@link #rateLimits()},
 * {@link #consistency(ConsistencyDelay)}, {@link #clock()}, {@link #journal()},
 * {@link #snapshot()}/{@link #restore(Snapshot)}/{@link #reset()}; state views and seed helpers
 * through {@link #account()} and {@link #workspace()}.
 *
 * <p>The default state: one account, one workspace with catalog {@code cas_demo_east1} (schema
 * {@code default}), the {@code admins} group holding CAN_MANAGE on tokens, IP access lists
 * disabled, an admin user whose {@link #adminToken()} both the account and the workspace APIs
 * accept. Every instance is independent (no static mutable state) and cheap to create; all
 * methods are thread-safe. {@link #close()} releases nothing today but is the contract for
 * future resources.
 *
 * <pre>{@code
 * try (FakeDatabricks fake = FakeDatabricks.create()) {
 *   Transport transport = fake.transport();
 *   TransportResponse r = transport.execute(TransportRequest.get(
 *           URI.create(fake.workspaceHost() + "/api/2.0/preview/scim/v2/Me"))
 *       .withHeader("Authorization", "Bearer " + fake.adminToken().reveal()));
 *   fake.faults().add(FaultRule.on("POST", "/api/2.0/token-management/*", Fault.afterHandler(504)));
 * }
 * }</pre>
 */
public final class FakeDatabricks implements AutoCloseable {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Engine engine;
  private final FakeClock clock;
  private final Journal journal;
  private final Faults faults = new Faults();
  private final RateLimits rateLimits = new RateLimits();
  private final ConcurrencyLimits concurrencyLimits = new ConcurrencyLimits();
  private final RequestPipeline pipeline;
  private final Behaviours behaviours;
  private final Sleeper sleeper;
  private final Duration latency;
  private final Secret adminToken;
  private final URI accountHost;
  private final String initialCallerAddress;
  private final Transport transport = this::executeInProcess;
  private final FakeAccount accountView;
  private final Map<Long, FakeWorkspace> workspaceViews = new LinkedHashMap<>();
  private volatile String callerAddress;

  FakeDatabricks(FakeDatabricksBuilder b) {
    this.clock = b.clock != null ? b.clock : FakeClock.create();
    this.journal = new Journal(b.journalCapacity);
    this.behaviours = b.behaviours;
    this.sleeper = b.sleeper;
    this.latency = b.latency;
    this.accountHost = URI.create("https://accounts.fake-databricks.test");
    long seed = b.seed != null ? b.seed : ThreadLocalRandom.current().nextLong();
    SplittableRandom tokens = new SplittableRandom(seed);
    this.adminToken = Secret.of("dapi" + hex(tokens.nextLong()) + hex(tokens.nextLong()));
    List<TokenPermission> acl = new ArrayList<>(b.initialTokenAcl);
    this.engine = new Engine(new EngineConfig(b.accountId, b.workspaceId, b.workspaceName, accountHost,
        adminToken.reveal(), seed ^ 0x5DEECE66DL, b.catalogs, acl, behaviours), clock.millis());
    engine.consistency(b.consistency);
    rateLimits.sendRetryAfter(behaviours.rateLimitRetryAfter());
    this.initialCallerAddress = b.callerAddress;
    this.callerAddress = b.callerAddress;
    this.accountView = new FakeAccount(this, engine);
    this.pipeline = new RequestPipeline(engine, clock, journal, faults, rateLimits, latency);
    pipeline.concurrency(concurrencyLimits);
  }

  private static String hex(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(16 - h.length()) + h;
  }

  /**
   * Creates a fake with the default state and options.
   *
   * @return this fake databricks
   */
  public static FakeDatabricks create() {
    return builder().build();
  }

  /**
   * Returns a builder for a fake with non-default options.
   *
   * @return a builder for a fake with non-default options
   */
  public static FakeDatabricksBuilder builder() {
    return new FakeDatabricksBuilder();
  }

  // ------------------------------------------------------------------ the engine entry

  /**
   * Answers one request: routing, IP access lists, authentication, fault rules, rate limits, the
   * handler, then the journal. Both front ends call this; it is thread-safe (requests of one fake
   * are serialised). Never throws for a bad request: every problem is an HTTP answer.
   *
   * @param request the request
   * @return the fake response
   */
  public FakeResponse handle(FakeRequest request) {
    Objects.requireNonNull(request, "request");
    return pipeline.handle(request);
  }

  // ------------------------------------------------------------------ the in-process front end

  /**
   * Returns the in-process front end: a {@link Transport} that hands each request to
   * {@link #handle(FakeRequest)} without sockets. The caller address is {@link #callerAddress()};
   * injected latency waits on the builder's {@link Sleeper} (real sleeping by default); a
   * connection fault throws {@link SocketException} ("Connection reset") or
   * {@link SocketTimeoutException}. A request to a host that is not the account host nor a
   * workspace host throws {@link UnknownHostException}, so nothing can leak to a real Databricks.
   *
   * @return the in-process front end: a {@link Transport} that hands each request to {@link #handle(FakeRequest)} without sockets
   */
  public Transport transport() {
    return transport;
  }

  private TransportResponse executeInProcess(TransportRequest request) throws IOException {
    URI uri = request.uri();
    String target = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    ConcurrencyLimits.Admission[] admission = {ConcurrencyLimits.Admission.NONE};
    FakeResponse response = pipeline.handleIfKnownHost(new FakeRequest(request.method(), path, uri.getRawQuery(), request.headers(),
        request.body().orElse(""), callerAddress, target), a -> admission[0] = a);
    if (response == null) {
      throw new UnknownHostException(uri.getHost() + " is not a host of this FakeDatabricks (account host "
          + accountHost + ", workspace hosts " + workspaceHosts() + ")");
    }
    try {
      if (!response.delay().isZero()) {
        sleeper.sleep(response.delay());
      }
    } finally {
      admission[0].release(); // in flight until the latency is waited out, as on the wire
    }
    if (response.connectionFault().isPresent()) {
      if (response.connectionFault().get() == ConnectionFault.RESET) {
        throw new SocketException("Connection reset");
      }
      throw new SocketTimeoutException("Read timed out (stalled by a FakeDatabricks fault rule)");
    }
    return new TransportResponse(response.status(), response.headers(), response.body());
  }

  private List<URI> workspaceHosts() {
    synchronized (engine) {
      List<URI> out = new ArrayList<>();
      for (long id : engine.views().workspaceIds()) {
        out.add(engine.views().workspaceHost(id));
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ identity of the default state

  /**
   * Returns the account id.
   *
   * @return the account id
   */
  public String accountId() {
    synchronized (engine) {
      return engine.views().accountId();
    }
  }

  /**
   * Returns the id of the default workspace.
   *
   * @return the id of the default workspace
   */
  public long workspaceId() {
    return engine.views().defaultWorkspaceId();
  }

  /**
   * Returns the in-process account host, {@code https://accounts.fake-databricks.test}.
   *
   * @return the in-process account host, {@code https://accounts.fake-databricks.test}
   */
  public URI accountHost() {
    return accountHost;
  }

  /**
   * Returns the in-process host of the default workspace, {@code https://dbc-<id>.fake-databricks.test}.
   *
   * @return the in-process host of the default workspace, {@code https://dbc-<id>.fake-databricks.test}
   */
  public URI workspaceHost() {
    synchronized (engine) {
      return engine.views().workspaceHost(engine.views().defaultWorkspaceId());
    }
  }

  /**
   * Returns the admin token: the account API and every workspace API accept it, whatever the workspace-conf.
   *
   * @return the admin token: the account API and every workspace API accept it, whatever the workspace-conf
   */
  public Secret adminToken() {
    return adminToken;
  }

  /**
   * Returns the admin user's name (also its token ACL {@code user_name}).
   *
   * @return the admin user's name (also its token ACL {@code user_name})
   */
  public String adminUserName() {
    synchronized (engine) {
      return engine.views().adminUserName();
    }
  }

  /**
   * Registers another address under which workspace {@code workspaceId} is reached (the HTTP front
   * end registers its loopback URL); requests whose target host equals it go to that workspace.
   *
   * @param host the host
   * @param workspaceId the workspace id
   */
  public void registerWorkspaceHost(long workspaceId, URI host) {
    Objects.requireNonNull(host, "host");
    synchronized (engine) {
      engine.hosts().registerWorkspaceHost(workspaceId, host);
    }
  }

  /**
   * Registers another address under which the account host is reached (for host-dependent routes).
   *
   * @param host the host
   */
  public void registerAccountHost(URI host) {
    Objects.requireNonNull(host, "host");
    synchronized (engine) {
      engine.hosts().registerAccountHost(host);
    }
  }

  // ------------------------------------------------------------------ state views and seeding

  /**
   * Returns the account view: service principals, groups, OAuth secrets.
   *
   * @return the account view: service principals, groups, OAuth secrets
   */
  public FakeAccount account() {
    return accountView;
  }

  /**
   * Returns the default workspace's view.
   *
   * @return the default workspace's view
   */
  public FakeWorkspace workspace() {
    return workspace(engine.views().defaultWorkspaceId());
  }

  /**
   * Returns the view of workspace {@code workspaceId}.
   *
   * @param workspaceId the workspace id
   * @return the view of workspace {@code workspaceId}
   * @throws IllegalArgumentException if there is no such workspace
   */
  public FakeWorkspace workspace(long workspaceId) {
    synchronized (engine) {
      if (!engine.views().workspaceIds().contains(workspaceId)) {
        throw new IllegalArgumentException("no workspace with id " + workspaceId + "; known: " + engine.views().workspaceIds());
      }
      return workspaceViews.computeIfAbsent(workspaceId, id -> new FakeWorkspace(this, engine, id));
    }
  }

  /**
   * Returns every workspace, the default first.
   *
   * @return every workspace, the default first
   */
  public List<FakeWorkspace> workspaces() {
    List<FakeWorkspace> out = new ArrayList<>();
    List<Long> ids;
    synchronized (engine) {
      ids = engine.views().workspaceIds();
    }
    for (long id : ids) {
      out.add(workspace(id));
    }
    return List.copyOf(out);
  }

  /**
   * Adds a workspace with the default workspace state (admins CAN_MANAGE on tokens, IP access lists
   * off) and the given catalogs, each with schema {@code default}.
   *
   * @param catalogs the catalogs
   * @param name the name
   * @param workspaceId the workspace id
   * @return the fake workspace
   * @throws IllegalArgumentException if the id is taken
   */
  public FakeWorkspace addWorkspace(long workspaceId, String name, String... catalogs) {
    Objects.requireNonNull(name, "name");
    synchronized (engine) {
      engine.seeding().addWorkspace(workspaceId, name, List.of(catalogs), clock.millis());
    }
    return workspace(workspaceId);
  }

  // ------------------------------------------------------------------ controls

  /**
   * Returns the virtual clock.
   *
   * @return the virtual clock
   */
  public FakeClock clock() {
    return clock;
  }

  /**
   * Returns the request journal.
   *
   * @return the request journal
   */
  public Journal journal() {
    return journal;
  }

  /**
   * Returns the fault rules.
   *
   * @return the fault rules
   */
  public Faults faults() {
    return faults;
  }

  /**
   * Returns the rate limits.
   *
   * @return the rate limits
   */
  public RateLimits rateLimits() {
    return rateLimits;
  }

  /**
   * Returns the behaviour switches this fake was built with.
   *
   * @return the behaviour switches this fake was built with
   */
  public Behaviours behaviours() {
    return behaviours;
  }

  /**
   * Sets how long principals created from now on stay invisible to workspace-side principal resolution.
   *
   * @param delay the delay
   */
  public void consistency(ConsistencyDelay delay) {
    Objects.requireNonNull(delay, "delay");
    synchronized (engine) {
      engine.consistency(delay);
    }
  }

  /**
   * Returns the current eventual-consistency setting.
   *
   * @return the current eventual-consistency setting
   */
  public ConsistencyDelay consistency() {
    synchronized (engine) {
      return engine.consistency();
    }
  }

  /**
   * Sets the caller address the in-process transport reports (checked against IP access lists).
   *
   * @param address the address
   * @throws IllegalArgumentException if {@code address} is not an IPv4 address
   */
  public void callerAddress(String address) {
    this.callerAddress = requireIpv4(address);
  }

  /**
   * Returns the caller address of the in-process transport (default {@code 127.0.0.1}).
   *
   * @return the caller address of the in-process transport (default {@code 127.0.0.1})
   */
  public String callerAddress() {
    return callerAddress;
  }

  static String requireIpv4(String address) {
    Objects.requireNonNull(address, "address");
    if (!IPV4.matcher(address).matches()) {
      throw new IllegalArgumentException("caller address must be an IPv4 address such as 203.0.113.7, was " + address);
    }
    return address;
  }

  /**
   * Returns a deep copy of the account and workspace state (not the journal, faults, rate limits or clock).
   *
   * @return a deep copy of the account and workspace state (not the journal, faults, rate limits or clock)
   */
  public Snapshot snapshot() {
    synchronized (engine) {
      return new Snapshot(engine.snapshot(), clock.now());
    }
  }

  /**
   * Replaces the account and workspace state with {@code snapshot}; the journal, faults and clock stay.
   *
   * @param snapshot the snapshot
   */
  public void restore(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    synchronized (engine) {
      engine.restore(snapshot.state());
    }
  }

  /**
   * Returns to the state right after {@link FakeDatabricksBuilder#build()}: default state, empty journal, no
   * fault rules or rate limits, the clock back at its start, the builder's caller address. Faster
   * than a new fake only in that views stay valid.
   */
  public void reset() {
    synchronized (engine) {
      engine.reset();
      journal.clear();
      faults.clear();
      rateLimits.clear();
      concurrencyLimits.clear();
      clock.set(clock.start());
      callerAddress = initialCallerAddress;
      workspaceViews.keySet().removeIf(id -> !engine.views().workspaceIds().contains(id));
    }
  }

  /** Releases nothing today; a fake holds no threads nor sockets. */
  @Override
  public void close() {
    // nothing to release: the in-process front end owns no resources
  }

  Object lock() {
    return engine;
  }

  /**
   * Returns the per-workspace concurrency limits (SCIM, permissions), off by default.
   *
   * @return the per-workspace concurrency limits (SCIM, permissions), off by default
   */
  public ConcurrencyLimits concurrencyLimits() {
    return concurrencyLimits;
  }

  /**
   * Adds {@code count} workspaces with ids {@code firstId, firstId + 1, ...} (names {@code ws-<id>}),
   * each with the default workspace state and {@code catalogs}: many workspaces in one account.
   *
    * @param firstId the first id
    * @param count the count
    * @param catalogs the catalogs
    * @return the result
   * @throws IllegalArgumentException if {@code count} is below 1 or an id is taken
   */
  public List<FakeWorkspace> addWorkspaces(long firstId, int count, String... catalogs) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    List<FakeWorkspace> out = new ArrayList<>(count);
    for (long id = firstId; id < firstId + count; id++) {
      out.add(addWorkspace(id, "ws-" + id, catalogs));
    }
    return out;
  }

  @Override
  public String toString() {
    return "FakeDatabricks[account=" + accountId() + ", workspace=" + workspaceId() + ", " + journal + ']';
  }
}
