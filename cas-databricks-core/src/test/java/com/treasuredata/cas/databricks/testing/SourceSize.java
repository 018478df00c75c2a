package com.treasuredata.cas.databricks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds source files too long to read in one sitting, for the modules' SourceSizeTest. */
public final class SourceSize {

  /** The most lines a main source file may have. */
  public static final int MAX_LINES = 400;

  private SourceSize() {}

  /**
   * Lists the {@code .java} files under {@code root} with more than {@link #MAX_LINES} lines.
   *
   * @param root a source root, e.g. {@code src/main/java}
   * @return "path: N lines" for each offender, sorted by path
   */
  public static List<String> longerThanTheLimit(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted()
          .map(p -> root.relativize(p).toString().replace('\\', '/') + ": " + lineCount(p) + " lines")
          .filter(line -> Integer.parseInt(line.replaceAll(".*: (\\d+) lines", "$1")) > MAX_LINES)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lineCount(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
