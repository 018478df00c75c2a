package com.treasuredata.cas.databricks.reliability;

import com.treasuredata.cas.databricks.testkit.ConnectionFault;
import com.treasuredata.cas.databricks.testkit.Fault;
import java.time.Duration;

/**
 * The faults of the chaos matrix, as the real API produces them. "Before" faults leave the state
 * unchanged; "lost" faults let the server make the change and then lose the answer, which is what
 * makes a blind re-send of a create dangerous.
 */
enum FaultKind {
  /** HTTP 500 before the server acts. */
  HTTP_500_BEFORE(Fault.status(500)),
  /** The change is made, the client sees a 500. */
  LOST_RESPONSE_500(Fault.afterHandler(500)),
  /** The change is made, the client sees a gateway timeout. */
  LOST_RESPONSE_504(Fault.afterHandler(504)),
  /** Throttled: 429 REQUEST_LIMIT_EXCEEDED with {@code Retry-After: 2}. */
  HTTP_429_RETRY_AFTER(Fault.tooManyRequests(Duration.ofSeconds(2))),
  /** HTTP 503 before the server acts. */
  HTTP_503(Fault.status(503)),
  /** The connection is reset before the server acts (in-process: the transport throws SocketException). */
  CONNECTION_RESET(Fault.connection(ConnectionFault.RESET)),
  /** The server acts, then the connection is reset before the answer arrives. */
  CONNECTION_RESET_AFTER_WRITE(Fault.connectionAfterHandler(ConnectionFault.RESET)),
  /**
   * The server acts but answers slower than the client's read timeout (in-process: the transport
   * throws SocketTimeoutException).
   */
  SLOWER_THAN_TIMEOUT(Fault.connectionAfterHandler(ConnectionFault.STALL)),
  /** The request stalls before the server acts (a stuck proxy); the client times out. */
  TIMEOUT_BEFORE_THE_SERVER_ACTS(Fault.connection(ConnectionFault.STALL));

  final Fault fault;

  FaultKind(Fault fault) {
    this.fault = fault;
  }
}
