package com.treasuredata.cas.databricks.testkit.junit5;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives each test a fresh {@link FakeDatabricks}, optionally behind a loopback
 * {@link FakeDatabricksServer}, and fails the test if a scripted fault never fired or a request hit
 * a route the fake does not know.
 *
 * <p>Registered on a {@code static} field, one fake serves the whole class and is
 * {@linkplain FakeDatabricks#reset() reset} before each test (cheap; tests of the class must then
 * run one at a time). Registered on an instance field, each test gets a fake of its
 * own, so tests may run in parallel ({@code @ExtendWith(FakeDatabricksExtension.class)} on the class
 * behaves like a static field). Either way the fake and the server are closed by JUnit through
 * the extension store. Test and lifecycle methods may declare parameters of type
 * {@link FakeDatabricks} and, with {@link #overHttp()}, {@link FakeDatabricksServer}.
 *
 * <p>After each test the extension fails it with an {@link AssertionError} when a fault rule never
 * fired ({@link #allowingUnfiredFaults()} turns this off) or a request hit an unknown route
 * ({@link #allowingUnknownRoutes()}). Instances are immutable: the configuration methods return
 * copies. Thread-safe.
 *
 * <pre>{@code
 * class OnboardingTest {
 *   @RegisterExtension
 *   static final FakeDatabricksExtension databricks = FakeDatabricksExtension.create().overHttp();
 *
 *   @Test
 *   void createsTheServicePrincipal(FakeDatabricksServer server) {
 *     onboard(server.url(), databricks.fake().adminToken());
 *     assertThat(databricks.fake()).hasServicePrincipalNamed("TreasureData CAS");
 *   }
 * }
 * }</pre>
 */
public final class FakeDatabricksExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final String KEY = "fake-databricks";

  private final Supplier<FakeDatabricks> factory;
  private final boolean overHttp;
  private final boolean failOnUnfiredFaults;
  private final boolean failOnUnknownRoutes;
  private volatile FakeResources current;

  private FakeDatabricksExtension(
      Supplier<FakeDatabricks> factory, boolean overHttp, boolean failOnUnfiredFaults, boolean failOnUnknownRoutes) {
    this.factory = factory;
    this.overHttp = overHttp;
    this.failOnUnfiredFaults = failOnUnfiredFaults;
    this.failOnUnknownRoutes = failOnUnknownRoutes;
  }

  /** Constructor for {@code @ExtendWith(FakeDatabricksExtension.class)}: in-process, strict. */
  FakeDatabricksExtension() {
    this(FakeDatabricks::create, false, true, true);
  }

  /**
   * Returns an extension with default fakes ({@link FakeDatabricks#create()}), in-process, strict.
   *
   * @return an extension with default fakes ({@link FakeDatabricks#create()}), in-process, strict
   */
  public static FakeDatabricksExtension create() {
    return new FakeDatabricksExtension();
  }

  /**
   * Returns a copy that makes each fake with {@code factory} instead, e.g.
   * {@code () -> FakeDatabricks.builder().catalog("sales").build()}.
   *
   * @param factory the factory
   * @return a copy that makes each fake with {@code factory} instead, e.g. {@code () -> FakeDatabricks.builder().catalog("sales").build()}
   */
  public FakeDatabricksExtension withFactory(Supplier<FakeDatabricks> factory) {
    return new FakeDatabricksExtension(
        Objects.requireNonNull(factory, "factory"), overHttp, failOnUnfiredFaults, failOnUnknownRoutes);
  }

  /**
   * Returns a copy that also serves each fake over loopback HTTP (see {@link #server()}).
   *
   * @return a copy that also serves each fake over loopback HTTP (see {@link #server()})
   */
  public FakeDatabricksExtension overHttp() {
    return new FakeDatabricksExtension(factory, true, failOnUnfiredFaults, failOnUnknownRoutes);
  }

  /**
   * Returns a copy that does not fail a test whose fault rules did not all fire.
   *
   * @return a copy that does not fail a test whose fault rules did not all fire
   */
  public FakeDatabricksExtension allowingUnfiredFaults() {
    return new FakeDatabricksExtension(factory, overHttp, false, failOnUnknownRoutes);
  }

  /**
   * Returns a copy that does not fail a test that called a route the fake does not know.
   *
   * @return a copy that does not fail a test that called a route the fake does not know
   */
  public FakeDatabricksExtension allowingUnknownRoutes() {
    return new FakeDatabricksExtension(factory, overHttp, failOnUnfiredFaults, false);
  }

  /**
   * Returns true when {@link #overHttp()} was chosen.
   *
   * @return true when {@link #overHttp()} was chosen
   */
  public boolean isOverHttp() {
    return overHttp;
  }

  /**
   * Returns the fake of the running test.
   *
   * @return the fake of the running test
   * @throws IllegalStateException outside a test (before JUnit ran this extension's callbacks)
   */
  public FakeDatabricks fake() {
    return resources("fake()").fake();
  }

  /**
   * Returns the server of the running test.
   *
   * @return the server of the running test
   * @throws IllegalStateException outside a test, or when this extension is not {@link #overHttp()}
   */
  public FakeDatabricksServer server() {
    return resources("server()").server().orElseThrow(() -> new IllegalStateException(
        "server() needs an extension created with FakeDatabricksExtension.create().overHttp()"));
  }

  /**
   * Returns the server's base URL, for the account and the default workspace alike.
   *
   * @return the server's base URL, for the account and the default workspace alike
   * @throws IllegalStateException outside a test, or when this extension is not {@link #overHttp()}
   */
  public URI url() {
    return server().url();
  }

  private FakeResources resources(String caller) {
    FakeResources resources = current;
    if (resources == null) {
      throw new IllegalStateException(caller + " is only available while a test runs: register the extension with "
          + "@RegisterExtension on a static or instance field and call it from a test or lifecycle method");
    }
    return resources;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    checkDeclaredType(context.getRequiredTestClass(), null);
    // A @Nested class inherits the outer class's fake; only the outermost class creates one.
    if (store(context).get(KEY, FakeResources.class) == null) {
      FakeResources resources = FakeResources.start(factory, overHttp);
      store(context).put(KEY, resources);
    }
    current = store(context).get(KEY, FakeResources.class);
    current.shared(true);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    FakeResources resources = store(context).get(KEY, FakeResources.class);
    if (resources != null && resources.isShared()) {
      int running = resources.testStarted();
      if (running > 1) {
        throw new ExtensionConfigurationException("a FakeDatabricksExtension on a static field is shared by the tests "
            + "of " + context.getRequiredTestClass().getName() + " and reset before each one, but " + running
            + " tests run at once; register it on an instance field (a fake per test) to run them concurrently");
      }
      resources.fake().reset();
      resources.server().ifPresent(FakeDatabricksServer::clearCallerAddress);
    } else {
      // Instance registration: a fake of this test's own, closed with the test's store.
      Optional<Object> instance = context.getTestInstance();
      if (instance.isPresent()) {
        checkDeclaredType(instance.get().getClass(), instance.get());
      }
      resources = FakeResources.start(factory, overHttp);
      store(context).put(KEY, resources);
    }
    current = resources;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    FakeResources resources = store(context).get(KEY, FakeResources.class);
    if (resources == null) {
      return;
    }
    if (resources.isShared()) {
      resources.testFinished();
    }
    String problems = problems(resources.fake());
    if (!problems.isEmpty()) {
      throw new AssertionError("Fake Databricks after " + context.getDisplayName() + ":" + problems);
    }
  }

  /**
   * Fails when the {@code @RegisterExtension} field holding this extension is declared with another
   * type (say {@code Extension}): JUnit accepts it, but the test can then not reach the fake.
   */
  private void checkDeclaredType(Class<?> testClass, Object testInstance) {
    for (Field field : AnnotationSupport.findAnnotatedFields(testClass, RegisterExtension.class)) {
      boolean isStatic = Modifier.isStatic(field.getModifiers());
      if (!isStatic && testInstance == null) {
        continue;
      }
      Object value;
      try {
        field.setAccessible(true);
        value = field.get(isStatic ? null : testInstance);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue; // JUnit itself reports fields it cannot read
      }
      if (value == this && field.getType() != FakeDatabricksExtension.class) {
        throw new ExtensionConfigurationException("@RegisterExtension field '" + field.getName() + "' in "
            + field.getDeclaringClass().getName() + " is declared as " + field.getType().getSimpleName()
            + "; declare it as FakeDatabricksExtension so tests can call " + field.getName() + ".fake()");
      }
    }
  }

  /** Returns the leak-check failures for {@code fake}, one per line, or "" when there are none. */
  String problems(FakeDatabricks fake) {
    StringBuilder out = new StringBuilder();
    if (failOnUnfiredFaults) {
      List<FaultRule> unfired = fake.faults().unfired();
      if (!unfired.isEmpty()) {
        out.append("\n  Expecting every fault rule to fire, but ").append(unfired.size()).append(" never fired:");
        for (FaultRule rule : unfired) {
          out.append("\n    ").append(describe(rule));
        }
        out.append("\n  (remove the rule, fix the request it should match, or use allowingUnfiredFaults())");
      }
    }
    if (failOnUnknownRoutes) {
      List<JournalEntry> unknown = fake.journal().unknownRoutes();
      if (!unknown.isEmpty()) {
        out.append("\n  Expecting only routes the fake knows, but ").append(unknown.size())
            .append(unknown.size() == 1 ? " request hit an unknown route:" : " requests hit unknown routes:");
        for (JournalEntry entry : unknown) {
          out.append("\n    ").append(entry.requestLine()).append(" -> ").append(entry.status());
        }
        out.append("\n  (the fake does not implement it; use allowingUnknownRoutes() if this is on purpose)");
      }
    }
    return out.toString();
  }

  private static String describe(FaultRule rule) {
    return rule.id() + ": " + rule.method() + " " + rule.path()
        + rule.principal().map(p -> " as " + p).orElse("")
        + (rule.offset() > 0 ? " after " + rule.offset() + " matching" : "")
        + " -> " + rule.fault().kind().name().toLowerCase(java.util.Locale.ROOT)
        + (rule.fault().status() > 0 ? " " + rule.fault().status() : "");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == FakeDatabricks.class || type == FakeDatabricksServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    FakeResources resources = store(extensionContext).get(KEY, FakeResources.class);
    java.lang.reflect.Executable executable = parameterContext.getDeclaringExecutable();
    String where = "parameter " + parameterContext.getIndex() + " (" + type.getSimpleName() + ") of "
        + executable.getDeclaringClass().getName() + "." + executable.getName() + "(..)";
    if (resources == null) {
      throw new ExtensionConfigurationException(where + " cannot be resolved: a FakeDatabricksExtension on an instance "
          + "field only exists per test; register it on a static field to use it in @BeforeAll or a constructor");
    }
    if (type == FakeDatabricksServer.class) {
      Optional<FakeDatabricksServer> server = resources.server();
      if (server.isEmpty()) {
        throw new ExtensionConfigurationException(where + " needs a server, but the FakeDatabricksExtension is "
            + "in-process; create it with FakeDatabricksExtension.create().overHttp()");
      }
      return server.get();
    }
    return resources.fake();
  }

  private ExtensionContext.Store store(ExtensionContext context) {
    // Keyed by this instance: two registrations in one class get two fakes.
    return context.getStore(ExtensionContext.Namespace.create(FakeDatabricksExtension.class, this));
  }

  @Override
  public String toString() {
    return "FakeDatabricksExtension[" + (overHttp ? "over HTTP" : "in-process")
        + (failOnUnfiredFaults ? "" : ", allowing unfired faults")
        + (failOnUnknownRoutes ? "" : ", allowing unknown routes") + ']';
  }
}
