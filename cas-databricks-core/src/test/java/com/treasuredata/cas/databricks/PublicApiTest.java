package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testing.PublicApi;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The core's public API is the committed {@code api/cas-databricks-core.api}, and stands on its own:
 * nothing in it extends, implements or mentions a type of an {@code internal} package.
 */
class PublicApiTest {

  private static final PublicApi API = PublicApi.of(Paths.get("target/classes"));

  @Test
  void isExactlyTheCommittedApiFile() {
    // when
    String difference = API.differenceFrom(Path.of("api", "cas-databricks-core.api"), "cas-databricks-core");

    // then
    assertThat(difference).withFailMessage(difference).isEmpty();
  }

  @Test
  void listsTheBuilderWithItsGenericSignatures() {
    assertThat(API.lines())
        .contains("com.treasuredata.cas.databricks.CasOnboarding: public static com.treasuredata.cas.databricks.CasOnboardingBuilder builder()")
        .noneMatch(line -> line.startsWith("com.treasuredata.cas.databricks.internal."));
  }

  // Today the built-in steps (steps.*Step) implement internal.engine.EngineStep beside OnboardingStep.
  @Test
  void noPublicTypeExtendsOrImplementsAnInternalType() {
    assertThat(API.supertypeLeaks()).isEmpty();
  }

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    assertThat(API.signatureLeaks()).isEmpty();
  }
}
