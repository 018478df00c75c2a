package com.treasuredata.cas.databricks.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.TokenDetails;
import java.time.Instant;
import java.util.Optional;

/**
 * The library's {@link TokenDetails}, and the one rule for whether a token is still valid. Not API.
 *
 * @param id the token id
 * @param expiresAt the expiry; empty for a legacy token that never expires
 * @param minted whether this run minted it
 * @param comment the token comment
 * @param createdAt the creation time, when listed
 */
public record TokenInfo(String id, Optional<Instant> expiresAt, boolean minted, String comment, Optional<Instant> createdAt)
    implements TokenDetails {

  /** Reads a {@code token_info} / {@code token_infos[]} item; {@code expiry_time} of 0 or -1 means no expiry. */
  public static TokenInfo from(JsonNode info, boolean minted) {
    long expiry = info.path("expiry_time").asLong(-1);
    long created = info.path("creation_time").asLong(0);
    return new TokenInfo(
        info.path("token_id").asText(""),
        expiry <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiry)),
        minted,
        info.path("comment").asText(""),
        created <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(created)));
  }

  /**
   * Returns true when the token is valid at {@code at}: it expires strictly after {@code at}. A
   * token without expiry (legacy, {@code expiry_time} of -1 or 0) is always valid.
   */
  public boolean isValidAt(Instant at) {
    return expiresAt.isEmpty() || expiresAt.get().isAfter(at);
  }

  @Override
  public String toString() {
    return "TokenDetails[id=" + id + ", expires " + expiresAt.map(Object::toString).orElse("never") + ", minted=" + minted + "]";
  }
}
