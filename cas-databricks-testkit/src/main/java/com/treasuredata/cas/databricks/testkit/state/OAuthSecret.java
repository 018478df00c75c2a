package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;

/**
 * A service principal OAuth secret (its value is shown once, at creation, and not kept here).
 *
 * Built by the fake; callers cannot construct one.
 */
public interface OAuthSecret {

  /**
   * Returns secret id.
   *
   * @return secret id
   */
  String id();

  /**
   * Returns SCIM id of the owner.
   *
   * @return SCIM id of the owner
   */
  long servicePrincipalId();

  /**
   * Returns hash of the value.
   *
   * @return hash of the value
   */
  String secretHash();

  /**
   * Returns creation time.
   *
   * @return creation time
   */
  Instant createTime();

  /**
   * Returns expiry.
   *
   * @return expiry
   */
  Instant expireTime();
}
