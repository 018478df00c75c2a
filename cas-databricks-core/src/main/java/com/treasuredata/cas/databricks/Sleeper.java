package com.treasuredata.cas.databricks;

import java.time.Duration;

/**
 * Waits. Injected so that tests never sleep for real: pair a fake sleeper with a fake
 * {@link java.time.Clock} that it advances.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps for real, restoring the interrupt flag when interrupted. */
  Sleeper SYSTEM =
      duration -> {
        try {
          Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OnboardingException("interrupted while waiting " + duration, e);
        }
      };

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait
   */
  void sleep(Duration duration);
}
