package com.treasuredata.cas.databricks;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Holds a credential (a personal access token, a client secret) so that it never prints.
 *
 * <p>{@link #toString()} always returns {@code Secret[****]}; the value is reachable only through
 * {@link #reveal()}, a name that is easy to grep for. A {@code Secret} is deliberately neither a
 * record nor {@link java.io.Serializable} nor a Jackson bean, so frameworks cannot dump it by
 * accident. Equality compares values in constant time. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Secret token = result.token().orElseThrow();
 * vault.store("cas/databricks", token.reveal());   // the only place the value leaves
 * System.out.println(token);                      // Secret[****]
 * }</pre>
 */
public final class Secret {

  private static final String MASK = "Secret[****]";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a credential value.
   *
   * @param value the credential, not blank
   * @return the secret
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "Secret.of(value): value is null; allowed: a non-empty secret string");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value);
  }

  /**
   * Returns the raw value. Call it only where the value must leave the process (a header, a vault).
   *
   * @return the value
   */
  public String reveal() {
    return value;
  }

  /**
   * Returns the last four characters after a mask, e.g. {@code ****a1b2}, for humans to tell tokens apart.
   *
   * @return a masked hint
   */
  public String hint() {
    return value.length() <= 8 ? "****" : "****" + value.substring(value.length() - 4);
  }

  /**
   * Returns true when this secret's value occurs in {@code text}; used to scan output for leaks.
   *
   * @param text the text to scan; may be null
   * @return whether the value occurs in it
   */
  public boolean occursIn(CharSequence text) {
    return text != null && text.toString().contains(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret
        && MessageDigest.isEqual(
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            ((Secret) other).value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // a value-derived hash would leak information about the secret
  }

  /** Returns {@code Secret[****]}, never the value. */
  @Override
  public String toString() {
    return MASK;
  }
}
