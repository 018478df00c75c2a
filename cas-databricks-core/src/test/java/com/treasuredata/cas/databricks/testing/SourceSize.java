package com.treasuredata.cas.databricks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds source files too long to read in one sitting, for the modules' SourceSizeTest: more than
 * {@link #MAX_LINES} lines of code (blank lines and comments, Javadoc included, do not count), or
 * more than {@link #MAX_PHYSICAL_LINES} lines in all.
 */
public final class SourceSize {

  /** The most lines a main source file may have. */
  public static final int MAX_LINES = 400;

  /** The most lines a main source file may have, comments included. */
  public static final int MAX_PHYSICAL_LINES = 600;

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
          .filter(p -> codeLines(p) > MAX_LINES || lines(p).size() > MAX_PHYSICAL_LINES)
          .map(p -> root.relativize(p).toString().replace('\\', '/') + ": " + codeLines(p) + " lines of code, " + lines(p).size() + " in all")
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts lines that hold code: not blank, not a line comment, not inside a block comment. */
  static long codeLines(Path file) {
    long count = 0;
    boolean inComment = false;
    for (String raw : lines(file)) {
      String line = raw.strip();
      if (inComment) {
        if (line.contains("*/")) {
          inComment = false;
          line = line.substring(line.indexOf("*/") + 2).strip();
        } else {
          continue;
        }
      }
      if (line.startsWith("/*")) {
        if (!line.contains("*/")) {
          inComment = true;
          continue;
        }
        line = line.substring(line.indexOf("*/") + 2).strip();
      }
      if (!line.isEmpty() && !line.startsWith("//")) {
        count++;
      }
    }
    return count;
  }
}
