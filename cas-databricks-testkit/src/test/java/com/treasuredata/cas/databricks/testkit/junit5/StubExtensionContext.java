package com.treasuredata.cas.databricks.testkit.junit5;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * A minimal class or method {@link ExtensionContext} for calling the extension's callbacks directly
 * (junit-platform-testkit is not on the classpath). Stores are hierarchical like JUnit's, and
 * {@link #close()} closes {@link AutoCloseable} values as JUnit 5.13+ does.
 */
final class StubExtensionContext implements AutoCloseable {

  private final StubExtensionContext parent;
  private final Class<?> testClass;
  private final Optional<Method> testMethod;
  private Object testInstance;
  private final Map<ExtensionContext.Namespace, Map<Object, Object>> stores = new HashMap<>();
  private final ExtensionContext proxy;

  private StubExtensionContext(StubExtensionContext parent, Class<?> testClass, Optional<Method> testMethod) {
    this.parent = parent;
    this.testClass = testClass;
    this.testMethod = testMethod;
    this.proxy = (ExtensionContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, this::invokeContext);
  }

  static StubExtensionContext forClass(Class<?> testClass) {
    return new StubExtensionContext(null, testClass, Optional.empty());
  }

  StubExtensionContext forMethod(String name) {
    try {
      return new StubExtensionContext(this, testClass, Optional.of(testClass.getDeclaredMethod(name)));
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Makes {@link ExtensionContext#getTestInstance()} return {@code instance}. */
  StubExtensionContext withTestInstance(Object instance) {
    this.testInstance = instance;
    return this;
  }

  ExtensionContext context() {
    return proxy;
  }

  /** Returns a parameter context for parameter {@code index} of {@code method}. */
  static ParameterContext parameter(Method method, int index) {
    return (ParameterContext) Proxy.newProxyInstance(StubExtensionContext.class.getClassLoader(),
        new Class<?>[] {ParameterContext.class}, (p, m, args) -> {
          switch (m.getName()) {
            case "getParameter": return method.getParameters()[index];
            case "getIndex": return index;
            case "getDeclaringExecutable": return method;
            case "getTarget": return Optional.empty();
            default:
              if (m.isDefault()) {
                return InvocationHandler.invokeDefault(p, m, args);
              }
              throw new UnsupportedOperationException(m.getName());
          }
        });
  }

  private Object invokeContext(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getParent": return Optional.ofNullable(parent).map(StubExtensionContext::context);
      case "getTestClass": return Optional.of(testClass);
      case "getTestMethod": return testMethod;
      case "getDisplayName": return testMethod.map(Method::getName).orElse(testClass.getSimpleName()) + "()";
      case "getUniqueId": return "[stub]/" + testClass.getName() + testMethod.map(m -> "#" + m.getName()).orElse("");
      case "getExecutionException": return Optional.empty();
      case "getTestInstance": return Optional.ofNullable(testInstance);
      case "getStore":
        ExtensionContext.Namespace namespace = (ExtensionContext.Namespace) args[args.length - 1];
        return store(namespace);
      default:
        if (method.isDefault()) {
          return InvocationHandler.invokeDefault(self, method, args);
        }
        throw new UnsupportedOperationException(method.getName());
    }
  }

  private ExtensionContext.Store store(ExtensionContext.Namespace namespace) {
    Map<Object, Object> values = stores.computeIfAbsent(namespace, n -> new HashMap<>());
    return (ExtensionContext.Store) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ExtensionContext.Store.class}, (self, method, args) -> {
          switch (method.getName()) {
            case "get":
              Object value = lookup(namespace, args[0]);
              return args.length == 2 ? ((Class<?>) args[1]).cast(value) : value;
            case "put":
              values.put(args[0], args[1]);
              return null;
            case "remove":
              return values.remove(args[0]);
            default:
              if (method.isDefault()) {
                return InvocationHandler.invokeDefault(self, method, args);
              }
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  private Object lookup(ExtensionContext.Namespace namespace, Object key) {
    Map<Object, Object> values = stores.get(namespace);
    if (values != null && values.containsKey(key)) {
      return values.get(key);
    }
    return parent == null ? null : parent.lookup(namespace, key);
  }

  /**
   * Closes the stored {@link AutoCloseable}s, newest first, as JUnit does when a context ends. Throws
   * nothing checked, so try-with-resources in the tests need not handle InterruptedException.
   */
  @Override
  public void close() {
    List<Object> all = new ArrayList<>();
    stores.values().forEach(values -> all.addAll(values.values()));
    java.util.Collections.reverse(all);
    for (Object value : all) {
      if (value instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("closing " + value + " failed", e);
        }
      }
    }
    stores.clear();
  }
}
