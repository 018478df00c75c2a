package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A personal access token the fake issued (its value is never kept, only its id).
 *
 * @param tokenId the 64-hex id (SHA-256 of the value)
 * @param workspaceId the workspace it belongs to
 * @param ownerId workspace user id of the owner (a service principal's SCIM id, or the admin user's id)
 * @param owner the owner's name: a service principal applicationId or a user name
 * @param createdById id of the creator (for OBO tokens the admin, for self-created ones the owner)
 * @param createdByUsername name of the creator
 * @param comment the comment, {@code ""} if none
 * @param creationTime creation time
 * @param expiryTime expiry, empty for "never"
 * @param onBehalfOf true when created through token management (OBO)
 */
public record IssuedToken(
    String tokenId, long workspaceId, long ownerId, String owner, long createdById, String createdByUsername,
    String comment, Instant creationTime, Optional<Instant> expiryTime, boolean onBehalfOf) {

  /**
   * Checks the components.
   *
   * @param comment the comment
   * @param createdById the created by id
   * @param createdByUsername the created by username
   * @param creationTime the creation time
   * @param expiryTime the expiry time
   * @param onBehalfOf the on behalf of
   * @param owner the owner
   * @param ownerId the owner id
   * @param tokenId the token id
   * @param workspaceId the workspace id
   */
  public IssuedToken {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(createdByUsername, "createdByUsername");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(expiryTime, "expiryTime");
  }

  /**
   * Returns true when the token has expired at {@code now}.
   *
   * @param now the now
   * @return true when the token has expired at {@code now}
   */
  public boolean isExpiredAt(Instant now) {
    return expiryTime.isPresent() && !now.isBefore(expiryTime.get());
  }
}
