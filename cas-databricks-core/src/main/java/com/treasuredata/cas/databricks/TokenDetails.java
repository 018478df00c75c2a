package com.treasuredata.cas.databricks;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The personal access token onboarding minted or reused for the service principal. The value
 * itself is never here: a minted token's value is {@link OnboardingResult#token()}, and a reused
 * token's value cannot be read back from Databricks.
 *
 * @param id the Databricks token id
 * @param expiresAt when it expires; empty when it never expires
 * @param minted true when this run minted it, false when an existing token of ours was reused
 * @param comment the token comment (our tag)
 */
public record TokenDetails(String id, Optional<Instant> expiresAt, boolean minted, String comment) {

  /**
   * Checks that no part is null.
   *
   * @param id the Databricks token id
   * @param expiresAt when it expires; empty when it never expires
   * @param minted whether this run minted it
   * @param comment the token comment
   */
  public TokenDetails {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(comment, "comment");
  }
}
