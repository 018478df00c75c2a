package com.treasuredata.cas.databricks.testkit.standalone;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a fake Databricks as a process, for tests in any language:
 * {@code java -jar cas-databricks-testkit-<version>-standalone.jar [--port N] [--latency-ms N] [--catalog NAME]...}.
 *
 * <p>The server binds {@code 127.0.0.1} only ({@code --port 0}, the default, picks any free port).
 * Once it accepts connections it prints exactly one JSON line to stdout and nothing else:
 * <pre>{@code
 * {"account_host":"http://127.0.0.1:PORT","account_id":"...","workspace_host":"http://127.0.0.1:PORT","workspace_id":123,"admin_token":"..."}
 * }</pre>
 * then serves until killed. Logs go to stderr. A bad argument prints a message naming it and exits
 * with status 2. The state starts as {@link FakeDatabricks#create()} makes it (one account, one
 * workspace with catalog {@code cas_demo_east1}, schema {@code default}, the {@code admins} group
 * holding CAN_MANAGE on tokens, IP access lists disabled); each {@code --catalog} adds a catalog.
 * Test controls are served under {@code /__fake/} (see {@code docs/testkit.md}).
 */
public final class FakeDatabricksMain {

  private static final Logger log = LoggerFactory.getLogger(FakeDatabricksMain.class);
  private static final String DEFAULT_CATALOG = "cas_demo_east1";

  static final String USAGE = String.join("\n",
      "Usage: java -jar cas-databricks-testkit-<version>-standalone.jar [options]",
      "",
      "Runs an in-memory fake Databricks (account + one workspace) on 127.0.0.1 and prints one JSON line",
      "with account_host, account_id, workspace_host, workspace_id and admin_token once it is ready.",
      "",
      "Options:",
      "  --port N          port to bind on 127.0.0.1, 0..65535 (default 0: any free port)",
      "  --latency-ms N    latency added to every API answer, 0..60000 ms (default 0)",
      "  --catalog NAME    add a Unity Catalog catalog (with schema 'default'); repeatable",
      "  --help            print this help and exit",
      "",
      "Test controls: http://127.0.0.1:PORT/__fake/... (faults, clock, journal, reset, ...; see docs/testkit.md)");

  private FakeDatabricksMain() {}

  /** The parsed command line. */
  record Options(int port, Duration latency, List<String> catalogs, boolean help) {
    Options {
      Objects.requireNonNull(latency, "latency");
      catalogs = List.copyOf(catalogs);
    }
  }

  /** A bad command line; main prints the message and exits with status 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Starts the fake, prints the ready line and serves until the process is killed.
   *
   * @param args the args
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      System.err.println("fake-databricks: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    FakeDatabricksServer server;
    try {
      server = start(options, System.out);
    } catch (RuntimeException e) {
      System.err.println("fake-databricks: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      server.fake().close();
      stopped.countDown();
    }, "fake-databricks-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Parses the command line. */
  static Options parse(String[] args) throws UsageException {
    int port = 0;
    long latencyMs = 0;
    List<String> catalogs = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (name) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--port":
          value = value != null ? value : next(args, ++i, name);
          port = (int) number(name, value, 0, 65535);
          break;
        case "--latency-ms":
          value = value != null ? value : next(args, ++i, name);
          latencyMs = number(name, value, 0, 60_000);
          break;
        case "--catalog":
          value = value != null ? value : next(args, ++i, name);
          catalogs.add(catalogName(value));
          break;
        default:
          throw new UsageException("unknown argument '" + arg + "'; allowed: --port N, --latency-ms N, --catalog NAME, --help");
      }
    }
    return new Options(port, Duration.ofMillis(latencyMs), catalogs, help);
  }

  /**
   * Builds the fake, starts the server and prints the ready line to {@code out}; returns the running
   * server (the caller closes it and its fake).
   */
  static FakeDatabricksServer start(Options options, PrintStream out) {
    java.util.Set<String> catalogs = new java.util.LinkedHashSet<>();
    catalogs.add(DEFAULT_CATALOG);
    catalogs.addAll(options.catalogs());
    FakeDatabricks fake = FakeDatabricks.builder()
        .catalogs(catalogs.toArray(new String[0]))
        .latency(options.latency())
        .build();
    FakeDatabricksServer server;
    try {
      server = FakeDatabricksServer.builder(fake).port(options.port()).build().start();
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
    String host = server.url().toString();
    out.println(readyLine(host, fake.accountId(), fake.workspaceId(), fake.adminToken().reveal()));
    out.flush();
    log.info("Fake Databricks ready on {} (account {}, workspace {}); test controls under {}/__fake/",
        host, fake.accountId(), fake.workspaceId(), host);
    return server;
  }

  static String readyLine(String host, String accountId, long workspaceId, String adminToken) {
    return "{\"account_host\":\"" + jsonEscape(host) + "\",\"account_id\":\"" + jsonEscape(accountId)
        + "\",\"workspace_host\":\"" + jsonEscape(host) + "\",\"workspace_id\":" + workspaceId
        + ",\"admin_token\":\"" + jsonEscape(adminToken) + "\"}";
  }

  private static String next(String[] args, int index, String name) throws UsageException {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(name + " needs a value");
    }
    return args[index];
  }

  private static long number(String name, String value, long min, long max) throws UsageException {
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number in " + min + ".." + max + ", was '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new UsageException(name + " must be in " + min + ".." + max + ", was " + parsed);
    }
    return parsed;
  }

  private static String catalogName(String value) throws UsageException {
    boolean valid = !value.isEmpty() && value.length() <= 255;
    for (int i = 0; valid && i < value.length(); i++) {
      char c = value.charAt(i);
      valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
    if (!valid) {
      throw new UsageException("--catalog must be a name of letters, digits, '_' or '-' (1..255 characters), was '"
          + value + "'");
    }
    return value;
  }

  private static String jsonEscape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
