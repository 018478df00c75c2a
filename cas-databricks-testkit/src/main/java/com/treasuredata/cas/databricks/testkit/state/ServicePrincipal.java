package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An account service principal as the fake holds it.
 *
 * Built by the fake; callers cannot construct one.
 */
public interface ServicePrincipal {

  /**
   * Returns SCIM id (numeric; carried as a string in SCIM JSON).
   *
   * @return SCIM id (numeric; carried as a string in SCIM JSON)
   */
  long id();

  /**
   * Returns the UUID used as OAuth client id, token ACL and UC principal name.
   *
   * @return the UUID used as OAuth client id, token ACL and UC principal name
   */
  String applicationId();

  /**
   * Returns free text, not unique.
   *
   * @return free text, not unique
   */
  String displayName();

  /**
   * Returns false once deactivated.
   *
   * @return false once deactivated
   */
  boolean active();

  /**
   * Returns the external id, if set.
   *
   * @return the external id, if set
   */
  Optional<String> externalId();

  /**
   * Returns account roles, e.g. {@code account_admin}.
   *
   * @return account roles, e.g. {@code account_admin}
   */
  List<String> roles();

  /**
   * Returns virtual time of creation.
   *
   * @return virtual time of creation
   */
  Instant created();
}
