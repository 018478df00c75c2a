package com.treasuredata.cas.databricks.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static registration: one fake and server for the class, reset before each test. */
class FakeDatabricksExtensionStaticTest {

  @RegisterExtension
  static final FakeDatabricksExtension databricks = FakeDatabricksExtension.create().overHttp();

  private static FakeDatabricks fakeSeenInBeforeAll;

  @BeforeAll
  static void rememberTheFake(FakeDatabricks fake) {
    fakeSeenInBeforeAll = fake;
  }

  @RepeatedTest(3)
  void eachTestStartsFromAFreshState() {
    // given
    FakeDatabricks fake = databricks.fake();

    // when
    Requests.get(fake, "/api/2.0/preview/scim/v2/Me");
    fake.clock().advance(Duration.ofDays(1));

    // then: whatever ran before, this test sees only its own request and clock move
    assertThat(fake.journal().count()).isEqualTo(1);
    assertThat(fake.clock().now()).isEqualTo(fake.clock().start().plus(Duration.ofDays(1)));
  }

  @Test
  void sharesOneFakeAcrossTheClass(FakeDatabricks fake) {
    assertThat(fake).isSameAs(fakeSeenInBeforeAll).isSameAs(databricks.fake());
  }

  @Test
  void injectsTheServerInFrontOfTheFake(FakeDatabricksServer server) throws Exception {
    // given
    HttpClient client = HttpClient.newHttpClient();

    // when
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url().resolve("/__fake/journal")).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(server.fake()).isSameAs(databricks.fake());
    assertThat(databricks.url()).isEqualTo(server.url());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Nested
  class InANestedClass {

    @Test
    void usesTheOuterClassFake(FakeDatabricks fake) {
      assertThat(fake).isSameAs(fakeSeenInBeforeAll);
    }
  }
}
