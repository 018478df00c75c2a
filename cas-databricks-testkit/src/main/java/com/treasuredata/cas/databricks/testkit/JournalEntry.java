package com.treasuredata.cas.databricks.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the fake answered, as recorded in its {@link Journal}.
 *
 * @param sequence position in the journal, starting at 1 and never reused (not even after {@link Journal#clear()})
 * @param time virtual time of the request
 * @param method HTTP method
 * @param path raw path
 * @param query raw query, if any
 * @param status the status answered (0 when a connection fault replaced the answer)
 * @param principal who called: {@code "admin"}, a service principal's applicationId, {@code "anonymous"}
 *     (no or unknown credentials) or a user name
 * @param write true for POST, PUT, PATCH and DELETE except the OAuth token endpoints, which change no state
 * @param workspaceId the workspace addressed, empty for account-level requests
 * @param fault the id of the fault rule or rate limit that shaped the answer, if any
 * @param unknownRoute true when no route of the fake matched (the JUnit extension fails such a test)
 */
public record JournalEntry(
    long sequence,
    Instant time,
    String method,
    String path,
    Optional<String> query,
    int status,
    String principal,
    boolean write,
    Optional<Long> workspaceId,
    Optional<String> fault,
    boolean unknownRoute) {

  public JournalEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(fault, "fault");
  }

  /** Returns true when a fault rule or rate limit shaped this answer. */
  public boolean faultApplied() {
    return fault.isPresent();
  }

  /** Returns {@code METHOD path}, e.g. {@code POST /api/2.0/token/create}. */
  public String requestLine() {
    return method + ' ' + path;
  }
}
