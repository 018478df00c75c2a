package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.transport.Transport;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library keeps nothing process-wide that could pin a web application's class loader: no
 * static thread pool, thread-local, thread or HTTP client. Its only mutable static state is the
 * JVM-wide record of the service principals its runs created ({@code CreatedPrincipals}: names and
 * identifiers), which lets separately built onboardings create a name once between them.
 */
class NoStaticStateTest {

  private static final Set<Class<?>> PROCESS_WIDE = Set.of(Executor.class, ThreadLocal.class, Thread.class, Transport.class, okhttp3.OkHttpClient.class);

  @Test
  void everyStaticFieldOfTheLibraryIsAFinalConstantAndNoneHoldsThreadsOrClients() throws Exception {
    // given
    List<Class<?>> classes = mainClasses();

    // when
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : classes) {
      for (Field field : type.getDeclaredFields()) {
        int mod = field.getModifiers();
        if (!Modifier.isStatic(mod) || field.isSynthetic() || type.isEnum() && field.isEnumConstant()) {
          continue;
        }
        if (!Modifier.isFinal(mod)) {
          offenders.add(type.getName() + "." + field.getName() + " is static but not final");
        }
        for (Class<?> processWide : PROCESS_WIDE) {
          if (processWide.isAssignableFrom(field.getType())) {
            offenders.add(type.getName() + "." + field.getName() + " holds a " + processWide.getSimpleName());
          }
        }
      }
    }

    // then
    assertThat(classes).hasSizeGreaterThan(50);
    assertThat(offenders).isEmpty();
  }

  private static List<Class<?>> mainClasses() throws IOException, ClassNotFoundException {
    Path root = Path.of("target", "classes");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
        if (!name.endsWith("package-info") && !name.endsWith("module-info")) {
          out.add(Class.forName(name, false, NoStaticStateTest.class.getClassLoader()));
        }
      }
    }
    return out;
  }
}
