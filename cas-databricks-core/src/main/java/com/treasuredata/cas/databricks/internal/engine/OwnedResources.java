package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor and transport a {@code CasOnboarding} creates for itself when the caller brings
 * none: made on first use, shared by that onboarding's runs, released by {@link #close()}. Nothing
 * is process-wide: idle threads end after 30 s, so even an onboarding nobody closes pins no class
 * loader for long. Thread-safe. Not API.
 */
public final class OwnedResources implements AutoCloseable {

  /**
   * The widest stage of one run: its preflight reads (up to eight on a re-run) plus the steps
   * beside the chain. Tasks beyond the pool's size run on the caller's thread, one after the other,
   * so a pool shared by several runs must hold this many threads per concurrent run.
   */
  public static final int THREADS_PER_RUN = 16;

  /** A run needs one thread per concurrently running step plus its preflight reads; far above that, callers run tasks themselves. */
  private static final int MAX_THREADS = 64;

  private final String threadPrefix;
  private final int maxThreads;
  private ThreadPoolExecutor executor;
  private OkHttpTransport transport;
  private boolean closed;

  public OwnedResources(String threadPrefix) {
    this(threadPrefix, 1);
  }

  /**
   * Resources for {@code concurrentRuns} runs at once: their executor grows to {@link
   * #THREADS_PER_RUN} threads per run (never fewer than one onboarding's 64, never more than
   * 4096), created on demand.
   */
  public OwnedResources(String threadPrefix, int concurrentRuns) {
    this.threadPrefix = threadPrefix;
    // capped: past a few thousand threads, running a task on the caller's thread costs less than another thread
    this.maxThreads = Math.min(4096, Math.max(MAX_THREADS, THREADS_PER_RUN * Math.max(1, concurrentRuns)));
  }

  /** Returns the executor, creating it on first use. */
  public synchronized Executor executor() {
    checkOpen();
    if (executor == null) {
      executor = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads(), new ThreadPoolExecutor.CallerRunsPolicy());
    }
    return executor;
  }

  /** Returns the default OkHttp transport, creating it on first use. */
  public synchronized Transport transport() {
    checkOpen();
    if (transport == null) {
      transport = OkHttpTransport.create();
    }
    return transport;
  }

  /** Stops the threads and releases the connections this owns; runs already started finish. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdown();
    }
    if (transport != null) {
      transport.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this CasOnboarding is closed; build a new one (toBuilder().build())");
    }
  }

  private ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    ClassLoader loader = OwnedResources.class.getClassLoader();
    return r -> {
      Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
      t.setDaemon(true);
      t.setContextClassLoader(loader);
      return t;
    };
  }
}
