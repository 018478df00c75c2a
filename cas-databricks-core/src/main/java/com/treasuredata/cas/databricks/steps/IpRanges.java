package com.treasuredata.cas.databricks.steps;

import java.util.Optional;

/** IPv4 ranges as IP access lists hold them, for the BLOCK-list check. */
final class IpRanges {

  private IpRanges() {}

  /** True when {@code a} and {@code b} share at least one address; unreadable values overlap only when equal. */
  static boolean overlap(String a, String b) {
    Optional<long[]> x = bounds(a);
    Optional<long[]> y = bounds(b);
    if (x.isEmpty() || y.isEmpty()) {
      return a.trim().equals(b.trim());
    }
    return x.get()[0] <= y.get()[1] && y.get()[0] <= x.get()[1];
  }

  /** The first and last address of {@code a.b.c.d[/prefix]}, if it reads as one. */
  private static Optional<long[]> bounds(String range) {
    String text = range.trim();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    String[] octets = address.split("\\.", -1);
    if (octets.length != 4) {
      return Optional.empty();
    }
    try {
      long value = 0;
      for (String octet : octets) {
        int o = Integer.parseInt(octet);
        if (o < 0 || o > 255) {
          return Optional.empty();
        }
        value = (value << 8) | o;
      }
      int prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
      if (prefix < 0 || prefix > 32) {
        return Optional.empty();
      }
      long size = 1L << (32 - prefix);
      long start = value & ~(size - 1) & 0xFFFFFFFFL;
      return Optional.of(new long[] {start, start + size - 1});
    } catch (NumberFormatException unreadable) {
      return Optional.empty();
    }
  }
}
