package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account service principal as the fake holds it.
 *
 * @param id SCIM id (numeric; carried as a string in SCIM JSON)
 * @param applicationId the UUID used as OAuth client id, token ACL and UC principal name
 * @param displayName free text, not unique
 * @param active false once deactivated
 * @param externalId the external id, if set
 * @param roles account roles, e.g. {@code account_admin}
 * @param created virtual time of creation
 */
public record ServicePrincipal(
    long id, String applicationId, String displayName, boolean active, Optional<String> externalId,
    List<String> roles, Instant created) {

  /**
   * Checks the components.
   *
   * @param active the active
   * @param applicationId the application id
   * @param created the created
   * @param displayName the display name
   * @param externalId the external id
   * @param id the id
   * @param roles the roles
   */
  public ServicePrincipal {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(created, "created");
    roles = List.copyOf(roles);
  }
}
