package com.treasuredata.cas.databricks;

/** How onboarding provides the service principal's token; see {@link TokenPolicy}. */
public enum TokenMode {
  /** Reuse a valid token of ours with enough lifetime left; otherwise mint one (the default). */
  REUSE_OR_MINT,
  /** Always mint a new token, leaving older tokens of ours alone. */
  ALWAYS_MINT,
  /** Mint a new token, verify it, then revoke the older tokens of ours for the service principal. */
  ROTATE
}
