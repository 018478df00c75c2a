package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;
import java.util.Optional;

/**
 * A personal access token the fake issued (its value is never kept, only its id).
 *
 * Built by the fake; callers cannot construct one.
 */
public interface IssuedToken {

  /**
   * Returns the 64-hex id (SHA-256 of the value).
   *
   * @return the 64-hex id (SHA-256 of the value)
   */
  String tokenId();

  /**
   * Returns the workspace it belongs to.
   *
   * @return the workspace it belongs to
   */
  long workspaceId();

  /**
   * Returns workspace user id of the owner (a service principal's SCIM id, or the admin user's id).
   *
   * @return workspace user id of the owner (a service principal's SCIM id, or the admin user's id)
   */
  long ownerId();

  /**
   * Returns the owner's name: a service principal applicationId or a user name.
   *
   * @return the owner's name: a service principal applicationId or a user name
   */
  String owner();

  /**
   * Returns id of the creator (for OBO tokens the admin, for self-created ones the owner).
   *
   * @return id of the creator (for OBO tokens the admin, for self-created ones the owner)
   */
  long createdById();

  /**
   * Returns name of the creator.
   *
   * @return name of the creator
   */
  String createdByUsername();

  /**
   * Returns the comment, {@code ""} if none.
   *
   * @return the comment, {@code ""} if none
   */
  String comment();

  /**
   * Returns creation time.
   *
   * @return creation time
   */
  Instant creationTime();

  /**
   * Returns expiry, empty for "never".
   *
   * @return expiry, empty for "never"
   */
  Optional<Instant> expiryTime();

  /**
   * Returns true when created through token management (OBO).
   *
   * @return true when created through token management (OBO)
   */
  boolean onBehalfOf();

  /**
   * Returns true when the token has expired at {@code now}.
   *
   * @param now the now
   * @return true when the token has expired at {@code now}
   */
  default boolean isExpiredAt(Instant now) {
    return expiryTime().isPresent() && !now.isBefore(expiryTime().get());
  }
}
