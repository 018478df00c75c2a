package com.treasuredata.cas.databricks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link TokenRenewal} did: whether it renewed, the new token's value as a {@link Secret}
 * and its expiry, what to tell about the service principal's tokens, and one {@link StepResult}
 * per step. Built by the library only; {@code toString()} and {@link #toJson()} mask the secret.
 *
 * <pre>{@code
 * RenewalResult result = renewal.renewIfExpiringWithin(Duration.ofDays(30));
 * result.token().ifPresent(t -> vault.store("cas/databricks", t.reveal()));
 * result.notices().forEach(log::warn);
 * }</pre>
 */
public interface RenewalResult {

  /**
   * Returns the id of the run (as in its log lines' MDC).
   *
   * @return the id of the run (as in its log lines' MDC)
   */
  String runId();

  /**
   * Returns the workspace.
   *
   * @return the workspace
   */
  URI workspaceHost();

  /**
   * Returns the service principal's applicationId (as SCIM Me answered).
   *
   * @return the service principal's applicationId (as SCIM Me answered)
   */
  String applicationId();

  /**
   * Returns true when a new token was minted, verified and the older tokens of ours revoked.
   *
   * @return true when a new token was minted, verified and the older tokens of ours revoked
   */
  boolean renewed();

  /**
   * Returns the new token's value; empty when nothing was renewed (keep using the current token).
   *
   * @return the new token's value; empty when nothing was renewed (keep using the current token)
   */
  Optional<Secret> token();

  /**
   * Returns the new token's id, expiry and comment; empty when nothing was renewed.
   *
   * @return the new token's id, expiry and comment; empty when nothing was renewed
   */
  Optional<TokenDetails> tokenDetails();

  /**
   * Returns when the new token expires; empty when nothing was renewed.
   *
   * @return when the new token expires; empty when nothing was renewed
   */
  default Optional<Instant> expiresAt() {
    return tokenDetails().flatMap(TokenDetails::expiresAt);
  }

  /**
   * Returns what to tell about the service principal's tokens of ours, each with what to do: a
   * token without the right to renew, auto-scoping under way, an expiry or the 90-day revocation of
   * unused tokens coming close. Never a secret.
    *
    * @return what to tell about the service principal's tokens of ours, each with what to do: a token without the right to renew, auto-scoping under way, an expiry or the 90-day revocation of unused tokens coming close
   */
  List<String> notices();

  /**
   * Returns one result per step, in order.
   *
   * @return one result per step, in order
   */
  List<StepResult> steps();

  /**
   * Returns the number of HTTP requests sent, retries included.
   *
   * @return the number of HTTP requests sent, retries included
   */
  int requestCount();

  /**
   * Returns the result as JSON; the token value is masked (see {@link CredentialExport} to include it).
   *
   * @return the result as JSON; the token value is masked (see {@link CredentialExport} to include it)
   */
  String toJson();
}
