package com.treasuredata.cas.databricks.testkit.junit5;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fake and its optional server, stored in the JUnit extension store; JUnit closes it when the
 * owning context (class or test) ends.
 */
final class FakeResources implements AutoCloseable {

  private final FakeDatabricks fake;
  private final Optional<FakeDatabricksServer> server;
  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean shared;

  private FakeResources(FakeDatabricks fake, Optional<FakeDatabricksServer> server) {
    this.fake = fake;
    this.server = server;
  }

  static FakeResources start(Supplier<FakeDatabricks> factory, boolean overHttp) {
    FakeDatabricks fake = java.util.Objects.requireNonNull(factory.get(), "the fake factory returned null");
    if (!overHttp) {
      return new FakeResources(fake, Optional.empty());
    }
    try {
      return new FakeResources(fake, Optional.of(FakeDatabricksServer.create(fake).start()));
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  FakeDatabricks fake() {
    return fake;
  }

  Optional<FakeDatabricksServer> server() {
    return server;
  }

  boolean isShared() {
    return shared;
  }

  void shared(boolean shared) {
    this.shared = shared;
  }

  /** Counts a test starting on a shared fake; returns how many are running now. */
  int testStarted() {
    return running.incrementAndGet();
  }

  void testFinished() {
    running.decrementAndGet();
  }

  @Override
  public void close() {
    try {
      server.ifPresent(FakeDatabricksServer::close);
    } finally {
      fake.close();
    }
  }
}
