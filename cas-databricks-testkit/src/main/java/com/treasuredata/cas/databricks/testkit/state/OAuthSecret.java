package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A service principal OAuth secret (its value is shown once, at creation, and not kept here).
 *
 * @param id secret id
 * @param servicePrincipalId SCIM id of the owner
 * @param secretHash hash of the value
 * @param createTime creation time
 * @param expireTime expiry
 */
public record OAuthSecret(String id, long servicePrincipalId, String secretHash, Instant createTime, Instant expireTime) {

  /**
   * Checks the components.
   *
   * @param createTime the create time
   * @param expireTime the expire time
   * @param id the id
   * @param secretHash the secret hash
   * @param servicePrincipalId the service principal id
   */
  public OAuthSecret {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(expireTime, "expireTime");
  }
}
