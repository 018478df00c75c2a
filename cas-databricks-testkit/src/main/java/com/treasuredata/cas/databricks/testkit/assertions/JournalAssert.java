package com.treasuredata.cas.databricks.testkit.assertions;

import com.treasuredata.cas.databricks.testkit.Journal;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over the requests a fake answered; from {@link FakeDatabricksAssert#journal()} or
 * {@link FakeDatabricksAssertions#assertThat(Journal)}. Messages list request lines (method and
 * path) only; the journal holds no bodies nor headers.
 */
public final class JournalAssert extends AbstractAssert<JournalAssert, Journal> {

  private static final int SHOWN = 20;

  JournalAssert(Journal actual) {
    super(actual, JournalAssert.class);
  }

  /**
   * Verifies that no request changed state (no POST, PUT, PATCH or DELETE other than OAuth token requests).
   *
   * @return this journal assert
   */
  public JournalAssert madeNoWrites() {
    isNotNull();
    List<JournalEntry> writes = actual.writes();
    if (!writes.isEmpty()) {
      failWithMessage("Expecting no writes but was %s: %s", writes.size(), lines(writes));
    }
    return this;
  }

  /**
   * Verifies that exactly {@code count} requests were answered since the journal was last cleared.
   *
   * @param count the count
   * @return this journal assert
   */
  public JournalAssert madeRequests(long count) {
    isNotNull();
    if (actual.count() != count) {
      failWithMessage("Expecting %s requests but was %s: %s", count, actual.count(), lines(actual.entries()));
    }
    return this;
  }

  /**
   * Verifies that at least one {@code method} request to exactly {@code path} was answered.
   *
   * @param method the method
   * @param path the path
   * @return this journal assert
   */
  public JournalAssert madeRequest(String method, String path) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    isNotNull();
    if (actual.requests(method, path).isEmpty()) {
      failWithMessage("Expecting a request %s %s but was %s", method, path, lines(actual.entries()));
    }
    return this;
  }

  /**
   * Verifies that no request hit a route the fake does not know.
   *
   * @return this journal assert
   */
  public JournalAssert hitNoUnknownRoute() {
    isNotNull();
    List<JournalEntry> unknown = actual.unknownRoutes();
    if (!unknown.isEmpty()) {
      failWithMessage("Expecting only known routes but was %s unknown: %s", unknown.size(), lines(unknown));
    }
    return this;
  }

  private static String lines(List<JournalEntry> entries) {
    if (entries.isEmpty()) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (JournalEntry e : entries) {
      if (shown++ == SHOWN) {
        out.append("\n  ... ").append(entries.size() - SHOWN).append(" more");
        break;
      }
      out.append("\n  ").append(e.requestLine()).append(" -> ").append(e.status()).append(" (").append(e.principal())
          .append(')');
    }
    return out.toString();
  }
}
