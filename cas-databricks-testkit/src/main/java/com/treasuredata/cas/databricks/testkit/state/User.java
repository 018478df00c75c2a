package com.treasuredata.cas.databricks.testkit.state;

/**
 * An account user as the fake holds it (the fake's admin user is one). Built by the fake; callers
 * cannot construct one.
 */
public interface User {

  /**
   * Returns the SCIM id (numeric; carried as a string in SCIM JSON).
   *
   * @return the SCIM id (numeric; carried as a string in SCIM JSON)
   */
  long id();

  /**
   * Returns the user name: an e-mail address, unique in the account (case-insensitive).
   *
   * @return the user name: an e-mail address, unique in the account (case-insensitive)
   */
  String userName();

  /**
   * Returns the display name: free text, not unique (a service principal may share it).
   *
   * @return the display name: free text, not unique (a service principal may share it)
   */
  String displayName();

  /**
   * Returns false once deactivated.
   *
   * @return false once deactivated
   */
  boolean active();
}
