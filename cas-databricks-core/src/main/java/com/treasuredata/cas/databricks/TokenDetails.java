package com.treasuredata.cas.databricks;

import java.time.Instant;
import java.util.Optional;

/**
 * The personal access token onboarding minted or reused for the service principal. The value
 * itself is never here: a minted token's value is {@link OnboardingResult#token()}, and a reused
 * token's value cannot be read back from Databricks. Built by the library only.
 */
public interface TokenDetails {

  /**
   * Returns the Databricks token id.
   *
   * @return the Databricks token id
   */
  String id();

  /**
   * Returns when it expires; empty when it never expires (legacy tokens only).
   *
   * @return when it expires; empty when it never expires (legacy tokens only)
   */
  Optional<Instant> expiresAt();

  /**
   * Returns true when this run minted it, false when an existing token of ours was reused.
   *
   * @return true when this run minted it, false when an existing token of ours was reused
   */
  boolean minted();

  /**
   * Returns the token comment (our tag).
   *
   * @return the token comment (our tag)
   */
  String comment();
}
