package com.treasuredata.cas.databricks.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Switches for the behaviours the API reference marks unconfirmed (its section l). Defaults are
 * the most probable real behaviour; change one with its wither and pass the result to
 * {@link FakeDatabricks.Builder#behaviours(Behaviours)}.
 *
 * <pre>{@code
 * FakeDatabricks fake = FakeDatabricks.builder()
 *     .behaviours(Behaviours.defaults().withOverMaxLifetime(Behaviours.OverMaxLifetime.CLAMP))
 *     .build();
 * }</pre>
 *
 * @param duplicateApplicationIdStatus HTTP status of a SCIM create with an existing applicationId (default 409)
 * @param scimMaxPageSize the largest SCIM page served; a larger {@code count} is clamped (default 100)
 * @param workspaceScimAttachesExisting whether a workspace SCIM create with an existing account
 *     applicationId adds that principal to the workspace (default true) rather than refusing it as a duplicate
 * @param defaultTokenLifetime lifetime of an OBO token created without {@code lifetime_seconds}; empty (default)
 *     means the workspace maximum when {@code maxTokenLifetimeDays} is set, else no expiry
 * @param overMaxLifetime what a token lifetime above {@code maxTokenLifetimeDays} gets (default REJECT)
 * @param tokenAclUnknownPrincipalStatus HTTP status for {@code Principal: ServicePrincipalName(x) does not exist} (default 400)
 * @param tokenAclUnknownPrincipalErrorCode its error_code (default {@code INVALID_PARAMETER_VALUE})
 * @param ucUnknownPrincipalStatus HTTP status of UC {@code PRINCIPAL_DOES_NOT_EXIST} (default 400)
 * @param ucAcceptsUppercaseSecurableType whether UC accepts {@code CATALOG} as well as {@code catalog} in paths (default true)
 * @param ipLockoutCheckWhenDisabled whether IP access list changes are checked for caller lockout
 *     while {@code enableIpAccessLists} is not {@code "true"} (default false)
 * @param confUnsetKeysAsNull whether workspace-conf GET answers unset keys with JSON null (default) or leaves them out
 * @param confInvalidKeysStatus HTTP status of workspace-conf GET {@code Invalid keys: [...]} (default 400)
 * @param rateLimitRetryAfter whether 429s from rate limits carry {@code Retry-After} (default true)
 * @param secretLifetimeWithoutSuffix whether an OAuth secret {@code lifetime} without the {@code s} suffix is accepted (default true)
 */
public record Behaviours(
    int duplicateApplicationIdStatus,
    int scimMaxPageSize,
    boolean workspaceScimAttachesExisting,
    Optional<Duration> defaultTokenLifetime,
    OverMaxLifetime overMaxLifetime,
    int tokenAclUnknownPrincipalStatus,
    String tokenAclUnknownPrincipalErrorCode,
    int ucUnknownPrincipalStatus,
    boolean ucAcceptsUppercaseSecurableType,
    boolean ipLockoutCheckWhenDisabled,
    boolean confUnsetKeysAsNull,
    int confInvalidKeysStatus,
    boolean rateLimitRetryAfter,
    boolean secretLifetimeWithoutSuffix) {

  /** What happens to a token lifetime above the workspace maximum. */
  public enum OverMaxLifetime {
    /** 400 {@code INVALID_PARAMETER_VALUE}. */
    REJECT,
    /** The token is issued with the maximum lifetime. */
    CLAMP
  }

  public Behaviours {
    Objects.requireNonNull(defaultTokenLifetime, "defaultTokenLifetime");
    Objects.requireNonNull(overMaxLifetime, "overMaxLifetime");
    Objects.requireNonNull(tokenAclUnknownPrincipalErrorCode, "tokenAclUnknownPrincipalErrorCode");
    requireStatus(duplicateApplicationIdStatus, "duplicateApplicationIdStatus");
    requireStatus(tokenAclUnknownPrincipalStatus, "tokenAclUnknownPrincipalStatus");
    requireStatus(ucUnknownPrincipalStatus, "ucUnknownPrincipalStatus");
    requireStatus(confInvalidKeysStatus, "confInvalidKeysStatus");
    if (scimMaxPageSize < 1) {
      throw new IllegalArgumentException("scimMaxPageSize must be >= 1, was " + scimMaxPageSize);
    }
    defaultTokenLifetime.ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("defaultTokenLifetime must be positive, was " + d);
      }
    });
  }

  /** Returns the defaults described on each component. */
  public static Behaviours defaults() {
    return new Behaviours(409, 100, true, Optional.empty(), OverMaxLifetime.REJECT, 400, "INVALID_PARAMETER_VALUE",
        400, true, false, true, 400, true, true);
  }

  private static void requireStatus(int status, String name) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException(name + " must be an error status 400..599, was " + status);
    }
  }

  /** Returns a copy with {@link #duplicateApplicationIdStatus()} set. */
  public Behaviours withDuplicateApplicationIdStatus(int v) {
    return new Behaviours(v, scimMaxPageSize, workspaceScimAttachesExisting, defaultTokenLifetime, overMaxLifetime,
        tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode, ucUnknownPrincipalStatus,
        ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #scimMaxPageSize()} set. */
  public Behaviours withScimMaxPageSize(int v) {
    return new Behaviours(duplicateApplicationIdStatus, v, workspaceScimAttachesExisting, defaultTokenLifetime,
        overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode, ucUnknownPrincipalStatus,
        ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #workspaceScimAttachesExisting()} set. */
  public Behaviours withWorkspaceScimAttachesExisting(boolean v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, v, defaultTokenLifetime, overMaxLifetime,
        tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode, ucUnknownPrincipalStatus,
        ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #defaultTokenLifetime()} set ({@code null} is not allowed; use Optional.empty()). */
  public Behaviours withDefaultTokenLifetime(Optional<Duration> v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting, v,
        overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode, ucUnknownPrincipalStatus,
        ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #overMaxLifetime()} set. */
  public Behaviours withOverMaxLifetime(OverMaxLifetime v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, v, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode,
        ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull,
        confInvalidKeysStatus, rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with the token ACL unknown-principal status and error_code set. */
  public Behaviours withTokenAclUnknownPrincipal(int status, String errorCode) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, status, errorCode, ucUnknownPrincipalStatus,
        ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #ucUnknownPrincipalStatus()} set. */
  public Behaviours withUcUnknownPrincipalStatus(int v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode, v,
        ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #ucAcceptsUppercaseSecurableType()} set. */
  public Behaviours withUcAcceptsUppercaseSecurableType(boolean v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode,
        ucUnknownPrincipalStatus, v, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #ipLockoutCheckWhenDisabled()} set. */
  public Behaviours withIpLockoutCheckWhenDisabled(boolean v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode,
        ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, v, confUnsetKeysAsNull, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #confUnsetKeysAsNull()} set. */
  public Behaviours withConfUnsetKeysAsNull(boolean v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode,
        ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, v, confInvalidKeysStatus,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #confInvalidKeysStatus()} set. */
  public Behaviours withConfInvalidKeysStatus(int v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode,
        ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, v,
        rateLimitRetryAfter, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #rateLimitRetryAfter()} set. */
  public Behaviours withRateLimitRetryAfter(boolean v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode,
        ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull,
        confInvalidKeysStatus, v, secretLifetimeWithoutSuffix);
  }

  /** Returns a copy with {@link #secretLifetimeWithoutSuffix()} set. */
  public Behaviours withSecretLifetimeWithoutSuffix(boolean v) {
    return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting,
        defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode,
        ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull,
        confInvalidKeysStatus, rateLimitRetryAfter, v);
  }
}
