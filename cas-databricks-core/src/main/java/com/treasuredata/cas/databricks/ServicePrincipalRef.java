package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * The identifiers of a Databricks service principal. The SCIM {@code id} goes to SCIM and workspace
 * assignment paths; the {@code applicationId} goes to token permissions, on-behalf-of tokens and
 * Unity Catalog grants. The display name is for humans only and is not unique.
 *
 * @param id the SCIM id (a decimal int64 carried as a string)
 * @param applicationId the application ID (a UUID)
 * @param displayName the display name
 */
public record ServicePrincipalRef(String id, String applicationId, String displayName) {

  /**
   * Checks that no part is null.
   *
   * @param id the SCIM id
   * @param applicationId the application ID
   * @param displayName the display name
   */
  public ServicePrincipalRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(displayName, "displayName");
  }
}
