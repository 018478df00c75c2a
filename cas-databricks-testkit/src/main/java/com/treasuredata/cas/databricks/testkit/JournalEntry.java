package com.treasuredata.cas.databricks.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the fake answered, as recorded in its {@link Journal}. Only the fake creates entries
 * (so fields can be added without breaking callers); read them through the accessors.
 */
public final class JournalEntry {

  private final long sequence;
  private final Instant time;
  private final String method;
  private final String path;
  private final Optional<String> query;
  private final int status;
  private final String principal;
  private final boolean write;
  private final Optional<Long> workspaceId;
  private final Optional<String> fault;
  private final boolean unknownRoute;

  JournalEntry(long sequence, Instant time, String method, String path, Optional<String> query, int status,
      String principal, boolean write, Optional<Long> workspaceId, Optional<String> fault, boolean unknownRoute) {
    this.sequence = sequence;
    this.time = Objects.requireNonNull(time, "time");
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.query = Objects.requireNonNull(query, "query");
    this.status = status;
    this.principal = Objects.requireNonNull(principal, "principal");
    this.write = write;
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
    this.fault = Objects.requireNonNull(fault, "fault");
    this.unknownRoute = unknownRoute;
  }

  /**
   * Returns the position in the journal, starting at 1 and never reused (not even after {@link Journal#clear()}).
   *
   * @return the position in the journal, starting at 1 and never reused (not even after {@link Journal#clear()})
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the virtual time of the request.
   *
   * @return the virtual time of the request
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the HTTP method.
   *
   * @return the HTTP method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the raw path.
   *
   * @return the raw path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the raw query, if any.
   *
   * @return the raw query, if any
   */
  public Optional<String> query() {
    return query;
  }

  /**
   * Returns the status answered (0 when a connection fault replaced the answer).
   *
   * @return the status answered (0 when a connection fault replaced the answer)
   */
  public int status() {
    return status;
  }

  /**
   * Returns who called: {@code "admin"}, a service principal's applicationId, {@code "anonymous"}
   * (no or unknown credentials) or a user name.
   *
   * @return who called: {@code "admin"}, a service principal's applicationId, {@code "anonymous"} (no or unknown credentials) or a user name
   */
  public String principal() {
    return principal;
  }

  /**
   * Returns true for POST, PUT, PATCH and DELETE except the OAuth token endpoints, which change no state.
   *
   * @return true for POST, PUT, PATCH and DELETE except the OAuth token endpoints, which change no state
   */
  public boolean write() {
    return write;
  }

  /**
   * Returns the workspace addressed, empty for account-level requests.
   *
   * @return the workspace addressed, empty for account-level requests
   */
  public Optional<Long> workspaceId() {
    return workspaceId;
  }

  /**
   * Returns the id of the fault rule or rate limit that shaped the answer, if any.
   *
   * @return the id of the fault rule or rate limit that shaped the answer, if any
   */
  public Optional<String> fault() {
    return fault;
  }

  /**
   * Returns true when no route of the fake matched (the JUnit extension fails such a test).
   *
   * @return true when no route of the fake matched (the JUnit extension fails such a test)
   */
  public boolean unknownRoute() {
    return unknownRoute;
  }

  /**
   * Returns true when a fault rule or rate limit shaped this answer.
   *
   * @return true when a fault rule or rate limit shaped this answer
   */
  public boolean faultApplied() {
    return fault.isPresent();
  }

  /**
   * Returns {@code METHOD path}, e.g. {@code POST /api/2.0/token/create}.
   *
   * @return {@code METHOD path}, e.g. {@code POST /api/2.0/token/create}
   */
  public String requestLine() {
    return method + ' ' + path;
  }

  private List<Object> values() {
    return List.of(sequence, time, method, path, query, status, principal, write, workspaceId, fault, unknownRoute);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JournalEntry other && values().equals(other.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  @Override
  public String toString() {
    return "JournalEntry[sequence=" + sequence + ", time=" + time + ", method=" + method + ", path=" + path
        + ", query=" + query + ", status=" + status + ", principal=" + principal + ", write=" + write
        + ", workspaceId=" + workspaceId + ", fault=" + fault + ", unknownRoute=" + unknownRoute + "]";
  }
}
