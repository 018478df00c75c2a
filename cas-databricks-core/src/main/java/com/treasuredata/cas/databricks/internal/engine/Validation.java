package com.treasuredata.cas.databricks.internal.engine;

import java.util.regex.Pattern;

/** Input checks shared by the public value types; every message names the bad value and what is allowed. Not API. */
public final class Validation {

  /** SCIM does not document a displayName limit; 255 matches Unity Catalog identifiers and keeps filters small. */
  public static final int MAX_NAME_LENGTH = 255;

  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Validation() {}

  /** A service principal display name: 1–255 characters, no control characters, no surrounding whitespace. */
  public static String servicePrincipalName(String name) {
    String allowed = "; allowed: 1 to " + MAX_NAME_LENGTH + " characters, no control characters, no leading or trailing spaces";
    if (name.isBlank()) {
      throw new IllegalArgumentException("service principal name '" + printable(name) + "' is blank" + allowed);
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "service principal name '" + abbreviate(name) + "' is " + name.length() + " characters long" + allowed);
    }
    int control = firstControl(name);
    if (control >= 0) {
      throw new IllegalArgumentException(
          "service principal name '" + printable(name) + "' contains a control character at index " + control + allowed);
    }
    if (!name.strip().equals(name)) {
      throw new IllegalArgumentException("service principal name '" + name + "' has leading or trailing whitespace" + allowed);
    }
    return name;
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

  /** Escapes control characters so a message stays on one line and shows what was passed. */
  public static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
