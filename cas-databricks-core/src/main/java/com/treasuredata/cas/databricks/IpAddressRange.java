package com.treasuredata.cas.databricks;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IPv4 address ({@code 203.0.113.10}) or IPv4 CIDR block ({@code 198.51.100.0/24}) for a
 * Databricks IP access list, validated the way the server would (IPv4 only).
 *
 * <p>Refused: IPv6, octets above 255 or with leading zeros, prefixes outside 0–32, surrounding
 * whitespace or any other character. {@link #isAnyAddress()} marks a {@code /0} block, which
 * {@link CasOnboardingBuilder} refuses unless {@code allowAnyAddress()} is called.
 *
 * @param value the address or block exactly as it will be sent
 */
public record IpAddressRange(String value) {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");

  /**
   * Validates {@code value}.
   *
   * @param value an IPv4 address or CIDR block, e.g. {@code 198.51.100.0/24}
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public IpAddressRange {
    Objects.requireNonNull(value, "IP address is null; allowed: an IPv4 address or CIDR block such as \"203.0.113.10\" or \"198.51.100.0/24\"");
    validate(value);
  }

  /**
   * Parses an IPv4 address or CIDR block; see the class doc for what is refused.
   *
   * @param value an IPv4 address or CIDR block
   * @return the validated range
   */
  public static IpAddressRange parse(String value) {
    return new IpAddressRange(value);
  }

  /**
   * Returns true for a {@code /0} block (e.g. {@code 0.0.0.0/0}), which allows every address.
   *
   * @return whether this range is a {@code /0} block
   */
  public boolean isAnyAddress() {
    return value.endsWith("/0");
  }

  /**
   * Returns the form used to compare with addresses already on a list: {@code a.b.c.d/32} becomes {@code a.b.c.d}.
   *
   * @return the canonical form of this range
   */
  public String canonical() {
    return canonical(value);
  }

  /**
   * Canonical form of an address as the server lists it (server values are not validated).
   *
   * @param address an address or range as a server lists it
   * @return its canonical form
   */
  public static String canonical(String address) {
    String trimmed = address.trim();
    return trimmed.endsWith("/32") ? trimmed.substring(0, trimmed.length() - 3) : trimmed;
  }

  private static void validate(String value) {
    String allowed = "; allowed: an IPv4 address like 203.0.113.10 or an IPv4 CIDR block like 198.51.100.0/24";
    if (value.isEmpty()) {
      throw new IllegalArgumentException("IP address is empty" + allowed);
    }
    if (value.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "IP address '" + printable(value) + "' is IPv6, which Databricks IP access lists do not support" + allowed);
    }
    Matcher m = IPV4.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("IP address '" + printable(value) + "' is not an IPv4 address or CIDR block" + allowed);
    }
    for (int i = 1; i <= 4; i++) {
      String octet = m.group(i);
      if (octet.length() > 1 && octet.charAt(0) == '0') {
        throw new IllegalArgumentException(
            "IP address '" + value + "' has an octet with a leading zero (" + octet + ")" + allowed);
      }
      if (Integer.parseInt(octet) > 255) {
        throw new IllegalArgumentException("IP address '" + value + "' has an octet above 255 (" + octet + ")" + allowed);
      }
    }
    String prefix = m.group(5);
    if (prefix != null) {
      if ((prefix.length() > 1 && prefix.charAt(0) == '0') || Integer.parseInt(prefix) > 32) {
        throw new IllegalArgumentException(
            "IP address '" + value + "' has prefix length /" + prefix + "; allowed: /0 to /32" + allowed);
      }
    }
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }
}
