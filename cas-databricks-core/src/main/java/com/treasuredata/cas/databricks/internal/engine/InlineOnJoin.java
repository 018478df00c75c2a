package com.treasuredata.cas.databricks.internal.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A step's parallel work that the step itself runs when it joins before any thread picked it up:
 * on a one-thread (or {@code Runnable::run}-like) executor the step would otherwise wait for a task
 * queued behind itself. Not API.
 */
final class InlineOnJoin<T> extends CompletableFuture<T> {

  private final AtomicBoolean claimed = new AtomicBoolean();
  private final Supplier<T> call;

  private InlineOnJoin(Supplier<T> call) {
    this.call = call;
  }

  static <T> CompletableFuture<T> start(Supplier<T> call, Executor executor) {
    InlineOnJoin<T> future = new InlineOnJoin<>(call);
    executor.execute(future::runIfUnclaimed);
    return future;
  }

  private void runIfUnclaimed() {
    if (claimed.compareAndSet(false, true)) {
      try {
        complete(call.get());
      } catch (RuntimeException | Error e) {
        completeExceptionally(e);
      }
    }
  }

  @Override
  public T join() {
    runIfUnclaimed();
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    runIfUnclaimed();
    return super.get();
  }
}
