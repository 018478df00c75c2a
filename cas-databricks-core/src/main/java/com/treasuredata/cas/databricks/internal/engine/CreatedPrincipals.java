package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.ServicePrincipalRef;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service principals that runs in this JVM created by name, so that runs looking the same name
 * up at the same moment create it once between them, without a second lookup after each create.
 * Not API.
 *
 * <p>Display names are not unique in SCIM: two runs whose lookups both come back empty would both
 * create one. Here a run creates under the name's lock, and first asks whether a run of this JVM
 * created the name after its own lookup began; if so it uses that one. Every lookup takes a
 * {@link #ticket()} before it is sent and every create is recorded with a later ticket, so "after
 * its lookup began" is a comparison of tickets, with no clock. The caller confirms a record with
 * its own server before it uses it, and {@link #forget}s one the server does not know: the scope is
 * an account id, and in-memory fakes of tests running in parallel share account ids and names.
 *
 * <p>JVM-wide on purpose, like a file lock: two onboardings built separately in one service are
 * still two writers to one account. It holds names and identifiers only (nothing that could pin a
 * class loader) and forgets the oldest records beyond {@link #CAPACITY}: only a run whose lookup
 * began before a record's create and that has not created yet can use a record, and no run waits
 * through thousands of later creates.
 */
public final class CreatedPrincipals {

  /** The records kept; the oldest beyond this are forgotten. */
  static final int CAPACITY = 10_000;

  private static final CreatedPrincipals JVM = new CreatedPrincipals(CAPACITY);

  /** A record: the principal and the ticket taken once its create had returned. */
  private record Created(ServicePrincipalRef principal, long ticket) {}

  /**
   * What {@link #createOnce} did.
   *
   * @param principal the principal to use
   * @param createdHere true when {@code create} ran; false when a run of this JVM had created it
   * @param <T> what the create returned
   * @param result what {@code create} returned, or null when it did not run
   */
  public record Outcome<T>(ServicePrincipalRef principal, boolean createdHere, T result) {}

  /** How often a run waiting for another run's create checks whether it was cancelled. */
  static final Duration POLL = Duration.ofMillis(50);

  /** The lock of one name, kept while a run holds or waits for it. */
  private static final class Gate {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  private final Map<String, Gate> gates = new HashMap<>();
  private final AtomicLong tickets = new AtomicLong();
  private final int capacity;
  private final Map<String, Created> created;

  CreatedPrincipals(int capacity) {
    this.capacity = capacity;
    this.created =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Created> eldest) {
            return size() > CreatedPrincipals.this.capacity;
          }
        };
  }

  /** Returns the record every run in this JVM shares. */
  public static CreatedPrincipals jvm() {
    return JVM;
  }

  /** Returns a ticket to take just before a lookup is sent. */
  public long ticket() {
    return tickets.incrementAndGet();
  }

  /**
   * Runs {@code create} under the lock of {@code name} in {@code scope}, unless a run of this JVM
   * created that name after the lookup that took {@code lookupTicket} began: then that principal
   * is returned and nothing is sent.
   *
   * @param scope where the name lives: the account id, or the workspace host without an account
   * @param name the display name (compared without case, as SCIM filters do)
   * @param lookupTicket the ticket taken before this run's lookup came back empty
   * @param create creates the principal; returns what the caller needs from the create
   * @param principalOf the principal in what {@code create} returned
   * @param throwIfCancelled called while waiting for another run's create: throws when this run was cancelled
   * @param <T> what {@code create} returns
   * @return the principal and whether this call created it
   */
  public <T> Outcome<T> createOnce(
      String scope, String name, long lookupTicket, Supplier<T> create, Function<T, ServicePrincipalRef> principalOf, Runnable throwIfCancelled) {
    String key = key(scope, name);
    Gate gate = enter(key, throwIfCancelled);
    try {
      Optional<Created> earlier = get(key).filter(c -> c.ticket() > lookupTicket);
      if (earlier.isPresent()) {
        return new Outcome<>(earlier.get().principal(), false, null);
      }
      T result = create.get();
      ServicePrincipalRef principal = Objects.requireNonNull(principalOf.apply(result), "principal");
      put(key, new Created(principal, ticket()));
      return new Outcome<>(principal, true, result);
    } finally {
      gate.lock.unlock();
      leave(key, gate);
    }
  }

  /**
   * Takes the lock of {@code key}. Only runs for the same name wait for each other, and only for
   * one create; a cancelled run stops waiting within {@link #POLL}.
   */
  private Gate enter(String key, Runnable throwIfCancelled) {
    Gate gate;
    synchronized (gates) {
      gate = gates.computeIfAbsent(key, k -> new Gate());
      gate.users++;
    }
    boolean locked = false;
    try {
      while (!locked) {
        throwIfCancelled.run();
        locked = gate.lock.tryLock(POLL.toMillis(), TimeUnit.MILLISECONDS);
      }
      return gate;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while another run of this process created service principal '" + key + "'");
    } finally {
      if (!locked) {
        leave(key, gate);
      }
    }
  }

  private void leave(String key, Gate gate) {
    synchronized (gates) {
      if (--gate.users == 0) {
        gates.remove(key);
      }
    }
  }

  /**
   * Forgets the record of {@code name} when it names SCIM id {@code scimId}: that principal was
   * deleted, so no run may take it up.
   *
   * @param scope where the name lives
   * @param name the display name
   * @param scimId the SCIM id that was deleted
   */
  public void forget(String scope, String name, String scimId) {
    String key = key(scope, name);
    synchronized (created) {
      Created c = created.get(key);
      if (c != null && c.principal().id().equals(scimId)) {
        created.remove(key);
      }
    }
  }

  /** Returns how many records are kept. */
  int size() {
    synchronized (created) {
      return created.size();
    }
  }

  private Optional<Created> get(String key) {
    synchronized (created) {
      return Optional.ofNullable(created.get(key));
    }
  }

  private void put(String key, Created record) {
    synchronized (created) {
      created.remove(key);
      created.put(key, record);
    }
  }

  private static String key(String scope, String name) {
    return scope + " " + name.toLowerCase(Locale.ROOT);
  }
}
