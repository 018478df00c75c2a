package com.treasuredata.cas.databricks;

import java.util.Optional;

/**
 * What a SQL client (CAS's Databricks connection form, a JDBC or ODBC driver) needs to query
 * through the warehouse as the service principal. Present in {@link OnboardingResult#connectionDetails()}
 * when the onboarding chose a warehouse. Built by the library only.
 *
 * <p>{@code toString()} and {@link #toJson()} never contain the credential; only
 * {@link #toJson(boolean) toJson(true)} and {@link #jdbcUrlWithCredential()} do, on request.
 *
 * <pre>{@code
 * ConnectionDetails c = result.connectionDetails().orElseThrow();
 * System.out.println(c);                         // hostname, HTTP path, port, catalog, applicationId; no secret
 * vault.store("cas/databricks", c.toJson(true)); // the one place the token leaves
 * }</pre>
 */
public interface ConnectionDetails {

  /**
   * Returns the server hostname, without scheme, e.g. {@code dbc-1234.cloud.databricks.com}.
   *
   * @return the server hostname, without scheme, e.g
   */
  String serverHostname();

  /**
   * Returns the HTTP path of the warehouse: {@code /sql/1.0/warehouses/<id>}.
   *
   * @return the HTTP path of the warehouse: {@code /sql/1.0/warehouses/<id>}
   */
  String httpPath();

  /**
   * Returns the port: 443.
   *
   * @return the port: 443
   */
  int port();

  /**
   * Returns the warehouse.
   *
   * @return the warehouse
   */
  WarehouseRef warehouse();

  /**
   * Returns the catalog CAS reads (the first granted catalog), if the onboarding granted one.
   *
   * @return the catalog CAS reads (the first granted catalog), if the onboarding granted one
   */
  Optional<String> catalog();

  /**
   * Returns the service principal's applicationId (the OAuth client id; the JDBC user for OAuth M2M).
   *
   * @return the service principal's applicationId (the OAuth client id; the JDBC user for OAuth M2M)
   */
  String applicationId();

  /**
   * Returns the personal access token minted by this run; empty when an existing token was reused
   * (its value cannot be read back) or no token step ran.
    *
    * @return the personal access token minted by this run; empty when an existing token was reused (its value cannot be read back) or no token step ran
   */
  Optional<Secret> credential();

  /**
   * Returns the JDBC URL for a personal access token, with the placeholder {@code <personal-access-token>}
   * where the token goes: {@code jdbc:databricks://<host>:443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=<path>;UID=token;PWD=<personal-access-token>}.
    *
    * @return the JDBC URL for a personal access token, with the placeholder {@code <personal-access-token>} where the token goes: {@code jdbc:databricks://<host>:443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=<path>;UID=token;PWD=<personal-access-token>}
   */
  String jdbcUrl();

  /**
   * Returns {@link #jdbcUrl()} with the minted token in it, as a {@link Secret}; empty without {@link #credential()}.
   *
   * @return {@link #jdbcUrl()} with the minted token in it, as a {@link Secret}; empty without {@link #credential()}
   */
  Optional<Secret> jdbcUrlWithCredential();

  /**
   * Returns the JDBC URL for OAuth machine-to-machine with the service principal's applicationId and
   * the placeholder {@code <oauth-secret>}: {@code ...;AuthMech=11;Auth_Flow=1;OAuth2ClientId=<applicationId>;OAuth2Secret=<oauth-secret>}.
    *
    * @return the JDBC URL for OAuth machine-to-machine with the service principal's applicationId and the placeholder {@code <oauth-secret>}: {@code ...;AuthMech=11;Auth_Flow=1;OAuth2ClientId=<applicationId>;OAuth2Secret=<oauth-secret>}
   */
  String jdbcUrlOAuthM2M();

  /**
   * Returns the details as JSON, the credential masked.
   *
   * @return the details as JSON, the credential masked
   */
  default String toJson() {
    return toJson(false);
  }

  /**
   * Returns the details as JSON; with {@code includeSecret} the credential's value and the JDBC URL
   * with it are included (keep that text out of logs).
    *
    * @param includeSecret the include secret
    * @return the details as JSON; with {@code includeSecret} the credential's value and the JDBC URL with it are included (keep that text out of logs)
   */
  String toJson(boolean includeSecret);
}
