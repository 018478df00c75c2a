package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testing.PublicApi;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The testkit's public API is the committed {@code api/cas-databricks-testkit.api}, and stands on
 * its own: nothing in it extends, implements or mentions a type of an {@code internal} package
 * (the fake's engine, or the core's internals).
 */
class PublicApiTest {

  private static final PublicApi API = PublicApi.of(Paths.get("target/classes"));

  @Test
  void isExactlyTheCommittedApiFile() {
    // when
    String difference = API.differenceFrom(Path.of("api", "cas-databricks-testkit.api"), "cas-databricks-testkit");

    // then
    assertThat(difference).withFailMessage(difference).isEmpty();
  }

  @Test
  void listsTheFakeAndLeavesTheEngineOut() {
    assertThat(API.lines())
        .anyMatch(line -> line.startsWith("com.treasuredata.cas.databricks.testkit.FakeDatabricks: public static "))
        .noneMatch(line -> line.startsWith("com.treasuredata.cas.databricks.testkit.internal."));
  }

  @Test
  void noPublicTypeExtendsOrImplementsAnInternalType() {
    assertThat(API.supertypeLeaks()).isEmpty();
  }

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    assertThat(API.signatureLeaks()).isEmpty();
  }
}
