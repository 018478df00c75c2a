package com.treasuredata.cas.databricks.testkit.internal.engine;

import java.util.Objects;

/** A compiled path glob where {@code *} matches any run of characters (slashes too); no regex per request. */
public final class Glob {

  private final String pattern;
  private final String[] parts;

  private Glob(String pattern) {
    this.pattern = pattern;
    this.parts = pattern.split("\\*", -1);
  }

  /** Compiles {@code pattern}. */
  public static Glob of(String pattern) {
    return new Glob(Objects.requireNonNull(pattern, "pattern"));
  }

  /** Returns true when {@code text} matches the whole pattern. */
  public boolean matches(String text) {
    if (parts.length == 1) {
      return text.equals(pattern);
    }
    if (!text.startsWith(parts[0])) {
      return false;
    }
    int pos = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = text.indexOf(parts[i], pos);
      if (found < 0) {
        return false;
      }
      pos = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return text.length() - last.length() >= pos && text.endsWith(last);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
