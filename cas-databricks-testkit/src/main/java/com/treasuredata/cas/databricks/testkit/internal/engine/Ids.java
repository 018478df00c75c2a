package com.treasuredata.cas.databricks.testkit.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generated ids and hashes. Ids are random draws from the engine's seeded generator (never a
 * counter), so the same seed gives the same ids while no client can infer creation order from them.
 */
final class Ids {

  private Ids() {}

  /** A 19-digit numeric SCIM-style id. */
  static long newId(SplittableRandom random) {
    return 1_000_000_000_000_000L + random.nextLong(8_999_999_999_999_999L);
  }

  /** A version-4 UUID. */
  static String newUuid(SplittableRandom random) {
    long hi = random.nextLong();
    long lo = random.nextLong();
    hi = (hi & 0xffffffffffff0fffL) | 0x0000000000004000L;
    lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  /** {@code chars} lower-case hex digits. */
  static String newHex(SplittableRandom random, int chars) {
    StringBuilder sb = new StringBuilder(chars);
    while (sb.length() < chars) {
      String h = Long.toHexString(random.nextLong());
      for (int i = h.length(); i < 16; i++) {
        sb.append('0');
      }
      sb.append(h);
    }
    sb.setLength(chars);
    return sb.toString();
  }

  static String sha256(String value) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[d.length * 2];
      final char[] hex = "0123456789abcdef".toCharArray();
      for (int i = 0; i < d.length; i++) {
        out[2 * i] = hex[(d[i] >> 4) & 0xf];
        out[2 * i + 1] = hex[d[i] & 0xf];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
