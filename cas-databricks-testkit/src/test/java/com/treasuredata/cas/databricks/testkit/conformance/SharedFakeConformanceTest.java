package com.treasuredata.cas.databricks.testkit.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One fake and one loopback server per conformance class, reset before each test: the scenarios
 * change state, and a reset is far cheaper than a new server.
 */
abstract class SharedFakeConformanceTest {

  static ConformanceFixture fx;

  @BeforeAll
  static void startFake() {
    fx = ConformanceFixture.start();
  }

  @AfterAll
  static void stopFake() {
    fx.close();
  }

  @BeforeEach
  void resetFake() {
    fx.reset();
  }
}
