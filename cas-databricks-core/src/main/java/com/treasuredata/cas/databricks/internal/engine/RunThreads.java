package com.treasuredata.cas.databricks.internal.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Runs a run's tasks on its executor with the run's logging context (the caller's MDC plus
 * {@code cas.runId} and {@code cas.workspace}), and knows which threads are working for the run so
 * that a cancel can interrupt exactly those. Not API.
 */
public final class RunThreads implements Executor {

  /** MDC key of the run id. */
  public static final String MDC_RUN_ID = "cas.runId";
  /** MDC key of the workspace host. */
  public static final String MDC_WORKSPACE = "cas.workspace";

  private final Executor delegate;
  private final Map<String, String> context;
  private final Set<Thread> active = new HashSet<>();
  private boolean interrupting;

  /** Captures the caller's MDC and adds the run's keys. */
  public RunThreads(Executor delegate, String runId, String workspace) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Map<String, String> caller = MDC.getCopyOfContextMap();
    Map<String, String> ctx = caller == null ? new HashMap<>() : new HashMap<>(caller);
    ctx.put(MDC_RUN_ID, runId);
    ctx.put(MDC_WORKSPACE, workspace);
    this.context = Map.copyOf(ctx);
  }

  @Override
  public void execute(Runnable task) {
    delegate.execute(() -> runAs(task));
  }

  /** Runs {@code task} on the current thread as part of the run (the caller's own thread for {@code apply()}). */
  public void runAs(Runnable task) {
    Thread me = Thread.currentThread();
    Map<String, String> previous = MDC.getCopyOfContextMap();
    boolean added;
    synchronized (this) {
      added = active.add(me);
      if (interrupting) {
        me.interrupt();
      }
    }
    MDC.setContextMap(context);
    try {
      task.run();
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
      synchronized (this) {
        if (added) {
          active.remove(me);
          if (interrupting && me != callerThread) {
            Thread.interrupted(); // our cancel's interrupt must not leak into the pool's next task
          }
        }
      }
    }
  }

  private volatile Thread callerThread;

  /** Marks the thread that called {@code apply()}: its interrupt flag belongs to the caller and is never cleared. */
  public void callerThread(Thread thread) {
    this.callerThread = thread;
  }

  /** Interrupts every thread working for the run now, and any that joins later. */
  public synchronized void interruptAll() {
    interrupting = true;
    for (Thread t : active) {
      if (t != callerThread) {
        t.interrupt();
      }
    }
  }

  /** Returns the logging context of the run's threads. */
  public Map<String, String> mdc() {
    return context;
  }
}
