package com.treasuredata.cas.databricks;

/**
 * A request got no usable answer: connection refused or reset, a timeout, an unreadable response.
 * Whether the server acted on the request is unknown; see {@link #maybeApplied()}.
 */
public class OnboardingTransportException extends OnboardingException {

  private static final long serialVersionUID = 1L;

  /** Whether the request may have reached the server. */
  private final boolean maybeApplied;

  /**
   * Creates an exception for a request that got no usable answer.
   *
   * @param message the message, free of secrets and response bodies
   * @param maybeApplied whether the request may have reached the server
   * @param cause the I/O failure
   */
  public OnboardingTransportException(String message, boolean maybeApplied, Throwable cause) {
    super(message, cause);
    this.maybeApplied = maybeApplied;
  }

  /**
   * Returns true when the request may have reached the server (so a write may have happened).
   *
   * @return whether a write may have happened
   */
  public boolean maybeApplied() {
    return maybeApplied;
  }
}
