package com.treasuredata.cas.databricks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the tokens the library mints (on behalf of the service principal, or by the service
 * principal renewing its own) ask for, so that they stay renewable. A token can mint its successor
 * only while it holds the {@code authentication} scope; auto-scoping narrows a token of 30 days or
 * more to the APIs it was seen using, and CAS uses its token for SQL only.
 *
 * <ul>
 *   <li>{@link #allApisNoAutoScoping()} (the default): no scope list and {@code autoscope_enabled:
 *       false}, so the token keeps every API, renewal included. Safe: CAS and renewal keep working.
 *   <li>{@link #of(String...)}: a scope list, to which {@code authentication} is always added, and
 *       {@code autoscope_enabled: false}. Least privilege; check that CAS needs nothing else.
 *   <li>{@link #platformDefault()}: sends neither field; the workspace decides (auto-scoping may
 *       later take the right to renew away, and renewal then refuses with what to do).
 * </ul>
 *
 * <p>Workspaces without token scopes ignore the fields, and tokens without scope fields are
 * treated as today. Immutable.
 *
 * <pre>{@code
 * TokenPolicy.rotate(Duration.ofDays(90)).withScopes(TokenScopes.of("sql"));   // sql + authentication
 * }</pre>
 */
public final class TokenScopes {

  /** The scope that lets a token mint other tokens. */
  public static final String AUTHENTICATION = "authentication";

  private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)*");
  private static final TokenScopes ALL_APIS = new TokenScopes(List.of(), Optional.of(false));
  private static final TokenScopes PLATFORM = new TokenScopes(List.of(), Optional.empty());

  private final List<String> scopes;
  private final Optional<Boolean> autoscopeEnabled;

  private TokenScopes(List<String> scopes, Optional<Boolean> autoscopeEnabled) {
    this.scopes = List.copyOf(scopes);
    this.autoscopeEnabled = autoscopeEnabled;
  }

  /**
   * Returns the default: every API, auto-scoping off.
   *
   * @return the default: every API, auto-scoping off
   */
  public static TokenScopes allApisNoAutoScoping() {
    return ALL_APIS;
  }

  /**
   * Returns the platform default: neither scopes nor the auto-scoping flag are sent.
   *
   * @return the platform default: neither scopes nor the auto-scoping flag are sent
   */
  public static TokenScopes platformDefault() {
    return PLATFORM;
  }

  /**
   * Returns a scope list plus {@code authentication}, with auto-scoping off.
   *
   * @param scopes API scopes such as {@code sql} or {@code sql:read}
   * @return the scopes
   * @throws IllegalArgumentException naming a scope that is blank or not lower-case words joined by {@code -} and {@code :}
   */
  public static TokenScopes of(String... scopes) {
    Objects.requireNonNull(scopes, "scopes");
    Set<String> out = new LinkedHashSet<>();
    for (String s : scopes) {
      if (s == null || !SCOPE.matcher(s).matches()) {
        throw new IllegalArgumentException(
            "token scope '" + s + "' is invalid; allowed: API scope names such as sql, unity-catalog, sql:read");
      }
      out.add(s);
    }
    out.add(AUTHENTICATION);
    return new TokenScopes(new ArrayList<>(out), Optional.of(false));
  }

  /**
   * Returns the scope list sent ({@code scopes}); empty when none is sent.
   *
   * @return the scope list sent ({@code scopes}); empty when none is sent
   */
  public List<String> scopes() {
    return scopes;
  }

  /**
   * Returns the {@code autoscope_enabled} value sent; empty when it is not sent.
   *
   * @return the {@code autoscope_enabled} value sent; empty when it is not sent
   */
  public Optional<Boolean> autoscopeEnabled() {
    return autoscopeEnabled;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenScopes
        && scopes.equals(((TokenScopes) other).scopes)
        && autoscopeEnabled.equals(((TokenScopes) other).autoscopeEnabled);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scopes, autoscopeEnabled);
  }

  @Override
  public String toString() {
    if (this.equals(ALL_APIS)) {
      return "TokenScopes[all APIs, auto-scoping off]";
    }
    if (this.equals(PLATFORM)) {
      return "TokenScopes[platform default]";
    }
    return "TokenScopes" + scopes + (autoscopeEnabled.orElse(true) ? "" : ", auto-scoping off");
  }
}
