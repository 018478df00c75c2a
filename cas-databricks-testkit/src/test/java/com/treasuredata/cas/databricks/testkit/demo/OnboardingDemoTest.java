package com.treasuredata.cas.databricks.testkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OnboardingDemoTest {

  @Test
  void printsThePlanEachStepTheApplicationIdAndAMaskedTokenButNeverTheTokenItself() {
    // given
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    // when
    OnboardingResult result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = OnboardingDemo.run(out);
    }

    // then
    String output = bytes.toString(StandardCharsets.UTF_8);
    Secret token = result.token().orElseThrow();
    assertThat(token.occursIn(output)).as("raw token in the demo's output").isFalse();
    assertThat(output)
        .contains("== plan (reads only) ==")
        .contains("-> obo-token")
        .contains("<- verify-token")
        .contains("applicationId=" + result.applicationId())
        .contains("Secret[****]")
        .contains("== apply again (idempotent) ==")
        .containsPattern("requests / writes +8 / 0");
  }
}
