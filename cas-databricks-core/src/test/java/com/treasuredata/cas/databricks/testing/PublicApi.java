package com.treasuredata.cas.databricks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's public API as text, computed by reflection over its compiled main classes: one line
 * per public type, and per public or protected constructor, method and field, prefixed with the
 * type's name and sorted. Packages with an {@code internal} segment are not API and are skipped;
 * synthetic and bridge members are skipped. The text is committed (the module's {@code api/} file),
 * so a change of the API shows in review.
 */
public final class PublicApi {

  /** Set {@code -Dapi.update=true} to rewrite the committed file from the compiled classes. */
  public static final String UPDATE_PROPERTY = "api.update";

  private static final Pattern INTERNAL_TYPE = Pattern.compile("[\\w$]+(?:\\.[\\w$]+)*\\.internal(?:\\.[\\w$]+)+");

  private final List<Class<?>> types;

  private PublicApi(List<Class<?>> types) {
    this.types = types;
  }

  /**
   * Reads the API of the classes under {@code classesDir}, loaded (not initialised) by this class's
   * class loader, which has them on its class path in a Maven test run.
   *
   * @param classesDir the module's {@code target/classes}
   * @return the API of the module
   */
  public static PublicApi of(Path classesDir) {
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String name = classesDir.relativize(file).toString().replace('\\', '/');
        name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        if (name.endsWith("package-info") || name.endsWith("module-info") || isInternal(name)) {
          continue;
        }
        Class<?> type = Class.forName(name, false, PublicApi.class.getClassLoader());
        if (isApi(type)) {
          found.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("a compiled class is not on the test class path: " + e.getMessage(), e);
    }
    return new PublicApi(found);
  }

  /** @return the API, one signature a line, sorted */
  public List<String> lines() {
    Set<String> lines = new TreeSet<>(typeLines());
    lines.addAll(memberLines());
    return List.copyOf(lines);
  }

  /**
   * Public types that extend or implement a type of an {@code internal} package (generic arguments
   * included). Empty when no API type depends on non-API code.
   *
   * @return the offending type lines
   */
  public List<String> supertypeLeaks() {
    return typeLines().stream().filter(PublicApi::mentionsInternal).toList();
  }

  /**
   * Public or protected constructors, methods and fields whose signature mentions a type of an
   * {@code internal} package. Empty when callers never need non-API types.
   *
   * @return the offending member lines
   */
  public List<String> signatureLeaks() {
    return memberLines().stream().filter(PublicApi::mentionsInternal).toList();
  }

  private static boolean mentionsInternal(String line) {
    return INTERNAL_TYPE.matcher(line.substring(line.indexOf(": ") + 2)).find();
  }

  private Set<String> typeLines() {
    Set<String> lines = new TreeSet<>();
    for (Class<?> type : types) {
      lines.add(type.getCanonicalName() + ": " + typeLine(type));
    }
    return lines;
  }

  private Set<String> memberLines() {
    Set<String> lines = new TreeSet<>();
    for (Class<?> type : types) {
      String prefix = type.getCanonicalName() + ": ";
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers()) && !field.isSynthetic()) {
          lines.add(prefix + modifiers(field.getModifiers()) + name(field.getGenericType()) + " " + field.getName());
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
          lines.add(prefix + modifiers(constructor.getModifiers()) + typeParameters(constructor.getTypeParameters())
              + "<init>" + parameters(constructor) + throwsClause(constructor));
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
          lines.add(prefix + modifiers(method.getModifiers()) + (method.isDefault() ? "default " : "")
              + typeParameters(method.getTypeParameters()) + name(method.getGenericReturnType()) + " "
              + method.getName() + parameters(method) + throwsClause(method));
        }
      }
    }
    return lines;
  }

  /**
   * Compares with the committed file; with {@code -Dapi.update=true} rewrites it instead.
   *
   * @param apiFile the committed API file
   * @param module the module's name, for the message
   * @return empty when equal (or rewritten), else a readable difference and how to update
   */
  public String differenceFrom(Path apiFile, String module) {
    List<String> actual = lines();
    try {
      if (Boolean.getBoolean(UPDATE_PROPERTY)) {
        Files.createDirectories(apiFile.getParent());
        Files.write(apiFile, actual, StandardCharsets.UTF_8);
        return "";
      }
      List<String> committed = Files.exists(apiFile) ? Files.readAllLines(apiFile, StandardCharsets.UTF_8) : List.of();
      Set<String> added = new LinkedHashSet<>(actual);
      committed.forEach(added::remove);
      Set<String> removed = new LinkedHashSet<>(committed);
      actual.forEach(removed::remove);
      if (added.isEmpty() && removed.isEmpty()) {
        return "";
      }
      return "The public API of " + module + " differs from " + apiFile + " (+ in the code only, - in the file only):\n"
          + Stream.concat(removed.stream().map(l -> "- " + l), added.stream().map(l -> "+ " + l))
              .collect(Collectors.joining("\n"))
          + "\nIf the change is intended, rewrite the file and commit it:\n"
          + "  mvn -B -ntp verify -Dapi.update=true\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isInternal(String className) {
    return Arrays.asList(className.split("\\.")).contains("internal");
  }

  /** Public, and reachable: every enclosing type public (or protected) too. */
  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      boolean nested = t.getDeclaringClass() != null;
      if (!(Modifier.isPublic(t.getModifiers()) || nested && Modifier.isProtected(t.getModifiers()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String typeLine(Class<?> type) {
    StringBuilder line = new StringBuilder();
    int modifiers = type.getModifiers();
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isInterface()) {
      kind = "interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isEnum()) {
      kind = "enum";
      modifiers &= ~(Modifier.FINAL | Modifier.ABSTRACT);
    } else if (type.isRecord()) {
      kind = "record";
      modifiers &= ~Modifier.FINAL;
    } else {
      kind = "class";
    }
    line.append(modifiers(modifiers));
    if (type.isSealed()) {
      line.append("sealed ");
    } else if (!type.isInterface() && !Modifier.isFinal(modifiers) && !type.isEnum() && !type.isRecord()
        && type.getSuperclass() != null && type.getSuperclass().isSealed()) {
      line.append("non-sealed ");
    }
    line.append(kind).append(typeParameters(type.getTypeParameters()));
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      line.append(" extends ").append(name(superclass));
    }
    List<String> interfaces = Arrays.stream(type.getGenericInterfaces()).map(PublicApi::name).toList();
    if (!interfaces.isEmpty()) {
      line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    if (type.isSealed()) {
      line.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
          .map(PublicApi::name).collect(Collectors.joining(", ")));
    }
    return line.toString();
  }

  private static String modifiers(int modifiers) {
    // synchronized, native, transient, volatile and strictfp do not change what callers may do
    int kept = modifiers & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT);
    String text = Modifier.toString(kept);
    return text.isEmpty() ? "" : text + " ";
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables).map(v -> {
      List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class).map(PublicApi::name).toList();
      return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
    }).collect(Collectors.joining(", ", "<", "> "));
  }

  private static String parameters(Executable executable) {
    Type[] types = executable.getGenericParameterTypes();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      String name = name(types[i]);
      if (executable.isVarArgs() && i == types.length - 1 && name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2) + "...";
      }
      names.add(name);
    }
    return names.stream().collect(Collectors.joining(", ", "(", ")"));
  }

  private static String throwsClause(Executable executable) {
    Type[] exceptions = executable.getGenericExceptionTypes();
    return exceptions.length == 0 ? ""
        : " throws " + Arrays.stream(exceptions).map(PublicApi::name).collect(Collectors.joining(", "));
  }

  /** Source-like names: nested types with dots, generics and wildcards as written. */
  private static String name(Type type) {
    if (type instanceof Class<?> c) {
      return c.isArray() ? name(c.getComponentType()) + "[]" : c.getTypeName().replace('$', '.');
    }
    if (type instanceof ParameterizedType p) {
      String raw = name(p.getRawType());
      String arguments = Arrays.stream(p.getActualTypeArguments()).map(PublicApi::name).collect(Collectors.joining(", "));
      return raw + "<" + arguments + ">";
    }
    if (type instanceof GenericArrayType a) {
      return name(a.getGenericComponentType()) + "[]";
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + name(w.getLowerBounds()[0]);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + name(upper);
    }
    return type.getTypeName();
  }
}
