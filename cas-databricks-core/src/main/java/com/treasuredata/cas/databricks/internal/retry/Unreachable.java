package com.treasuredata.cas.databricks.internal.retry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Failures that mean the host cannot be reached at all (refused connection, unknown host, no route,
 * TLS handshake failure). They are configuration or network mistakes, not transient blips: they get
 * one quick retry and then an error that names the host, the port and the likely causes. Not API.
 */
public final class Unreachable {

  /** The wait before the single retry. */
  public static final Duration QUICK_RETRY = Duration.ofMillis(250);

  private Unreachable() {}

  /** Returns what kind of unreachable failure {@code failure} (or one of its causes) is, if it is one. */
  public static Optional<String> kind(IOException failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException) {
        return Optional.of("unknown host");
      }
      if (t instanceof ConnectException) {
        return Optional.of("connection refused");
      }
      if (t instanceof NoRouteToHostException) {
        return Optional.of("no route to host");
      }
      if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
        return Optional.of("TLS handshake failed");
      }
    }
    return Optional.empty();
  }

  /** The message for giving up on {@code host}: what failed, where, and what to check. */
  public static String explain(URI host, String kind, int attempts) {
    int port = host.getPort() >= 0 ? host.getPort() : "http".equalsIgnoreCase(host.getScheme()) ? 80 : 443;
    return "cannot reach " + host.getHost() + " port " + port + " (" + kind + ", " + attempts + (attempts == 1 ? " attempt" : " attempts")
        + "). Likely causes: a wrong host or port (use the workspace URL as the browser shows it); a VPN that is needed but not"
        + " connected, or an IP access list or firewall that does not let this machine in; a proxy that is required"
        + " (HTTPS_PROXY) or that intercepts TLS. Nothing was sent to the workspace.";
  }
}
