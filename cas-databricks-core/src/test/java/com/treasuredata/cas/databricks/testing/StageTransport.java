package com.treasuredata.cas.databricks.testing;

import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A transport that shows whether requests go out in one concurrent stage, without measuring time:
 * once {@linkplain #hold held}, every matching request waits until {@code n} matching requests are
 * in flight, and then all go on. Requests that had to give up waiting (a request that starts only
 * after another one was answered never arrives while the others wait) and requests that started
 * after a matching one was answered are recorded.
 */
public final class StageTransport implements Transport {

  private final Transport delegate;
  private volatile Predicate<TransportRequest> matching = r -> false;
  private volatile CountDownLatch inFlight = new CountDownLatch(0);
  private final AtomicInteger answered = new AtomicInteger();
  private final List<String> gaveUpWaiting = new ArrayList<>();
  private final List<String> startedAfterAnAnswer = new ArrayList<>();

  public StageTransport(Transport delegate) {
    this.delegate = delegate;
  }

  /** From now on, holds each request {@code matching} until {@code n} of them are in flight. */
  public synchronized StageTransport hold(Predicate<TransportRequest> matching, int n) {
    this.inFlight = new CountDownLatch(n);
    this.answered.set(0);
    this.gaveUpWaiting.clear();
    this.startedAfterAnAnswer.clear();
    this.matching = matching;
    return this;
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    if (!matching.test(request)) {
      return delegate.execute(request);
    }
    String line = request.method() + " " + request.uri().getPath();
    CountDownLatch latch = inFlight;
    synchronized (this) {
      if (answered.get() > 0) {
        startedAfterAnAnswer.add(line);
      }
    }
    latch.countDown();
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) {
        synchronized (this) {
          gaveUpWaiting.add(line);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while held", e);
    }
    try {
      return delegate.execute(request);
    } finally {
      answered.incrementAndGet();
    }
  }

  /** The held requests that waited in vain for the others (they were not all in flight at once). */
  public synchronized List<String> gaveUpWaiting() {
    return List.copyOf(gaveUpWaiting);
  }

  /** The held requests that started after another held one was answered (a second stage). */
  public synchronized List<String> startedAfterAnAnswer() {
    return List.copyOf(startedAfterAnAnswer);
  }
}
