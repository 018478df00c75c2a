package com.treasuredata.cas.databricks.internal.engine;

import java.util.concurrent.CompletableFuture;

/**
 * The future of an async run: {@code cancel(..)} also cancels the run, which then stops at its next
 * request boundary and reports what it applied (to the listener and the log). Not API.
 */
public final class RunFuture<T> extends CompletableFuture<T> {

  private final Runnable cancelRun;

  public RunFuture(Runnable cancelRun) {
    this.cancelRun = cancelRun;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    cancelRun.run();
    return super.cancel(mayInterruptIfRunning);
  }
}
