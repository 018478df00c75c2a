package com.treasuredata.cas.databricks.testkit.http;

import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.Sleeper;
import com.treasuredata.cas.databricks.testkit.ConnectionFault;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link FakeDatabricks} over loopback HTTP/1.1, so that any client (the official
 * databricks-sdk-java {@code WorkspaceClient}, curl, a test in another language) can talk to it.
 *
 * <p>The server binds {@code 127.0.0.1} only. It keeps connections alive, accepts
 * {@code Content-Length} and chunked request bodies and {@code Expect: 100-continue}, passes the
 * caller's socket address to the engine (so enabled IP access lists see the real caller), and
 * turns the engine's connection faults into real socket behaviour: {@code RESET} closes with an RST,
 * {@code STALL} holds the connection without answering. Requests under {@code /__fake/} are test
 * controls (faults, clock, journal, reset, ...; see {@code docs/testkit.md}); they need no token and
 * are not journaled. One thread serves each open connection, up to
 * {@link Builder#maxConnections(int)}.
 *
 * <p>Thread-safe. The server does not own the fake: closing the server leaves the fake usable, and
 * closing the fake is the caller's job.
 *
 * <pre>{@code
 * try (FakeDatabricks fake = FakeDatabricks.create();
 *      FakeDatabricksServer server = FakeDatabricksServer.create(fake).start()) {
 *   WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
 *       .setHost(server.url().toString()).setToken(fake.adminToken().reveal()));
 *   workspace.currentUser().me();
 * }
 * }</pre>
 */
