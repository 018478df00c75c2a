package com.treasuredata.cas.databricks.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.ServicePrincipalRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CreatedPrincipalsTest {

  private static final Runnable NOT_CANCELLED = () -> {};

  private final CreatedPrincipals created = new CreatedPrincipals(CreatedPrincipals.CAPACITY);
  private final AtomicInteger creates = new AtomicInteger();

  private ServicePrincipalRef create(String name) {
    int n = creates.incrementAndGet();
    return new ServicePrincipalRef(String.valueOf(1000 + n), "00000000-0000-0000-0000-00000000000" + n, name);
  }

  private CreatedPrincipals.Outcome<ServicePrincipalRef> createOnce(String scope, String name, long lookupTicket) {
    return created.createOnce(scope, name, lookupTicket, () -> create(name), Function.identity(), NOT_CANCELLED);
  }

  @Test
  void aRunWhoseLookupBeganBeforeAnotherRunsCreateUsesThatOneWithoutCreating() {
    // given: both runs looked the name up before either created it
    long first = created.ticket();
    long second = created.ticket();
    CreatedPrincipals.Outcome<ServicePrincipalRef> one = createOnce("account a", "TD-CAS", first);

    // when
    CreatedPrincipals.Outcome<ServicePrincipalRef> two = createOnce("account a", "TD-CAS", second);

    // then
    assertThat(one.createdHere()).isTrue();
    assertThat(two.createdHere()).isFalse();
    assertThat(two.result()).isNull();
    assertThat(two.principal()).isEqualTo(one.principal());
    assertThat(creates).hasValue(1);
  }

  @Test
  void aRunWhoseLookupBeganAfterTheCreateCreatesItsOwnSinceItsLookupWouldHaveFoundTheFirst() {
    // given: the first is created, and later gone (deleted by someone else, say)
    ServicePrincipalRef first = createOnce("account a", "TD-CAS", created.ticket()).principal();

    // when: a lookup after that create found nothing
    CreatedPrincipals.Outcome<ServicePrincipalRef> later = createOnce("account a", "TD-CAS", created.ticket());

    // then
    assertThat(later.createdHere()).isTrue();
    assertThat(later.principal()).isNotEqualTo(first);
  }

  @Test
  void aDeletedPrincipalIsForgottenAndNotTakenUp() {
    // given
    long lookup = created.ticket();
    ServicePrincipalRef first = createOnce("account a", "TD-CAS", created.ticket()).principal();

    // when
    created.forget("account a", "td-cas", first.id());
    CreatedPrincipals.Outcome<ServicePrincipalRef> next = createOnce("account a", "TD-CAS", lookup);

    // then
    assertThat(next.createdHere()).isTrue();
    assertThat(next.principal().id()).isNotEqualTo(first.id());
  }

  @Test
  void forgettingAnotherIdKeepsTheRecord() {
    // given
    long lookup = created.ticket();
    ServicePrincipalRef first = createOnce("account a", "TD-CAS", created.ticket()).principal();

    // when
    created.forget("account a", "TD-CAS", "999");

    // then
    assertThat(createOnce("account a", "TD-CAS", lookup).principal()).isEqualTo(first);
  }

  @Test
  void namesAreComparedWithoutCaseAndOnlyWithinOneScope() {
    // given
    long lookup = created.ticket();
    createOnce("account a", "TD-CAS", lookup);

    // when
    CreatedPrincipals.Outcome<ServicePrincipalRef> sameNameOtherCase = createOnce("account a", "td-cas", lookup);
    CreatedPrincipals.Outcome<ServicePrincipalRef> otherAccount = createOnce("account b", "TD-CAS", lookup);
    CreatedPrincipals.Outcome<ServicePrincipalRef> otherName = createOnce("account a", "TD-CAS-2", lookup);

    // then
    assertThat(sameNameOtherCase.createdHere()).isFalse();
    assertThat(otherAccount.createdHere()).isTrue();
    assertThat(otherName.createdHere()).isTrue();
  }

  @Test
  void aFailedCreateLeavesNoRecord() {
    // given
    long lookup = created.ticket();

    // when
    try {
      created.createOnce("account a", "TD-CAS", lookup, () -> {
        throw new IllegalStateException("503");
      }, Function.<ServicePrincipalRef>identity(), NOT_CANCELLED);
    } catch (IllegalStateException expected) {
      // the caller reports it
    }

    // then
    assertThat(createOnce("account a", "TD-CAS", lookup).createdHere()).isTrue();
  }

  @Test
  void runsThatLookedUpTogetherCreateOnceBetweenThemWhateverTheirOrder() throws Exception {
    // given: eight runs whose lookups all came back empty
    int runs = 8;
    List<Long> lookups = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      lookups.add(created.ticket());
    }
    ExecutorService threads = Executors.newFixedThreadPool(runs);
    CountDownLatch go = new CountDownLatch(1);

    // when
    List<Future<CreatedPrincipals.Outcome<ServicePrincipalRef>>> outcomes = new ArrayList<>();
    try {
      for (long lookup : lookups) {
        outcomes.add(threads.submit(() -> {
          go.await();
          return createOnce("account a", "TD-CAS", lookup);
        }));
      }
      go.countDown();
      List<CreatedPrincipals.Outcome<ServicePrincipalRef>> done = new ArrayList<>();
      for (Future<CreatedPrincipals.Outcome<ServicePrincipalRef>> f : outcomes) {
        done.add(f.get(10, TimeUnit.SECONDS));
      }

      // then
      assertThat(creates).hasValue(1);
      assertThat(done).filteredOn(CreatedPrincipals.Outcome::createdHere).hasSize(1);
      assertThat(done).extracting(CreatedPrincipals.Outcome::principal).containsOnly(done.get(0).principal());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aRunWaitingForAnotherRunsCreateStopsWaitingWhenCancelled() throws Exception {
    // given: one run's create is in flight and holds the name
    long lookup = created.ticket();
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<CreatedPrincipals.Outcome<ServicePrincipalRef>> first = threads.submit(() -> created.createOnce("account a", "TD-CAS", lookup, () -> {
        creating.countDown();
        await(release);
        return create("TD-CAS");
      }, Function.identity(), NOT_CANCELLED));
      assertThat(creating.await(10, TimeUnit.SECONDS)).isTrue();

      // when a second run for the name waits, and is cancelled
      AtomicBoolean cancelled = new AtomicBoolean();
      Future<CreatedPrincipals.Outcome<ServicePrincipalRef>> second = threads.submit(() -> created.createOnce("account a", "TD-CAS", lookup,
          () -> create("TD-CAS"), Function.identity(), () -> {
            if (cancelled.get()) {
              throw new CancellationException("cancelled");
            }
          }));
      cancelled.set(true);

      // then it stops waiting while the first still holds the name, and the first is unaffected
      assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).createdHere()).isTrue();
      assertThat(creates).hasValue(1);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void keepsAtMostItsCapacityForgettingTheOldest() {
    // given
    CreatedPrincipals small = new CreatedPrincipals(3);
    long lookup = small.ticket();
    for (int i = 0; i < 5; i++) {
      String name = "TD-CAS-" + i;
      small.createOnce("account a", name, lookup, () -> create(name), Function.identity(), NOT_CANCELLED);
    }

    // when
    boolean oldestCreatedAgain = small.createOnce("account a", "TD-CAS-0", lookup, () -> create("TD-CAS-0"), Function.identity(), NOT_CANCELLED).createdHere();
    boolean newestTakenUp = !small.createOnce("account a", "TD-CAS-4", lookup, () -> create("TD-CAS-4"), Function.identity(), NOT_CANCELLED).createdHere();

    // then
    assertThat(small.size()).isEqualTo(3);
    assertThat(oldestCreatedAgain).isTrue();
    assertThat(newestTakenUp).isTrue();
  }
}
