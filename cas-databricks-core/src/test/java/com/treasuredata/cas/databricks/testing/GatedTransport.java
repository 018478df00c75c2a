package com.treasuredata.cas.databricks.testing;

import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A transport that holds the first request matching a predicate "in flight" until released, and
 * records every request that starts, so tests can see what a run sends after it was cancelled.
 */
public final class GatedTransport implements Transport {

  private final Transport delegate;
  private final Predicate<TransportRequest> gate;
  private final AtomicBoolean gated = new AtomicBoolean();
  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch answered = new CountDownLatch(1);
  private final List<String> started = new ArrayList<>();

  public GatedTransport(Transport delegate, Predicate<TransportRequest> gate) {
    this.delegate = delegate;
    this.gate = gate;
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    synchronized (started) {
      started.add(request.method() + " " + request.uri().getPath());
    }
    if (gate.test(request) && gated.compareAndSet(false, true)) {
      arrived.countDown();
      awaitIgnoringInterrupts(release);
      try {
        return delegate.execute(request);
      } finally {
        answered.countDown();
      }
    }
    return delegate.execute(request);
  }

  /** Waits until the gated request is in flight. */
  public void awaitInFlight() throws InterruptedException {
    if (!arrived.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no request matched the gate; started: " + started());
    }
  }

  /** Lets the held request go on, and waits until it was answered. */
  public void releaseAndAwaitAnswer() throws InterruptedException {
    release.countDown();
    if (!answered.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the held request was never answered");
    }
  }

  /** Returns true while the gated request is held. */
  public boolean isHolding() {
    return gated.get() && release.getCount() > 0;
  }

  /** Returns every request started so far, in order. */
  public List<String> started() {
    synchronized (started) {
      return List.copyOf(started);
    }
  }

  // An HTTP call in flight does not stop for an interrupt either; the run must stop at the next boundary.
  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
