package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testing.SourceSize;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Every main source file of the testkit can be read in one sitting: at most 400 lines. */
class SourceSizeTest {

  @Test
  void noMainSourceFileIsLongerThan400Lines() {
    assertThat(SourceSize.longerThanTheLimit(Paths.get("src/main/java")))
        .isEmpty();
  }
}
