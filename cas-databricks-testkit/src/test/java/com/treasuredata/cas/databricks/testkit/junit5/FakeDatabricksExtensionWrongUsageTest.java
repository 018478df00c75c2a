package com.treasuredata.cas.databricks.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Misuse of the extension fails early with a message naming what is wrong. */
class FakeDatabricksExtensionWrongUsageTest {

  /** Stands in for a user's test class. */
  static final class UserTest {
    void first() {}

    void second() {}

    void wantsAServer(FakeDatabricksServer server) {}

    static void beforeAll(FakeDatabricks fake) {}
  }

  @Test
  void aServerParameterWithoutOverHttpIsAConfigurationError() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    Method method = UserTest.class.getDeclaredMethod("wantsAServer", FakeDatabricksServer.class);
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());

      // when / then
      assertThatThrownBy(() -> extension.resolveParameter(StubExtensionContext.parameter(method, 0), test.context()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("parameter 0 (FakeDatabricksServer)")
          .hasMessageContaining("wantsAServer")
          .hasMessageContaining("FakeDatabricksExtension.create().overHttp()");
    }
  }

  @Test
  void aFakeParameterBeforeAnInstanceRegistrationExistsIsAConfigurationError() throws Exception {
    // given: an instance-field extension is not registered yet when @BeforeAll methods run
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    Method method = UserTest.class.getDeclaredMethod("beforeAll", FakeDatabricks.class);
    try (StubExtensionContext testClass = StubExtensionContext.forClass(UserTest.class)) {

      // when / then
      assertThatThrownBy(() -> extension.resolveParameter(StubExtensionContext.parameter(method, 0),
          testClass.context()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("parameter 0 (FakeDatabricks) of " + UserTest.class.getName() + ".beforeAll(..)")
          .hasMessageContaining("register it on a static field");
    }
  }

  @Test
  void concurrentTestsOnAStaticRegistrationAreAConfigurationError() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    try (StubExtensionContext testClass = StubExtensionContext.forClass(UserTest.class);
        StubExtensionContext first = testClass.forMethod("first");
        StubExtensionContext second = testClass.forMethod("second")) {
      extension.beforeAll(testClass.context());
      extension.beforeEach(first.context());

      // when / then: a second test starts before the first one finished
      assertThatThrownBy(() -> extension.beforeEach(second.context()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining(UserTest.class.getName())
          .hasMessageContaining("register it on an instance field");
    }
  }

  /** A user's test class that declares the field with the wrong type. */
  static final class DeclaredAsExtension {
    @RegisterExtension
    static final Extension databricks = FakeDatabricksExtension.create();

    void first() {}
  }

  /** The same mistake on an instance field. */
  static final class InstanceDeclaredAsObject {
    @RegisterExtension
    final Object databricks = FakeDatabricksExtension.create();

    void first() {}
  }

  @Test
  void aStaticFieldOfAnotherTypeIsAConfigurationErrorNamingIt() {
    // given
    FakeDatabricksExtension extension = (FakeDatabricksExtension) DeclaredAsExtension.databricks;
    StubExtensionContext testClass = StubExtensionContext.forClass(DeclaredAsExtension.class);

    // when / then
    assertThatThrownBy(() -> extension.beforeAll(testClass.context()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@RegisterExtension field 'databricks' in " + DeclaredAsExtension.class.getName()
            + " is declared as Extension; declare it as FakeDatabricksExtension so tests can call databricks.fake()");
  }

  @Test
  void anInstanceFieldOfAnotherTypeIsAConfigurationErrorNamingIt() throws Exception {
    // given
    InstanceDeclaredAsObject instance = new InstanceDeclaredAsObject();
    FakeDatabricksExtension extension = (FakeDatabricksExtension) instance.databricks;
    try (StubExtensionContext test = StubExtensionContext.forClass(InstanceDeclaredAsObject.class).forMethod("first")
        .withTestInstance(instance)) {

      // when / then
      assertThatThrownBy(() -> extension.beforeEach(test.context()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("field 'databricks'")
          .hasMessageContaining("is declared as Object");
    }
  }

  @Test
  void theFakeIsNotAvailableOutsideATest() {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();

    // when / then
    assertThatThrownBy(extension::fake)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fake() is only available while a test runs");
  }

  @Test
  void theServerNeedsOverHttp() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create();
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {
      extension.beforeEach(test.context());

      // when / then
      assertThatThrownBy(extension::server)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("FakeDatabricksExtension.create().overHttp()");
    }
  }

  @Test
  void aFactoryReturningNullIsRefused() throws Exception {
    // given
    FakeDatabricksExtension extension = FakeDatabricksExtension.create().withFactory(() -> null);
    try (StubExtensionContext test = StubExtensionContext.forClass(UserTest.class).forMethod("first")) {

      // when / then
      assertThatThrownBy(() -> extension.beforeEach(test.context()))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("the fake factory returned null");
    }
  }
}
