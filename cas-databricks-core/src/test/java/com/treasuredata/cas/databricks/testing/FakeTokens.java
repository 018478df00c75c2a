package com.treasuredata.cas.databricks.testing;

import com.treasuredata.cas.databricks.Secret;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generates fake credentials for tests, so that no real-looking token is ever a literal in source.
 */
public final class FakeTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private FakeTokens() {}

  /** Returns a fresh fake personal access token shaped like a real one ({@code dapi} + 32 hex). */
  public static Secret pat() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Secret.of("dapi" + HexFormat.of().formatHex(bytes));
  }

  /** Returns a fresh fake OAuth client secret. */
  public static Secret clientSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Secret.of("dose" + HexFormat.of().formatHex(bytes));
  }
}