public final class FakeDatabricksServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FakeDatabricksServer.class);
  private static final String CONTROL_PREFIX = "/__fake/";

  private final FakeDatabricks fake;
  private final java.util.function.Function<FakeRequest, FakeResponse> handler;
  private final int requestedPort;
  private final Sleeper sleeper;
  private final int maxConnections;
  private final Duration idleTimeout;
  private volatile ControlApi controls;
  private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threadIds = new AtomicInteger();
  private volatile String callerAddress;
  private volatile boolean closed;
  private volatile ServerSocket serverSocket;
  private ThreadPoolExecutor workers;
  private Thread acceptor;

  private FakeDatabricksServer(Builder builder) {
    this.fake = builder.fake;
    this.handler = builder.handler != null ? builder.handler : fake::handle;
    this.requestedPort = builder.port;
    this.sleeper = builder.sleeper;
    this.maxConnections = builder.maxConnections;
    this.idleTimeout = builder.idleTimeout;
  }

  /**
   * Returns a server for {@code fake} on any free port, with defaults; call {@link #start()}.
   *
   * @param fake the fake
   * @return a server for {@code fake} on any free port, with defaults; call {@link #start()}
   */
  public static FakeDatabricksServer create(FakeDatabricks fake) {
    return builder(fake).build();
  }

  /**
   * Returns a builder for a server in front of {@code fake}.
   *
   * @param fake the fake
   * @return a builder for a server in front of {@code fake}
   */
  public static Builder builder(FakeDatabricks fake) {
    return new Builder(fake);
  }

  /**
   * Binds {@code 127.0.0.1} and starts accepting connections; returns this server.
   *
   * @return this fake databricks server
   * @throws IllegalStateException if the server was already started or closed
   * @throws UncheckedIOException if the port cannot be bound
   */
  public synchronized FakeDatabricksServer start() {
    if (serverSocket != null || closed) {
      throw new IllegalStateException("a server can be started once; it is " + (closed ? "closed" : "running"));
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 1024);
      serverSocket = socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort, e);
    }
    workers = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
      Thread thread = new Thread(runnable, "fake-databricks-http-" + port() + "-" + threadIds.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    acceptor = new Thread(this::acceptLoop, "fake-databricks-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
    log.debug("Fake Databricks listening on {}", url());
    return this;
  }

  /**
   * Returns the base URL, {@code http://127.0.0.1:<port>}, for the account and the default workspace.
   *
   * @return the base URL, {@code http://127.0.0.1:<port>}, for the account and the default workspace
   */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Returns the bound port.
   *
   * @return the bound port
   * @throws IllegalStateException if the server has not been started
   */
  public int port() {
    ServerSocket socket = serverSocket;
    if (socket == null) {
      throw new IllegalStateException("the server is not started; call start() first");
    }
    return socket.getLocalPort();
  }

  /**
   * Returns true between {@link #start()} and {@link #close()}.
   *
   * @return true between {@link #start()} and {@link #close()}
   */
  public boolean isRunning() {
    return serverSocket != null && !closed;
  }

  /**
   * Returns the fake this server serves.
   *
   * @return the fake this server serves
   */
  public FakeDatabricks fake() {
    return fake;
  }

  /**
   * Makes every later request look as if it came from {@code address} (an IPv4 or IPv6 literal)
   * instead of the socket's address, e.g. to test IP access lists from loopback.
   *
   * @param address the address
   */
  public void callerAddress(String address) {
    Objects.requireNonNull(address, "address");
    if (address.isBlank() || !ServerIo.isIpLiteral(address)) {
      throw new IllegalArgumentException("caller address must be an IPv4 or IPv6 literal, was '" + address + "'");
    }
    this.callerAddress = address;
  }

  /**
   * Returns the caller address set by {@link #callerAddress(String)}, if any.
   *
   * @return the caller address set by {@link #callerAddress(String)}, if any
   */
  public Optional<String> callerAddressOverride() {
    return Optional.ofNullable(callerAddress);
  }

  /** Forgets any {@link #callerAddress(String)}: the socket's address is used again. */
  public void clearCallerAddress() {
    this.callerAddress = null;
  }

  /** Stops accepting, closes every open connection (stalled ones included) and stops the threads. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    ServerSocket socket = serverSocket;
    if (socket != null) {
      ServerIo.closeQuietly(socket);
    }
    for (Socket open : openSockets) {
      ServerIo.closeQuietly(open);
    }
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.debug("Fake Databricks server on port {} closed", socket == null ? -1 : socket.getLocalPort());
  }

  /** Created on first use: the standalone jar answers its ready line sooner without loading Jackson. */
  private ControlApi controls() {
    ControlApi api = controls;
    if (api == null) {
      synchronized (this) {
        api = controls;
        if (api == null) {
          api = new ControlApi(this);
          controls = api;
        }
      }
    }
    return api;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("accept failed; the server stops accepting", e);
        }
        return;
      }
      openSockets.add(socket);
      if (closed) {
        // close() may have walked openSockets before this socket was added.
        ServerIo.closeQuietly(socket);
        openSockets.remove(socket);
        return;
      }
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        log.warn("more than {} open connections; refusing one", maxConnections);
        ServerIo.refuse(socket);
        openSockets.remove(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
      String socketAddress = socket.getInetAddress().getHostAddress();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      HttpRequestReader reader = new HttpRequestReader(in);
      while (!closed) {
        HttpRequestReader.ParsedRequest request;
        try {
          request = reader.read(out);
        } catch (HttpRequestReader.BadRequestException e) {
          HttpResponseWriter.write(out, e.status, Map.of(),
              ServerIo.errorBody("BAD_REQUEST", e.getMessage()), false, false);
          return;
        }
        if (request == null) {
          return;
        }
        if (!exchange(socket, in, out, request, socketAddress)) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      log.trace("idle connection closed after {}", idleTimeout);
    } catch (IOException e) {
      log.trace("connection ended: {}", e.toString());
    } catch (RuntimeException e) {
      log.warn("the fake failed to answer a request; closing the connection", e);
    } finally {
      ServerIo.closeQuietly(socket);
      openSockets.remove(socket);
    }
  }

  /** Answers one request; returns false when the connection must not be used again. */
  private boolean exchange(Socket socket, InputStream in, OutputStream out, HttpRequestReader.ParsedRequest request,
      String socketAddress) throws IOException {
    boolean keepAlive = request.keepAlive() && !closed;
    boolean head = request.method().equals("HEAD");
    if (request.path().startsWith(CONTROL_PREFIX)) {
      ControlApi.Reply reply = controls().handle(request, socketAddress);
      HttpResponseWriter.write(out, reply.status(), Map.of("Content-Type", "application/json"), reply.body(),
          keepAlive, head);
      return keepAlive;
    }
    String override = callerAddress;
    String host = request.headers().get("Host");
    FakeRequest fakeRequest = new FakeRequest(request.method(), request.path(), request.rawQuery(), request.headers(),
        request.body(), override != null ? override : socketAddress, host == null ? "" : "http://" + host);
    FakeResponse response;
    try {
      response = handler.apply(fakeRequest);
    } catch (RuntimeException e) {
      // A bug in the fake: tell the client plainly rather than dropping the connection.
      log.warn("the fake failed to answer {} {}", request.method(), request.path(), e);
      HttpResponseWriter.write(out, 500, Map.of(), ServerIo.errorBody("INTERNAL_ERROR",
          "the fake failed to answer " + request.method() + " " + request.path() + ": " + e), keepAlive, head);
      return keepAlive;
    }
    Duration delay = response.delay();
    if (!delay.isZero() && !delay.isNegative()) {
      try {
        sleeper.sleep(delay);
      } catch (OnboardingException e) {
        // Sleeper.SYSTEM reports an interrupt this way: the server is closing
        return false;
      }
    }
    Optional<ConnectionFault> fault = response.connectionFault();
    if (fault.isPresent()) {
      if (fault.get() == ConnectionFault.RESET) {
        // SO_LINGER 0 makes close() send an RST instead of a FIN: the client sees "connection reset".
        socket.setSoLinger(true, 0);
        socket.close();
        return false;
      }
      ServerIo.stall(socket, in);
      return false;
    }
    HttpResponseWriter.write(out, response.status(), response.headers(), response.body(), keepAlive, head);
    return keepAlive;
  }

  /**
   * Configures a {@link FakeDatabricksServer}. Not thread-safe; {@link #build()} returns an
   * unstarted server.
   */
  public static final class Builder {
    private final FakeDatabricks fake;
    private int port;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private int maxConnections = 256;
    private Duration idleTimeout = Duration.ofMinutes(2);
    private java.util.function.Function<FakeRequest, FakeResponse> handler;

    private Builder(FakeDatabricks fake) {
      this.fake = Objects.requireNonNull(fake, "fake");
    }

    /**
     * Sets the port to bind on 127.0.0.1; 0 (the default) picks any free port.
     *
     * @param port the port
     * @return the builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535 (0 = any free port), was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets how the server waits out the latency the fake asks for ({@link FakeResponse#delay()}: the
     * fake's {@code Builder.latency} plus latency faults); default {@link Sleeper#SYSTEM}. Tests pass
     * a recording sleeper.
     *
     * @param sleeper the sleeper
     * @return the builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets how many connections may be open at once (default 256); one more is answered 503 and closed.
     *
     * @param maxConnections the max connections
     * @return the builder
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets how long an idle keep-alive connection stays open (default 2 minutes).
     *
     * @param idleTimeout the idle timeout
     * @return the builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** Replaces the engine for API requests; lets the HTTP layer be tested on its own. */
    Builder handler(java.util.function.Function<FakeRequest, FakeResponse> handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Returns a new, unstarted server.
     *
     * @return a new, unstarted server
     */
    public FakeDatabricksServer build() {
      return new FakeDatabricksServer(this);
    }
  }
}
