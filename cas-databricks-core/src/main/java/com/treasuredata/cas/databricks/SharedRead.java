package com.treasuredata.cas.databricks;

import java.util.Objects;
import java.util.function.Function;

/**
 * A read several steps need, made at most once per run. Steps list the shared reads they will
 * need in {@link OnboardingStep#prefetch()}: the engine starts every one of them at the beginning
 * of the plan, concurrently, so that independent reads cost one round trip together. Keys compare
 * by identity: declare each once as a constant.
 *
 * <pre>{@code
 * static final SharedRead<JsonNode> WAREHOUSES =
 *     SharedRead.of("warehouses", ctx -> ctx.workspace().get("/api/2.0/sql/warehouses"));
 * ...
 * JsonNode warehouses = ctx.read(WAREHOUSES);   // waits for the prefetch, or reads now
 * }</pre>
 *
 * @param <T> the value type
 */
public final class SharedRead<T> {

  private final String name;
  private final Function<StepContext, T> read;

  private SharedRead(String name, Function<StepContext, T> read) {
    this.name = name;
    this.read = read;
  }

  /**
   * Returns a shared read. {@code read} must send GET requests only.
   *
   * @param <T> the type of the value
   * @param name the name
   * @param read the read
   * @return a shared read
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static <T> SharedRead<T> of(String name, Function<StepContext, T> read) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(read, "read");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a shared read's name must not be blank; allowed: a short name such as \"workspace-conf\"");
    }
    return new SharedRead<>(name, read);
  }

  /**
   * Returns the name, for logs and messages.
   *
   * @return the name, for logs and messages
   */
  public String name() {
    return name;
  }

  /**
   * Performs the read; called by the engine at most once per run.
   *
   * @param context the run's step context
   * @return the result
   */
  public T readWith(StepContext context) {
    return read.apply(context);
  }

  @Override
  public String toString() {
    return "SharedRead[" + name + "]";
  }
}
