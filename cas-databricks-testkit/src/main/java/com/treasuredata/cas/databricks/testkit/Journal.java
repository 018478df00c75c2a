package com.treasuredata.cas.databricks.testkit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The bounded record of every request the fake answered, oldest first.
 *
 * <p>When full (default {@value FakeDatabricksBuilder#DEFAULT_JOURNAL_CAPACITY} entries) the oldest
 * entries are dropped; {@link #count()} still counts every request since the last {@link #clear()}.
 * Thread-safe; every method returns an immutable copy.
 *
 * <pre>{@code
 * long mark = fake.journal().mark();
 * onboarding.run();
 * assertThat(fake.journal().since(mark)).noneMatch(JournalEntry::write);
 * }</pre>
 */
public final class Journal {

  private final int capacity;
  private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
  private long nextSequence = 1;
  private long countSinceClear;

  Journal(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Returns the retained entries, oldest first.
   *
   * @return the retained entries, oldest first
   */
  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /**
   * Returns how many requests were answered since creation or the last {@link #clear()} (dropped ones included).
   *
   * @return how many requests were answered since creation or the last {@link #clear()} (dropped ones included)
   */
  public synchronized long count() {
    return countSinceClear;
  }

  /**
   * Returns the retained entries that were writes (see {@link JournalEntry#write()}).
   *
   * @return the retained entries that were writes (see {@link JournalEntry#write()})
   */
  public List<JournalEntry> writes() {
    return matching(JournalEntry::write);
  }

  /**
   * Returns the retained entries for which no route existed.
   *
   * @return the retained entries for which no route existed
   */
  public List<JournalEntry> unknownRoutes() {
    return matching(JournalEntry::unknownRoute);
  }

  /**
   * Returns the retained entries matching {@code filter}.
   *
   * @param filter the filter
   * @return the retained entries matching {@code filter}
   */
  public synchronized List<JournalEntry> matching(Predicate<? super JournalEntry> filter) {
    List<JournalEntry> out = new ArrayList<>();
    for (JournalEntry e : entries) {
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the retained entries with {@code method} whose path equals {@code path}.
   *
   * @param method the method
   * @param path the path
   * @return the retained entries with {@code method} whose path equals {@code path}
   */
  public List<JournalEntry> requests(String method, String path) {
    return matching(e -> e.method().equalsIgnoreCase(method) && e.path().equals(path));
  }

  /**
   * Returns the sequence number the next request will get; pass it to {@link #since(long)}.
   *
   * @return the sequence number the next request will get; pass it to {@link #since(long)}
   */
  public synchronized long mark() {
    return nextSequence;
  }

  /**
   * Returns the retained entries recorded at or after {@code mark}.
   *
   * @param mark the mark
   * @return the retained entries recorded at or after {@code mark}
   */
  public List<JournalEntry> since(long mark) {
    return matching(e -> e.sequence() >= mark);
  }

  /**
   * Returns the most recent entry, if any.
   *
   * @return the most recent entry, if any
   */
  public synchronized Optional<JournalEntry> last() {
    return Optional.ofNullable(entries.peekLast());
  }

  /**
   * Returns the maximum number of retained entries.
   *
   * @return the maximum number of retained entries
   */
  public int capacity() {
    return capacity;
  }

  /** Drops every entry and resets {@link #count()}; sequence numbers keep increasing. */
  public synchronized void clear() {
    entries.clear();
    countSinceClear = 0;
  }

  synchronized JournalEntry append(
      Instant time, String method, String path, String query, int status, String principal, boolean write,
      Long workspaceId, String fault, boolean unknownRoute) {
    JournalEntry entry = new JournalEntry(nextSequence++, time, method, path, Optional.ofNullable(query), status,
        principal, write, Optional.ofNullable(workspaceId), Optional.ofNullable(fault), unknownRoute);
    if (entries.size() >= capacity) {
      entries.pollFirst();
    }
    entries.addLast(entry);
    countSinceClear++;
    return entry;
  }

  @Override
  public synchronized String toString() {
    return "Journal[" + entries.size() + " of " + countSinceClear + " requests retained, capacity " + capacity + ']';
  }
}
