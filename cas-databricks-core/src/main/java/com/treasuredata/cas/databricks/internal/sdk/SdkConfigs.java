package com.treasuredata.cas.databricks.internal.sdk;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.auth.Credentials;
import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.internal.auth.ResolvedTarget;
import com.treasuredata.cas.databricks.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that reads Databricks SDK configuration: profiles in {@code ~/.databrickscfg} (or
 * {@code DATABRICKS_CONFIG_FILE}), {@code DATABRICKS_*} environment variables, and the
 * {@link DatabricksConfig} used at connect time for OAuth and other SDK-driven auth. Not API.
 *
 * <p>The INI file and the environment are never parsed here: the SDK's {@code resolve()} does it.
 */
public final class SdkConfigs {

  private SdkConfigs() {}

  /**
   * Resolves a profile (or, with an empty name, the SDK's default chain: environment variables,
   * then the default profile) without any network traffic, and validates host and credentials.
   *
   * @param profile the profile name; empty for the environment
   * @param configFile an explicit config file; empty for the SDK default
   * @throws IllegalArgumentException when the profile is missing, the host is invalid, or the
   *     credentials are missing or conflicting
   */
  public static ResolvedTarget resolve(Optional<String> profile, Optional<Path> configFile) {
    DatabricksConfig config = new DatabricksConfig();
    profile.ifPresent(config::setProfile);
    configFile.ifPresent(file -> config.setConfigFile(file.toString()));
    String source = describe(profile, configFile);
    config.setHttpClient(new OfflineHttpClient());
    try {
      config.resolve();
    } catch (DatabricksException e) {
      throw new IllegalArgumentException(source + ": " + explain(e.getMessage()), e);
    }
    return toResolved(config, profile, configFile, source);
  }

