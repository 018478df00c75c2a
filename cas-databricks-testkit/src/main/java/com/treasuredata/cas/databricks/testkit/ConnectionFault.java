package com.treasuredata.cas.databricks.testkit;

/**
 * A connection-level fault that a front end acts out instead of sending a response.
 *
 * <p>Over HTTP, {@link #RESET} resets the socket and {@link #STALL} never answers. In-process,
 * {@link FakeDatabricks#transport()} throws {@code java.net.SocketException("Connection reset")}
 * or {@code java.net.SocketTimeoutException} respectively.
 */
public enum ConnectionFault {
  /** The connection is reset without a response. */
  RESET,
  /** The server never answers; the client times out. */
  STALL
}
