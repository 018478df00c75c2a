package com.treasuredata.cas.databricks.internal;

import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.auth.AuthInterceptors;
import com.treasuredata.cas.databricks.internal.auth.Credentials;
import com.treasuredata.cas.databricks.internal.auth.Hosts;
import com.treasuredata.cas.databricks.internal.auth.ResolvedTarget;
import com.treasuredata.cas.databricks.internal.auth.TargetAccess;
import com.treasuredata.cas.databricks.internal.sdk.SdkAuthInterceptor;
import com.treasuredata.cas.databricks.internal.sdk.SdkConfigs;
import com.treasuredata.cas.databricks.transport.Interceptors;
import com.treasuredata.cas.databricks.transport.Transport;
import com.treasuredata.cas.databricks.transport.TransportInterceptor;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link DatabricksTarget} (or a host and a bearer token) into an {@link ApiCaller}. Not API.
 *
 * <p>The transport stack, outermost first: user agent, redacted logging, auth (the secret becomes
 * a header last, so no other interceptor sees it), then {@link ClientSettings#transport()}. Every
 * request goes to the target's host only: the interceptor chain refuses host changes, redirects are
 * never followed, and the SDK's OAuth traffic is restricted to the same host.
 *
 * <pre>{@code
 * ApiCaller workspace = Connector.connect(DatabricksTarget.profile("admin"), ClientSettings.of(OkHttpTransport.create()));
 * JsonNode me = workspace.call(ApiRequest.get("verify", "/api/2.0/preview/scim/v2/Me"));
 * }</pre>
 */
public final class Connector {

  private Connector() {}

  /**
   * Connects to {@code target}. PAT targets make no request here; OAuth and other SDK-driven
   * targets let the SDK read host metadata (through {@code settings.transport()}) and fetch tokens
   * on the first call.
   *
   * @throws IllegalArgumentException if the target is an account console host without an account id
   */
  public static ApiCaller connect(DatabricksTarget target, ClientSettings settings) {
    return connect(target, settings, null);
  }

  /**
   * Connects to {@code target}, reusing the SDK configuration {@code shared} already resolved for
   * it (one OAuth token for every run), or resolving it once there.
   *
   * @param shared the shared configurations, or null to resolve one for this connection only
   * @throws IllegalArgumentException if the target is an account console host without an account id
   */
  public static ApiCaller connect(DatabricksTarget target, ClientSettings settings, SharedClients shared) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(settings, "settings");
    ResolvedTarget resolved = TargetAccess.resolved(target);
    if (resolved.isAccountHost() && resolved.accountId().isEmpty()) {
      throw missingAccountId(resolved);
    }
    TransportInterceptor auth;
    Credentials credentials = resolved.credentials();
    if (credentials instanceof Credentials.Pat) {
      auth = AuthInterceptors.bearer(((Credentials.Pat) credentials).token());
    } else {
      // the SDK's own traffic (metadata, discovery, token endpoint) carries no bearer token
      Transport sdkBase = shared != null ? shared.sdkTransport() : settings.transport();
      java.util.function.Supplier<TransportInterceptor> make = () -> new SdkAuthInterceptor(
          SdkConfigs.connectConfig(resolved, sdkBase.with(userAgent(settings), Interceptors.logging())), resolved.source());
      auth = shared != null ? shared.auth(resolved, make) : make.get();
    }
    return new RestClient(resolved.host(), stack(settings, auth), settings);
  }

  /**
   * Connects to {@code host} with a bearer token, e.g. to verify a freshly minted PAT.
   *
   * @throws IllegalArgumentException if the host is not allowed (https, or http on loopback; no
   *     path, query, fragment or user info)
   */
  public static ApiCaller connect(URI host, Secret bearerToken, ClientSettings settings) {
    URI validated = Hosts.validate(Objects.requireNonNull(host, "host"));
    Objects.requireNonNull(bearerToken, "bearerToken");
    Objects.requireNonNull(settings, "settings");
    return new RestClient(validated, stack(settings, AuthInterceptors.bearer(bearerToken)), settings);
  }

  /** Returns the account id of {@code target}: set explicitly or read from its profile. */
  public static Optional<String> accountId(DatabricksTarget target) {
    return TargetAccess.resolved(Objects.requireNonNull(target, "target")).accountId();
  }

  /**
   * Returns the account id of {@code target}.
   *
   * @throws IllegalArgumentException naming the target when it has none
   */
  public static String requireAccountId(DatabricksTarget target) {
    ResolvedTarget resolved = TargetAccess.resolved(Objects.requireNonNull(target, "target"));
    return resolved.accountId().orElseThrow(() -> missingAccountId(resolved));
  }

  private static IllegalArgumentException missingAccountId(ResolvedTarget resolved) {
    return new IllegalArgumentException(
        "account target " + resolved.host() + " (from " + resolved.source() + ") has no account id; call"
            + " DatabricksTarget.withAccountId(\"<uuid>\") or set account_id in the profile (DATABRICKS_ACCOUNT_ID)");
  }

  /** One chain, outermost first, so that auth is the last link before the transport. */
  private static Transport stack(ClientSettings settings, TransportInterceptor auth) {
    return settings.transport().with(userAgent(settings), Interceptors.logging(), auth);
  }

  private static TransportInterceptor userAgent(ClientSettings settings) {
    return Interceptors.userAgent(settings.userAgentSuffix());
  }
}
