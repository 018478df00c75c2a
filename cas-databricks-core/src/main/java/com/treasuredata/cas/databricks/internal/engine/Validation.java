package com.treasuredata.cas.databricks.internal.engine;

import java.util.regex.Pattern;

/** Input checks shared by the public value types; every message names the bad value and what is allowed. Not API. */
public final class Validation {

  /** SCIM does not document a displayName limit; 255 matches Unity Catalog identifiers and keeps filters small. */
  public static final int MAX_NAME_LENGTH = 255;

  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Validation() {}

  /**
   * A service principal display name: 1–255 characters; no control, format (e.g. U+200B) or line or
   * paragraph separator (U+2028, U+2029) anywhere; no whitespace of any kind (e.g. U+00A0, U+2007)
   * or format character at either end. Such characters make a name that looks identical to another.
   */
  public static String servicePrincipalName(String name) {
    String allowed = "; allowed: 1 to " + MAX_NAME_LENGTH + " characters, no control, format or separator characters,"
        + " no leading or trailing whitespace (including no-break and zero-width spaces)";
    if (name.isBlank()) {
      throw new IllegalArgumentException("service principal name '" + printable(name) + "' is blank" + allowed);
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "service principal name '" + abbreviate(name) + "' is " + name.length() + " characters long" + allowed);
    }
    int bad = firstInvisible(name);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "service principal name '" + printable(name) + "' contains a " + kind(name.codePointAt(bad)) + " at index " + bad
              + " (" + codePoint(name.codePointAt(bad)) + ")" + allowed);
    }
    int first = name.codePointAt(0);
    int last = name.codePointBefore(name.length());
    if (isBlankAtEnd(first) || isBlankAtEnd(last)) {
      int at = isBlankAtEnd(first) ? first : last;
      throw new IllegalArgumentException(
          "service principal name '" + printable(name) + "' has leading or trailing whitespace ("
              + codePoint(at) + " at the " + (isBlankAtEnd(first) ? "start" : "end") + ")" + allowed);
    }
    return name;
  }

  /** True for a character that must not appear anywhere in a name: control, format, line or paragraph separator. */
  static boolean isInvisible(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** True for a character that must not start or end a name: any Unicode whitespace or format character. */
  static boolean isBlankAtEnd(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || Character.getType(codePoint) == Character.FORMAT;
  }

  private static int firstInvisible(String s) {
    for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
      if (isInvisible(s.codePointAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String kind(int codePoint) {
    switch (Character.getType(codePoint)) {
      case Character.CONTROL:
        return "control character";
      case Character.FORMAT:
        return "format character";
      default:
        return "line or paragraph separator";
    }
  }

  /** {@code U+00A0 NO-BREAK SPACE}: the code point and its Unicode name. */
  static String codePoint(int codePoint) {
    String name = Character.getName(codePoint);
    return String.format("U+%04X", codePoint) + (name == null ? "" : " " + name);
  }

  /** An applicationId: a UUID. */
  public static String applicationId(String id) {
    if (!UUID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "applicationId '" + printable(abbreviate(id)) + "' is not a UUID; allowed: the service principal's application ID, e.g. 1b2c3d4e-0000-1111-2222-333344445555");
    }
    return id;
  }

  /** A Unity Catalog catalog name: 1–255 characters, no '.', ' ', '/' or control characters. */
  public static String catalogName(String name) {
    String allowed = "; allowed: 1 to 255 characters without '.', ' ', '/' or control characters";
    if (name.isEmpty()) {
      throw new IllegalArgumentException("catalog name is empty" + allowed);
    }
    if (name.length() > 255) {
      throw new IllegalArgumentException("catalog name '" + abbreviate(name) + "' is " + name.length() + " characters long" + allowed);
    }
    int control = firstControl(name);
    if (control >= 0) {
      throw new IllegalArgumentException("catalog name '" + printable(name) + "' contains a control character at index " + control + allowed);
    }
    for (char c : new char[] {'.', ' ', '/'}) {
      if (name.indexOf(c) >= 0) {
        throw new IllegalArgumentException("catalog name '" + name + "' contains '" + c + "'" + allowed);
      }
    }
    return name;
  }

  /** An IP access list label: 1–255 characters, no control characters. */
  public static String ipListLabel(String label) {
    String allowed = "; allowed: 1 to 255 characters without control characters";
    if (label.isBlank()) {
      throw new IllegalArgumentException("IP access list label '" + label + "' is blank" + allowed);
    }
    if (label.length() > 255) {
      throw new IllegalArgumentException("IP access list label '" + abbreviate(label) + "' is " + label.length() + " characters long" + allowed);
    }
    int control = firstControl(label);
    if (control >= 0) {
      throw new IllegalArgumentException("IP access list label '" + printable(label) + "' contains a control character at index " + control + allowed);
    }
    return label;
  }

  /** A SQL warehouse id: 1–64 letters, digits, '-' or '_' (ids are 16 hex characters). */
  public static String warehouseId(String id) {
    java.util.Objects.requireNonNull(id, "warehouse id");
    if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "warehouse id '" + printable(abbreviate(id)) + "' is invalid; allowed: the id shown in the warehouse's Connection details, e.g. f562046bc1272886"
              + " (use warehouseNamed(..) to choose by name)");
    }
    return id;
  }

  /** A SQL warehouse name: 1–99 characters, not blank, no control characters. */
  public static String warehouseName(String name) {
    java.util.Objects.requireNonNull(name, "warehouse name");
    String allowed = "; allowed: the warehouse's name, 1 to 99 characters without control characters";
    if (name.isBlank()) {
      throw new IllegalArgumentException("warehouse name '" + name + "' is blank" + allowed);
    }
    if (name.length() > 99) {
      throw new IllegalArgumentException("warehouse name '" + abbreviate(name) + "' is " + name.length() + " characters long" + allowed);
    }
    int control = firstControl(name);
    if (control >= 0) {
      throw new IllegalArgumentException("warehouse name '" + printable(name) + "' contains a control character at index " + control + allowed);
    }
    return name;
  }

  private static int firstControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Escapes control, format and separator characters and every space other than U+0020 as
   * {@code \\uXXXX}, so a message stays on one line and shows what was passed.
   */
  public static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      boolean hidden = Character.isISOControl(c) || isInvisible(c) || (c != ' ' && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
      out.append(hidden ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