  static ResolvedTarget toResolved(
      DatabricksConfig config, Optional<String> profile, Optional<Path> configFile, String source) {
    if (blank(config.getHost())) {
      throw new IllegalArgumentException(
          source + " has no host: set host (DATABRICKS_HOST) to the workspace or account console URL");
    }
    URI host;
    try {
      host = Hosts.validateConfigured(config.getHost());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    Optional<String> accountId = Optional.empty();
    if (!blank(config.getAccountId())) {
      try {
        accountId = Optional.of(Hosts.validateAccountId(config.getAccountId()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }
    String authType = blank(config.getAuthType()) ? "" : config.getAuthType();
    boolean hasToken = !blank(config.getToken());
    boolean hasClientId = !blank(config.getClientId());
    boolean hasClientSecret = !blank(config.getClientSecret());
    Credentials credentials;
    if ((authType.isEmpty() || authType.equals("pat")) && hasToken && !hasClientSecret) {
      credentials = new Credentials.Pat(Secret.of(config.getToken()));
    } else if ((authType.isEmpty() || authType.equals("oauth-m2m")) && hasClientId && hasClientSecret && !hasToken) {
      credentials = new Credentials.OAuthM2m(config.getClientId(), Secret.of(config.getClientSecret()));
    } else if (authType.equals("pat") || authType.equals("oauth-m2m")) {
      throw new IllegalArgumentException(
          source + " pins auth_type " + authType + " but does not set "
              + (authType.equals("pat") ? "token" : "both client_id and client_secret"));
    } else if (!authType.isEmpty()) {
      credentials = new Credentials.SdkDelegated(profile, configFile.map(Path::toString), authType);
    } else if (hasToken && hasClientSecret) {
      throw new IllegalArgumentException(
          source + " configures more than one authentication method (a token and a client secret);"
              + " keep one, or set auth_type to pat or oauth-m2m");
    } else if (hasOtherSdkAuth(config)) {
      // Azure, Google, OIDC token files, basic auth: the SDK's credential chain picks one at connect time
      credentials = new Credentials.SdkDelegated(profile, configFile.map(Path::toString), "default");
    } else if (hasClientId != hasClientSecret) {
      throw new IllegalArgumentException(
          source + " sets " + (hasClientId ? "client_id but not client_secret" : "client_secret but not client_id")
              + "; OAuth M2M needs both");
    } else {
      throw new IllegalArgumentException(
          source + " has no credentials: set token (a personal access token) or client_id and client_secret"
              + " (OAuth M2M), or auth_type for another method the Databricks SDK supports");
    }
    return new ResolvedTarget(host, credentials, accountId, source);
  }

  /**
   * Builds and resolves the SDK config used at connect time for non-PAT credentials. All of its
   * HTTP traffic goes through {@code transport}, restricted to the target's host.
   */
  public static DatabricksConfig connectConfig(ResolvedTarget target, Transport transport) {
    DatabricksConfig config = new DatabricksConfig();
    Credentials credentials = target.credentials();
    if (credentials instanceof Credentials.OAuthM2m) {
      Credentials.OAuthM2m oauth = (Credentials.OAuthM2m) credentials;
      config.setHost(target.host().toString())
          .setClientId(oauth.clientId())
          .setClientSecret(oauth.clientSecret().reveal())
          .setAuthType("oauth-m2m");
    } else if (credentials instanceof Credentials.SdkDelegated) {
      Credentials.SdkDelegated delegated = (Credentials.SdkDelegated) credentials;
      delegated.profile().ifPresent(config::setProfile);
      delegated.configFile().ifPresent(config::setConfigFile);
      // Same source, same resolution: setting host here would make the SDK skip the config file.
    } else {
      throw new IllegalArgumentException("a PAT target does not need an SDK config");
    }
    target.accountId().ifPresent(config::setAccountId);
    // Token refresh on the caller's thread keeps every request observable and ordered.
    config.setDisableAsyncTokenRefresh(true);
    config.setHttpClient(new SdkHttpClientAdapter(target.host(), transport));
    try {
      return config.resolve();
    } catch (DatabricksException e) {
      throw new IllegalArgumentException(target.source() + ": " + explain(e.getMessage()), e);
    }
  }

  /** Describes where the values of a profile or environment target come from. */
  public static String describe(Optional<String> profile, Optional<Path> configFile) {
    String file = configFile.map(Path::toString).orElseGet(SdkConfigs::defaultConfigFile);
    return profile.map(name -> "profile '" + name + "' in " + file)
        .orElse("the DATABRICKS_* environment (or the default profile in " + file + ")");
  }

  private static String defaultConfigFile() {
    String fromEnv = System.getenv("DATABRICKS_CONFIG_FILE");
    if (!blank(fromEnv)) {
      return fromEnv;
    }
    return Paths.get(System.getProperty("user.home"), ".databrickscfg").toString();
  }

  private static String explain(String sdkMessage) {
    String message = sdkMessage == null ? "could not be resolved" : sdkMessage;
    if (message.contains("more than one authorization method configured")) {
      return "more than one authentication method is configured (" + message.replaceFirst("(?s).*configured: ", "")
          .replaceFirst("(?s)\\..*", "") + "); keep one, or set auth_type";
    }
    return message;
  }

  private static boolean hasOtherSdkAuth(DatabricksConfig config) {
    return (!blank(config.getUsername()) && !blank(config.getPassword()))
        || !blank(config.getAzureClientId())
        || Boolean.TRUE.equals(config.getAzureUseMsi())
        || !blank(config.getGoogleServiceAccount())
        || !blank(config.getGoogleCredentials())
        || !blank(config.getOidcTokenFilepath())
        || !blank(config.getOidcTokenEnv());
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * Answers the one request {@code resolve()} makes (host metadata) without the network, so that a
   * target can be validated where it is built. The real metadata is fetched through our transport
   * at connect time; this answer only keeps the SDK from logging a warning, and the config that
   * received it is thrown away.
   */
  static final class OfflineHttpClient implements HttpClient {
    @Override
    public Response execute(Request request) throws IOException {
      URI uri = request.getUri();
      if (uri.getPath() != null && uri.getPath().endsWith("/.well-known/databricks-config")) {
        String root = uri.getScheme() + "://" + uri.getRawAuthority();
        String body = "{\"oidc_endpoint\":\"" + root + "/oidc\"}";
        return new Response(request, uri.toURL(), 200, "OK", Map.of("Content-Type", List.of("application/json")), body);
      }
      throw new IOException("no network while validating a Databricks target");
    }
  }
}
