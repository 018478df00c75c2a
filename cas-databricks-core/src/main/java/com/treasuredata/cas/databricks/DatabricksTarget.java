package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.auth.Credentials;
import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.internal.auth.ResolvedTarget;
import com.treasuredata.cas.databricks.internal.sdk.SdkConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to connect (a workspace or the account console) and how to authenticate.
 *
 * <p>Profiles and environment variables are resolved by the Databricks SDK's own configuration
 * code ({@code DatabricksConfig}), exactly as the Databricks CLI and SDKs read them; nothing here
 * parses {@code ~/.databrickscfg}. Everything is validated when the target is created, before any
 * request: the host must be {@code https://<host>[:port]} (plain {@code http} only for loopback)
 * with no path, query, fragment or user info; credentials must be present and unambiguous; an
 * account id must be a UUID. A bad value gives an {@link IllegalArgumentException} that names it
 * and says what is allowed.
 *
 * <p>Supported credentials: a personal access token (PAT), OAuth machine-to-machine (client id and
 * secret; the Databricks SDK fetches, caches and refreshes the short-lived tokens, over this
 * library's transport), or any other {@code auth_type} a profile pins, delegated to the SDK.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} never prints a secret.
 *
 * <pre>{@code
 * DatabricksTarget workspace = DatabricksTarget.profile("admin");
 * DatabricksTarget account = DatabricksTarget.profile("account-admin");     // profile sets account_id
 * DatabricksTarget direct = DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", Secret.of(token));
 * DatabricksTarget m2m = DatabricksTarget.oauth("https://accounts.cloud.databricks.com", clientId, Secret.of(secret))
 *     .withAccountId("0d3e7a6c-1b2f-4c5d-8e9f-a0b1c2d3e4f5");
 * }</pre>
 */
public final class DatabricksTarget {

  private final ResolvedTarget resolved;

  private DatabricksTarget(ResolvedTarget resolved) {
    this.resolved = resolved;
  }

  /**
   * Returns the target described by profile {@code name} of the Databricks config file
   * ({@code ~/.databrickscfg}, or the file named by {@code DATABRICKS_CONFIG_FILE}).
   *
   * @param name the profile's name, e.g. {@code admin}
   * @return the target, validated
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if the name is blank, the profile does not exist, or its host
   *     or credentials are invalid, missing or conflicting
   */
  public static DatabricksTarget profile(String name) {
    return new DatabricksTarget(SdkConfigs.resolve(Optional.of(profileName(name)), Optional.empty()));
  }

  /**
   * Returns the target described by profile {@code name} of {@code configFile}.
   *
   * @param name the profile's name
   * @param configFile the Databricks config file to read instead of the default one
   * @return the target, validated
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #profile(String)}
   */
  public static DatabricksTarget profile(String name, Path configFile) {
    Objects.requireNonNull(configFile, "profile(name, configFile): configFile is null; allowed: the path of a Databricks config file");
    return new DatabricksTarget(SdkConfigs.resolve(Optional.of(profileName(name)), Optional.of(configFile)));
  }

  /**
   * Returns the target the Databricks SDK resolves by default: {@code DATABRICKS_HOST},
   * {@code DATABRICKS_TOKEN} or {@code DATABRICKS_CLIENT_ID}/{@code DATABRICKS_CLIENT_SECRET},
   * {@code DATABRICKS_ACCOUNT_ID} and the other {@code DATABRICKS_*} variables; when none is set,
   * the profile named by {@code DATABRICKS_CONFIG_PROFILE} or the {@code DEFAULT} profile.
   *
   * @return the target, validated
   * @throws IllegalArgumentException if no host or credentials are configured, or they are invalid
   *     or conflicting
   */
  public static DatabricksTarget environment() {
    return new DatabricksTarget(SdkConfigs.resolve(Optional.empty(), Optional.empty()));
  }

  /**
   * Returns a target that authenticates with a personal access token.
   *
   * @param token the personal access token
   * @return the target, validated
   * @param host the workspace (or account console) URL with its scheme, e.g.
   *     {@code https://dbc-1234.cloud.databricks.com}; a bare host name or a port outside 1–65535 is refused
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the host is not allowed (see the class documentation)
   */
  public static DatabricksTarget pat(String host, Secret token) {
    URI uri = Hosts.validate(host);
    Objects.requireNonNull(token, "pat(host, token): token is null; allowed: Secret.of(personalAccessToken)");
    return new DatabricksTarget(new ResolvedTarget(uri, new Credentials.Pat(token), Optional.empty(), "host " + uri));
  }

  /**
   * Returns a target that authenticates with OAuth machine-to-machine credentials (a service
   * principal's application id and OAuth secret). Account console hosts also need
   * {@link #withAccountId(String)}.
   *
   * @param host the workspace or account console URL with its scheme; a bare host name or a port
   *     outside 1–65535 is refused
   * @param clientId the service principal's application id
   * @param clientSecret the service principal's OAuth secret
   * @return the target, validated
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the host is not allowed or the client id is blank
   */
  public static DatabricksTarget oauth(String host, String clientId, Secret clientSecret) {
    URI uri = Hosts.validate(host);
    Objects.requireNonNull(clientId, "oauth(host, clientId, ..): clientId is null; allowed: the service principal's application id");
    Objects.requireNonNull(clientSecret, "oauth(.., clientSecret): clientSecret is null; allowed: Secret.of(oauthSecret)");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank; expected the service principal's application id");
    }
    return new DatabricksTarget(
        new ResolvedTarget(uri, new Credentials.OAuthM2m(clientId.strip(), clientSecret), Optional.empty(), "host " + uri));
  }

  /**
   * Returns a copy of this target with the Databricks account id, required for account console
   * targets.
   *
   * @param accountId the account's id, a UUID
   * @return a new target; this one is unchanged
   * @throws NullPointerException if {@code accountId} is null
   * @throws IllegalArgumentException if {@code accountId} is not a UUID
   */
  public DatabricksTarget withAccountId(String accountId) {
    return new DatabricksTarget(resolved.withAccountId(Hosts.validateAccountId(accountId)));
  }

  /**
   * Returns the validated host, {@code scheme://host[:port]} with no trailing slash.
   *
   * @return the host
   */
  public URI host() {
    return resolved.host();
  }

  /**
   * Returns the account id, from {@link #withAccountId(String)} or the profile's {@code account_id}.
   *
   * @return the account id, if known
   */
  public Optional<String> accountId() {
    return resolved.accountId();
  }

  /**
   * Returns true when the host is an account console ({@code https://accounts.*}).
   *
   * @return whether this target is an account console
   */
  public boolean isAccountHost() {
    return resolved.isAccountHost();
  }

  /**
   * Returns the authentication method as the Databricks SDK names it: {@code pat}, {@code oauth-m2m},
   * an {@code auth_type} pinned by the profile (e.g. {@code databricks-cli}), or {@code default} when
   * the SDK's credential chain picks one at connect time (Azure, Google, OIDC token files).
   *
   * @return the authentication method's name
   */
  public String authType() {
    return resolved.credentials().authType();
  }

  /**
   * Returns true for a target with the same host, credentials (secrets compared in constant time),
   * account id and source.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof DatabricksTarget && resolved.equals(((DatabricksTarget) other).resolved);
  }

  @Override
  public int hashCode() {
    return Objects.hash(resolved.host(), resolved.accountId(), resolved.source()); // never from a secret
  }

  /** Prints host, auth type, account id and where they came from; never a secret. */
  @Override
  public String toString() {
    return "DatabricksTarget[host=" + resolved.host()
        + ", auth=" + authType()
        + resolved.accountId().map(id -> ", accountId=" + id).orElse("")
        + ", from " + resolved.source() + "]";
  }

  private static String profileName(String name) {
    Objects.requireNonNull(name, "profile name is null; allowed: a section name of ~/.databrickscfg such as \"admin\"");
    if (name.isBlank()) {
      throw new IllegalArgumentException("profile name must not be blank; expected a section name of ~/.databrickscfg");
    }
    return name.strip();
  }
}
