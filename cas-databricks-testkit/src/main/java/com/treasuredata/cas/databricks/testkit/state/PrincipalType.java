package com.treasuredata.cas.databricks.testkit.state;

/** The kind of principal an ACL entry or assignment names, with its JSON field name. */
public enum PrincipalType {
  /** A user, named by {@code user_name}. */
  USER("user_name"),
  /** A group, named by {@code group_name}. */
  GROUP("group_name"),
  /** A service principal, named by {@code service_principal_name} (its applicationId). */
  SERVICE_PRINCIPAL("service_principal_name");

  private final String field;

  PrincipalType(String field) {
    this.field = field;
  }

  /**
   * Returns the JSON field that carries this kind of principal, e.g. {@code service_principal_name}.
   *
   * @return the JSON field that carries this kind of principal
   */
  public String field() {
    return field;
  }
}
