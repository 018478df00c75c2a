package com.treasuredata.cas.databricks.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Switches for the behaviours the API reference marks unconfirmed (its section l). Defaults are
 * the most probable real behaviour; change one with its wither and pass the result to
 * {@link FakeDatabricksBuilder#behaviours(Behaviours)}.
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
 * @param confKeysRequired whether workspace-conf GET without {@code keys} is a 400 (default true, as the REST
 *     docs mark {@code keys} required); false answers every set key. Note: databricks-sdk-java 0.141's
 *     {@code workspaceConf().getStatus(..)} never sends {@code keys}, so it only works against {@code false}
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
    boolean confKeysRequired,
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
        400, true, false, true, 400, true, true, true);
  }

  private static void requireStatus(int status, String name) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException(name + " must be an error status 400..599, was " + status);
    }
  }

  /** A mutable copy for the withers. */
  private static final class Draft {
    int duplicateApplicationIdStatus;
    int scimMaxPageSize;
    boolean workspaceScimAttachesExisting;
    Optional<Duration> defaultTokenLifetime;
    OverMaxLifetime overMaxLifetime;
    int tokenAclUnknownPrincipalStatus;
    String tokenAclUnknownPrincipalErrorCode;
    int ucUnknownPrincipalStatus;
    boolean ucAcceptsUppercaseSecurableType;
    boolean ipLockoutCheckWhenDisabled;
    boolean confUnsetKeysAsNull;
    int confInvalidKeysStatus;
    boolean confKeysRequired;
    boolean rateLimitRetryAfter;
    boolean secretLifetimeWithoutSuffix;

    Draft(Behaviours b) {
      duplicateApplicationIdStatus = b.duplicateApplicationIdStatus;
      scimMaxPageSize = b.scimMaxPageSize;
      workspaceScimAttachesExisting = b.workspaceScimAttachesExisting;
      defaultTokenLifetime = b.defaultTokenLifetime;
      overMaxLifetime = b.overMaxLifetime;
      tokenAclUnknownPrincipalStatus = b.tokenAclUnknownPrincipalStatus;
      tokenAclUnknownPrincipalErrorCode = b.tokenAclUnknownPrincipalErrorCode;
      ucUnknownPrincipalStatus = b.ucUnknownPrincipalStatus;
      ucAcceptsUppercaseSecurableType = b.ucAcceptsUppercaseSecurableType;
      ipLockoutCheckWhenDisabled = b.ipLockoutCheckWhenDisabled;
      confUnsetKeysAsNull = b.confUnsetKeysAsNull;
      confInvalidKeysStatus = b.confInvalidKeysStatus;
      confKeysRequired = b.confKeysRequired;
      rateLimitRetryAfter = b.rateLimitRetryAfter;
      secretLifetimeWithoutSuffix = b.secretLifetimeWithoutSuffix;
    }

    Behaviours build() {
      return new Behaviours(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting, defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode, ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus, confKeysRequired, rateLimitRetryAfter, secretLifetimeWithoutSuffix);
    }
  }

  private Behaviours with(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** Returns a copy with {@link #duplicateApplicationIdStatus()} set. */
  public Behaviours withDuplicateApplicationIdStatus(int value) {
    return with(d -> {
      d.duplicateApplicationIdStatus = value;
    });
  }

  /** Returns a copy with {@link #scimMaxPageSize()} set. */
  public Behaviours withScimMaxPageSize(int value) {
    return with(d -> {
      d.scimMaxPageSize = value;
    });
  }

  /** Returns a copy with {@link #workspaceScimAttachesExisting()} set. */
  public Behaviours withWorkspaceScimAttachesExisting(boolean value) {
    return with(d -> {
      d.workspaceScimAttachesExisting = value;
    });
  }

  /** Returns a copy with {@link #defaultTokenLifetime()} set. */
  public Behaviours withDefaultTokenLifetime(Optional<Duration> value) {
    return with(d -> {
      d.defaultTokenLifetime = value;
    });
  }

  /** Returns a copy with {@link #overMaxLifetime()} set. */
  public Behaviours withOverMaxLifetime(OverMaxLifetime value) {
    return with(d -> {
      d.overMaxLifetime = value;
    });
  }

  /** Returns a copy with {@link #ucUnknownPrincipalStatus()} set. */
  public Behaviours withUcUnknownPrincipalStatus(int value) {
    return with(d -> {
      d.ucUnknownPrincipalStatus = value;
    });
  }

  /** Returns a copy with {@link #ucAcceptsUppercaseSecurableType()} set. */
  public Behaviours withUcAcceptsUppercaseSecurableType(boolean value) {
    return with(d -> {
      d.ucAcceptsUppercaseSecurableType = value;
    });
  }

  /** Returns a copy with {@link #ipLockoutCheckWhenDisabled()} set. */
  public Behaviours withIpLockoutCheckWhenDisabled(boolean value) {
    return with(d -> {
      d.ipLockoutCheckWhenDisabled = value;
    });
  }

  /** Returns a copy with {@link #confUnsetKeysAsNull()} set. */
  public Behaviours withConfUnsetKeysAsNull(boolean value) {
    return with(d -> {
      d.confUnsetKeysAsNull = value;
    });
  }

  /** Returns a copy with {@link #confInvalidKeysStatus()} set. */
  public Behaviours withConfInvalidKeysStatus(int value) {
    return with(d -> {
      d.confInvalidKeysStatus = value;
    });
  }

  /** Returns a copy with {@link #confKeysRequired()} set. */
  public Behaviours withConfKeysRequired(boolean value) {
    return with(d -> {
      d.confKeysRequired = value;
    });
  }

  /** Returns a copy with {@link #rateLimitRetryAfter()} set. */
  public Behaviours withRateLimitRetryAfter(boolean value) {
    return with(d -> {
      d.rateLimitRetryAfter = value;
    });
  }

  /** Returns a copy with {@link #secretLifetimeWithoutSuffix()} set. */
  public Behaviours withSecretLifetimeWithoutSuffix(boolean value) {
    return with(d -> {
      d.secretLifetimeWithoutSuffix = value;
    });
  }

  /** Returns a copy with the token ACL unknown-principal status and error_code set. */
  public Behaviours withTokenAclUnknownPrincipal(int status, String errorCode) {
    return with(d -> {
      d.tokenAclUnknownPrincipalStatus = status;
      d.tokenAclUnknownPrincipalErrorCode = errorCode;
    });
  }
}
