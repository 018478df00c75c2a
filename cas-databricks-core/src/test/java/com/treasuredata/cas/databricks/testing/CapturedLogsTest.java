package com.treasuredata.cas.databricks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class CapturedLogsTest {

  private final Logger log = LoggerFactory.getLogger("capture-test");

  @BeforeEach
  void clear() {
    CapturedLogs.clear();
  }

  @Test
  void everyLevelIsCapturedWithPlaceholdersFilledAndThrowablesAsText() {
    // given
    IllegalStateException failure = new IllegalStateException("outer", new RuntimeException("inner cause"));

    // when
    log.trace("t {}", 1);
    log.debug("d {} {}", "a", "b");
    log.info("i");
    log.warn("w {}", "x", failure);

    // then
    assertThat(CapturedLogs.isActive()).isTrue();
    assertThat(CapturedLogs.all()).extracting(CapturedLogs.Event::level)
        .containsExactly(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN);
    assertThat(CapturedLogs.at(Level.DEBUG)).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("d a b"));
    assertThat(CapturedLogs.at(Level.WARN).get(0).throwable()).get().asString().contains("outer", "inner cause");
    assertThat(CapturedLogs.text()).contains("capture-test - w x", "inner cause");
  }

  @Test
  void clearForgetsEverything() {
    // given
    log.info("something");

    // when
    CapturedLogs.clear();

    // then
    assertThat(CapturedLogs.all()).isEmpty();
  }
}
