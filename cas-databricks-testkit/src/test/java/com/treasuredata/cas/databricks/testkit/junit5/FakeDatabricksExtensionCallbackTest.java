package com.treasuredata.cas.databricks.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import org.junit.jupiter.api.Test;

/** The extension's callbacks, called directly as JUnit would (junit-platform-testkit is not available). */
class FakeDatabricksExtensionCallbackTest {

  /** Stands in for a user's test class. */
  static final class UserTest {
    void first() {}

    void second() {}
  }

  @Test
  void failsATestWhoseFaultRuleNeverFired() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());
      extension.fake().faults().add(FaultRule.on("POST", "/api/2.0/token/create", Fault.status(503)).withId("token-503"));

      // when / then
      assertThatThrownBy(() -> extension.afterEach(test.context()))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting every fault rule to fire, but 1 never fired:")
          .hasMessageContaining("token-503: POST /api/2.0/token/create -> status 503")
          .hasMessageContaining("allowingUnfiredFaults()");
    }
  }

  @Test
  void passesATestWhoseFaultRulesAllFired() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());
      extension.fake().faults().add(FaultRule.on("GET", "/api/2.0/preview/scim/v2/Me", Fault.status(503)));

      // when
      int status = Requests.get(extension.fake(), "/api/2.0/preview/scim/v2/Me").status();

      // then
      assertThat(status).isEqualTo(503);
      assertThatCode(() -> extension.afterEach(test.context())).doesNotThrowAnyException();
    }
  }

  @Test
  void allowingUnfiredFaultsLetsAnUnfiredRulePass() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create().allowingUnfiredFaults();
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());
      extension.fake().faults().add(FaultRule.on("GET", "/never", Fault.status(500)));

      // when / then
      assertThatCode(() -> extension.afterEach(test.context())).doesNotThrowAnyException();
    }
  }

  @Test
  void failsATestThatHitAnUnknownRoute() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());
      Requests.get(extension.fake(), "/api/2.0/unknown-route-for-a-test");

      // when / then
      assertThatThrownBy(() -> extension.afterEach(test.context()))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("1 request hit an unknown route:")
          .hasMessageContaining("GET /api/2.0/unknown-route-for-a-test");
    }
  }

  @Test
  void allowingUnknownRoutesLetsAnUnknownRoutePass() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create().allowingUnknownRoutes();
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());
      Requests.get(extension.fake(), "/api/2.0/unknown-route-for-a-test");

      // when / then
      assertThatCode(() -> extension.afterEach(test.context())).doesNotThrowAnyException();
    }
  }

  @Test
  void staticRegistrationResetsTheSharedFakeBeforeEachTest() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create().allowingUnfiredFaults();
    try (StubExtensionContext testClass = StubExtensionContext.forClass(UserTest.class)) {
      extension.beforeAll(testClass.context());
      FakeDatabricks shared = extension.fake();
      try (StubExtensionContext first = testClass.forMethod("first")) {
        extension.beforeEach(first.context());
        Requests.get(shared, "/api/2.0/preview/scim/v2/Me");
        shared.faults().add(FaultRule.on("GET", "/x", Fault.status(500)));
        extension.afterEach(first.context());
      }

      // when
      try (StubExtensionContext second = testClass.forMethod("second")) {
        extension.beforeEach(second.context());

        // then
        assertThat(extension.fake()).isSameAs(shared);
        assertThat(shared.journal().count()).isZero();
        assertThat(shared.faults().rules()).isEmpty();
        extension.afterEach(second.context());
      }
    }
  }

  @Test
  void instanceRegistrationClosesTheServerWhenTheTestEnds() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create().overHttp();
    FakeDatabricksServer server;
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());
      server = extension.server();
      assertThat(server.isRunning()).isTrue();
      extension.afterEach(test.context());

      // when: the test's context ends (try-with-resources)
    }

    // then
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void resolvesTheFakeAndTheServerAsParameters() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create().overHttp();
    java.lang.reflect.Method method = Parameters.class.getDeclaredMethod("both", FakeDatabricks.class,
        FakeDatabricksServer.class);
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());

      // when
      Object fake = extension.resolveParameter(StubExtensionContext.parameter(method, 0), test.context());
      Object server = extension.resolveParameter(StubExtensionContext.parameter(method, 1), test.context());

      // then
      assertThat(extension.supportsParameter(StubExtensionContext.parameter(method, 0), test.context())).isTrue();
      assertThat(fake).isSameAs(extension.fake());
      assertThat(server).isSameAs(extension.server());
      extension.afterEach(test.context());
    }
  }

  @Test
  void doesNotResolveOtherParameterTypes() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    java.lang.reflect.Method method = Parameters.class.getDeclaredMethod("other", String.class);
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      // when
      boolean supported = extension.supportsParameter(StubExtensionContext.parameter(method, 0), test.context());

      // then
      assertThat(supported).isFalse();
    }
  }

  /** Method signatures to take parameters from. */
  static final class Parameters {
    void both(FakeDatabricks fake, FakeDatabricksServer server) {}

    void other(String text) {}
  }
}
