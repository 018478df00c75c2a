package com.treasuredata.cas.databricks.internal.auth;

import com.treasuredata.cas.databricks.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * How a resolved target authenticates. Not API.
 *
 * <p>{@link Pat} and {@link OAuthM2m} hold the values themselves; {@link SdkDelegated} re-resolves
 * a profile or the environment with the Databricks SDK at connect time, for auth types this library
 * does not implement itself (databricks-cli, azure-cli, ...). Every {@code toString()} masks secrets.
 */
public sealed interface Credentials permits Credentials.Pat, Credentials.OAuthM2m, Credentials.SdkDelegated {

  /** Returns the auth type name as the Databricks SDK spells it ({@code pat}, {@code oauth-m2m}, ...). */
  String authType();

  /** A personal access token, sent as {@code Authorization: Bearer}. */
  record Pat(Secret token) implements Credentials {
    public Pat {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String authType() {
      return "pat";
    }
  }

  /** OAuth machine-to-machine: client credentials exchanged for short-lived tokens by the SDK. */
  record OAuthM2m(String clientId, Secret clientSecret) implements Credentials {
    public OAuthM2m {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String authType() {
      return "oauth-m2m";
    }
  }

  /**
   * Anything else the SDK can do: re-resolved from the same profile (or the environment) at connect
   * time, with the SDK's own credential chain.
   *
   * @param profile the profile name, empty for the environment
   * @param configFile the config file, empty for the SDK default
   * @param authType the pinned auth type, or {@code default} when the SDK's credential chain decides
   */
  record SdkDelegated(Optional<String> profile, Optional<String> configFile, String authType) implements Credentials {
    public SdkDelegated {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(configFile, "configFile");
      Objects.requireNonNull(authType, "authType");
    }
  }
}
