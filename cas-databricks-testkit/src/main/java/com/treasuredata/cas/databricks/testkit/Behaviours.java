package com.treasuredata.cas.databricks.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Switches for behaviours the evidence does not settle. Defaults are the most probable real
 * behaviour (each switch, its default and its evidence are listed in docs/testkit-engine.md).
 * Immutable: {@link #defaults()} and the {@code with...} methods return new instances; pass the
 * result to {@link FakeDatabricksBuilder#behaviours(Behaviours)}.
 *
 * <pre>{@code
 * FakeDatabricks fake = FakeDatabricks.builder()
 *     .behaviours(Behaviours.defaults()
 *         .withOverMaxLifetime(Behaviours.OverMaxLifetime.CLAMP)
 *         .withRateLimitRetryAfter(true))
 *     .build();
 * }</pre>
 */
public final class Behaviours implements Cloneable {

  /** What happens to a token lifetime above the workspace maximum. */
  public enum OverMaxLifetime {
    /** 400 {@code INVALID_PARAMETER_VALUE}. */
    REJECT,
    /** The token is issued with the maximum lifetime. */
    CLAMP
  }

  private static final Behaviours DEFAULTS = new Behaviours();
  // Not final so that the withers can change a private copy before it escapes; never changed afterwards.
  private int duplicateApplicationIdStatus = 409;
  private int scimMaxPageSize = 100;
  private boolean workspaceScimAttachesExisting = true;
  private Optional<Duration> defaultTokenLifetime = Optional.empty();
  private OverMaxLifetime overMaxLifetime = OverMaxLifetime.REJECT;
  private int tokenAclUnknownPrincipalStatus = 400;
  private String tokenAclUnknownPrincipalErrorCode = "INVALID_PARAMETER_VALUE";
  private int ucUnknownPrincipalStatus = 400;
  private boolean ucAcceptsUppercaseSecurableType = true;
  private boolean ipLockoutCheckWhenDisabled = false;
  private boolean confUnsetKeysAsNull = true;
  private int confInvalidKeysStatus = 400;
  private boolean confKeysRequired = true;
  private boolean rateLimitRetryAfter = false;
  private boolean secretLifetimeWithoutSuffix = true;
  private boolean assignmentErrorCodePrefix = false;
  private boolean tokenAclNeedsAToken = false;
  private boolean duplicateApplicationIdAsUserEmail = false;
  private boolean deletedPrincipalAclEntriesKept = false;
  private boolean shuffledListOrder = false;
  private int wrongAccountStatus = 403;
  private boolean tokenScopes = false;
  private boolean tokenAutoscope = false;

  private Behaviours() {}

  /** A private copy for a wither to change (every field is an immutable value, so a shallow copy is enough). */
  private Behaviours copy() {
    try {
      return (Behaviours) super.clone();
    } catch (CloneNotSupportedException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /**
   * Returns the defaults described on each accessor.
   * @return the defaults described on each accessor
   */
  public static Behaviours defaults() {
    return DEFAULTS;
  }

  /**
   * Returns the HTTP status of a SCIM create with an existing applicationId (default 409).
   * @return the HTTP status of a SCIM create with an existing applicationId (default 409)
   */
  public int duplicateApplicationIdStatus() {
    return duplicateApplicationIdStatus;
  }

  /**
   * Returns the largest SCIM page served; a larger {@code count} is clamped (default 100).
   * @return the largest SCIM page served; a larger {@code count} is clamped (default 100)
   */
  public int scimMaxPageSize() {
    return scimMaxPageSize;
  }

  /**
   * Returns whether a workspace SCIM create with an existing account applicationId adds that principal to the workspace (default true) rather than refusing it as a duplicate.
   * @return whether a workspace SCIM create with an existing account applicationId adds that principal to the workspace (default true) rather than refusing it as a duplicate
   */
  public boolean workspaceScimAttachesExisting() {
    return workspaceScimAttachesExisting;
  }

  /**
   * Returns the lifetime of a token created without {@code lifetime_seconds} (OBO or own); empty (default) means the workspace maximum when {@code maxTokenLifetimeDays} is set, else 730 days. New tokens never live for ever; only seeded legacy tokens have no expiry.
   * @return the lifetime of a token created without {@code lifetime_seconds} (OBO or own); empty (default) means the workspace maximum when {@code maxTokenLifetimeDays} is set, else 730 days
   */
  public Optional<Duration> defaultTokenLifetime() {
    return defaultTokenLifetime;
  }

  /**
   * Returns what a token lifetime above {@code maxTokenLifetimeDays} gets (default REJECT).
   * @return what a token lifetime above {@code maxTokenLifetimeDays} gets (default REJECT)
   */
  public OverMaxLifetime overMaxLifetime() {
    return overMaxLifetime;
  }

  /**
   * Returns the HTTP status for {@code Principal: ServicePrincipalName(x) does not exist} (default 400).
   * @return the HTTP status for {@code Principal: ServicePrincipalName(x) does not exist} (default 400)
   */
  public int tokenAclUnknownPrincipalStatus() {
    return tokenAclUnknownPrincipalStatus;
  }

  /**
   * Returns the error_code for {@code Principal: ServicePrincipalName(x) does not exist} (default {@code INVALID_PARAMETER_VALUE}).
   * @return the error_code for {@code Principal: ServicePrincipalName(x) does not exist} (default {@code INVALID_PARAMETER_VALUE})
   */
  public String tokenAclUnknownPrincipalErrorCode() {
    return tokenAclUnknownPrincipalErrorCode;
  }

  /**
   * Returns the HTTP status of UC {@code PRINCIPAL_DOES_NOT_EXIST} (default 400).
   * @return the HTTP status of UC {@code PRINCIPAL_DOES_NOT_EXIST} (default 400)
   */
  public int ucUnknownPrincipalStatus() {
    return ucUnknownPrincipalStatus;
  }

  /**
   * Returns whether UC accepts {@code CATALOG} as well as {@code catalog} in paths (default true).
   * @return whether UC accepts {@code CATALOG} as well as {@code catalog} in paths (default true)
   */
  public boolean ucAcceptsUppercaseSecurableType() {
    return ucAcceptsUppercaseSecurableType;
  }

  /**
   * Returns whether IP access list changes are checked for caller lockout while {@code enableIpAccessLists} is not {@code "true"} (default false).
   * @return whether IP access list changes are checked for caller lockout while {@code enableIpAccessLists} is not {@code "true"} (default false)
   */
  public boolean ipLockoutCheckWhenDisabled() {
    return ipLockoutCheckWhenDisabled;
  }

  /**
   * Returns whether workspace-conf GET answers unset keys with JSON null (default) or leaves them out.
   * @return whether workspace-conf GET answers unset keys with JSON null (default) or leaves them out
   */
  public boolean confUnsetKeysAsNull() {
    return confUnsetKeysAsNull;
  }

  /**
   * Returns the HTTP status of workspace-conf {@code Invalid keys: [...]} (default 400).
   * @return the HTTP status of workspace-conf {@code Invalid keys: [...]} (default 400)
   */
  public int confInvalidKeysStatus() {
    return confInvalidKeysStatus;
  }

  /**
   * Returns whether workspace-conf GET without {@code keys} is a 400 (default true, as the REST docs mark {@code keys} required); false answers every set key. databricks-sdk-java's {@code workspaceConf().getStatus(..)} never sends {@code keys}, so SDK-based code only works against {@code false}.
   * @return whether workspace-conf GET without {@code keys} is a 400 (default true, as the REST docs mark {@code keys} required); false answers every set key
   */
  public boolean confKeysRequired() {
    return confKeysRequired;
  }

  /**
   * Returns whether 429s from rate limits carry {@code Retry-After} (default false: real throttling
   * answers often come without it).
   * @return whether 429s from rate limits carry {@code Retry-After}
   */
  public boolean rateLimitRetryAfter() {
    return rateLimitRetryAfter;
  }

  /**
   * Returns whether an OAuth secret {@code lifetime} without the {@code s} suffix is accepted (default true).
   * @return whether an OAuth secret {@code lifetime} without the {@code s} suffix is accepted (default true)
   */
  public boolean secretLifetimeWithoutSuffix() {
    return secretLifetimeWithoutSuffix;
  }

  /**
   * Returns whether per-item errors of the workspace {@code permissionassignments} POST carry the error code prefix, e.g. {@code RESOURCE_DOES_NOT_EXIST: Principal not found in account.} (default false: the bare message).
   * @return whether per-item errors of the workspace {@code permissionassignments} POST carry the error code prefix, e.g
   */
  public boolean assignmentErrorCodePrefix() {
    return assignmentErrorCodePrefix;
  }

  /**
   * Returns whether the token permissions API answers 404 {@code RESOURCE_DOES_NOT_EXIST} {@code tokens tokens does not exist} while the workspace has no PAT yet (default false; the evidence is from 2022).
   * @return whether the token permissions API answers 404 {@code RESOURCE_DOES_NOT_EXIST} {@code tokens tokens does not exist} while the workspace has no PAT yet (default false; the evidence is from 2022)
   */
  public boolean tokenAclNeedsAToken() {
    return tokenAclNeedsAToken;
  }

  /**
   * Returns whether a SCIM create with an existing applicationId answers the second observed text, {@code User with email <id> already exists in this account}, instead of {@code Service principal with application ID <id> already exists.} (default false; Terraform matches both).
   * @return whether a SCIM create with an existing applicationId answers the second observed text, {@code User with email <id> already exists in this account}, instead of {@code Service principal with application ID <id> already exists.} (default false; Terraform matches both)
   */
  public boolean duplicateApplicationIdAsUserEmail() {
    return duplicateApplicationIdAsUserEmail;
  }

  /**
   * Returns whether token requests and token infos carry {@code scopes}, and scoped tokens are refused outside their scopes (default false: the fields are ignored and never returned, as on a workspace without the feature).
   * @return whether token requests and token infos carry {@code scopes}, and scoped tokens are refused outside their scopes (default false: the fields are ignored and never returned, as on a workspace without the feature)
   */
  public boolean tokenScopes() {
    return tokenScopes;
  }

  /**
   * Returns whether new tokens of 30 days or more are auto-scoped: {@code autoscope_state} RUNNING, narrowed after 30 days to the APIs they were seen using (default false; implies scope fields).
   * @return whether new tokens of 30 days or more are auto-scoped: {@code autoscope_state} RUNNING, narrowed after 30 days to the APIs they were seen using (default false; implies scope fields)
   */
  public boolean tokenAutoscope() {
    return tokenAutoscope;
  }

  /**
   * Returns a copy with {@link #tokenScopes()} set.
   * @param value the value
   * @return a copy with {@link #tokenScopes()} set
   */
  public Behaviours withTokenScopes(boolean value) {
    Behaviours copy = copy();
    copy.tokenScopes = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #tokenAutoscope()} set.
   * @param value the value
   * @return a copy with {@link #tokenAutoscope()} set
   */
  public Behaviours withTokenAutoscope(boolean value) {
    Behaviours copy = copy();
    copy.tokenAutoscope = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #duplicateApplicationIdStatus()} set.
   * @param value the value
   * @return a copy with {@link #duplicateApplicationIdStatus()} set
   */
  public Behaviours withDuplicateApplicationIdStatus(int value) {
    requireStatus(value, "duplicateApplicationIdStatus");
    Behaviours copy = copy();
    copy.duplicateApplicationIdStatus = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #scimMaxPageSize()} set.
   * @param value the value
   * @return a copy with {@link #scimMaxPageSize()} set
   */
  public Behaviours withScimMaxPageSize(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("scimMaxPageSize must be >= 1, was " + value);
    }
    Behaviours copy = copy();
    copy.scimMaxPageSize = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #workspaceScimAttachesExisting()} set.
   * @param value the value
   * @return a copy with {@link #workspaceScimAttachesExisting()} set
   */
  public Behaviours withWorkspaceScimAttachesExisting(boolean value) {
    Behaviours copy = copy();
    copy.workspaceScimAttachesExisting = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #defaultTokenLifetime()} set.
   * @param value the value
   * @return a copy with {@link #defaultTokenLifetime()} set
   */
  public Behaviours withDefaultTokenLifetime(Optional<Duration> value) {
    Objects.requireNonNull(value, "defaultTokenLifetime");
    value.ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("defaultTokenLifetime must be positive, was " + d);
      }
    });
    Behaviours copy = copy();
    copy.defaultTokenLifetime = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #overMaxLifetime()} set.
   * @param value the value
   * @return a copy with {@link #overMaxLifetime()} set
   */
  public Behaviours withOverMaxLifetime(OverMaxLifetime value) {
    Objects.requireNonNull(value, "overMaxLifetime");
    Behaviours copy = copy();
    copy.overMaxLifetime = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #ucUnknownPrincipalStatus()} set.
   * @param value the value
   * @return a copy with {@link #ucUnknownPrincipalStatus()} set
   */
  public Behaviours withUcUnknownPrincipalStatus(int value) {
    requireStatus(value, "ucUnknownPrincipalStatus");
    Behaviours copy = copy();
    copy.ucUnknownPrincipalStatus = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #ucAcceptsUppercaseSecurableType()} set.
   * @param value the value
   * @return a copy with {@link #ucAcceptsUppercaseSecurableType()} set
   */
  public Behaviours withUcAcceptsUppercaseSecurableType(boolean value) {
    Behaviours copy = copy();
    copy.ucAcceptsUppercaseSecurableType = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #ipLockoutCheckWhenDisabled()} set.
   * @param value the value
   * @return a copy with {@link #ipLockoutCheckWhenDisabled()} set
   */
  public Behaviours withIpLockoutCheckWhenDisabled(boolean value) {
    Behaviours copy = copy();
    copy.ipLockoutCheckWhenDisabled = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #confUnsetKeysAsNull()} set.
   * @param value the value
   * @return a copy with {@link #confUnsetKeysAsNull()} set
   */
  public Behaviours withConfUnsetKeysAsNull(boolean value) {
    Behaviours copy = copy();
    copy.confUnsetKeysAsNull = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #confInvalidKeysStatus()} set.
   * @param value the value
   * @return a copy with {@link #confInvalidKeysStatus()} set
   */
  public Behaviours withConfInvalidKeysStatus(int value) {
    requireStatus(value, "confInvalidKeysStatus");
    Behaviours copy = copy();
    copy.confInvalidKeysStatus = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #confKeysRequired()} set.
   * @param value the value
   * @return a copy with {@link #confKeysRequired()} set
   */
  public Behaviours withConfKeysRequired(boolean value) {
    Behaviours copy = copy();
    copy.confKeysRequired = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #rateLimitRetryAfter()} set.
   * @param value the value
   * @return a copy with {@link #rateLimitRetryAfter()} set
   */
  public Behaviours withRateLimitRetryAfter(boolean value) {
    Behaviours copy = copy();
    copy.rateLimitRetryAfter = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #secretLifetimeWithoutSuffix()} set.
   * @param value the value
   * @return a copy with {@link #secretLifetimeWithoutSuffix()} set
   */
  public Behaviours withSecretLifetimeWithoutSuffix(boolean value) {
    Behaviours copy = copy();
    copy.secretLifetimeWithoutSuffix = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #assignmentErrorCodePrefix()} set.
   * @param value the value
   * @return a copy with {@link #assignmentErrorCodePrefix()} set
   */
  public Behaviours withAssignmentErrorCodePrefix(boolean value) {
    Behaviours copy = copy();
    copy.assignmentErrorCodePrefix = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #tokenAclNeedsAToken()} set.
   * @param value the value
   * @return a copy with {@link #tokenAclNeedsAToken()} set
   */
  public Behaviours withTokenAclNeedsAToken(boolean value) {
    Behaviours copy = copy();
    copy.tokenAclNeedsAToken = value;
    return copy;
  }

  /**
   * Returns a copy with {@link #duplicateApplicationIdAsUserEmail()} set.
   * @param value the value
   * @return a copy with {@link #duplicateApplicationIdAsUserEmail()} set
   */
  public Behaviours withDuplicateApplicationIdAsUserEmail(boolean value) {
    Behaviours copy = copy();
    copy.duplicateApplicationIdAsUserEmail = value;
    return copy;
  }

  /**
   * Returns a copy with the token ACL unknown-principal status and error_code set.
   * @param status the status
   * @param errorCode the error code
   * @return a copy with the token ACL unknown-principal status and error_code set
   */
  public Behaviours withTokenAclUnknownPrincipal(int status, String errorCode) {
    Objects.requireNonNull(errorCode, "errorCode");
    requireStatus(status, "tokenAclUnknownPrincipalStatus");
    Behaviours copy = copy();
    copy.tokenAclUnknownPrincipalStatus = status;
    copy.tokenAclUnknownPrincipalErrorCode = errorCode;
    return copy;
  }

  /**
   * Returns whether list endpoints (SCIM, assignments, Unity Catalog, IP access lists) answer in an
   * order that is not creation order (default false: creation order). The real APIs promise no
   * order; turn this on to prove a client does not depend on one. The order is stable between
   * calls, so SCIM paging still sees every item once.
    * @return whether list endpoints (SCIM, assignments, Unity Catalog, IP access lists) answer in an order that is not creation order (default false: creation order)
   */
  public boolean shuffledListOrder() {
    return shuffledListOrder;
  }

  /**
   * Returns a copy with {@link #shuffledListOrder()} set.
   * @param value the value
   * @return a copy with {@link #shuffledListOrder()} set
   */
  public Behaviours withShuffledListOrder(boolean value) {
    Behaviours copy = copy();
    copy.shuffledListOrder = value;
    return copy;
  }

  /**
   * Returns the HTTP status of an account API call that names an account the caller is not an
   * admin of (another account of the fake, or an unknown id): 403 {@code PERMISSION_DENIED}
   * (default), 401 {@code UNAUTHENTICATED} or 404 {@code RESOURCE_DOES_NOT_EXIST}.
    * @return the HTTP status of an account API call that names an account the caller is not an admin of (another account of the fake, or an unknown id): 403 {@code PERMISSION_DENIED} (default), 401 {@code UNAUTHENTICATED} or 404 {@code RESOURCE_DOES_NOT_EXIST}
   */
  public int wrongAccountStatus() {
    return wrongAccountStatus;
  }

  /**
   * Returns a copy with {@link #wrongAccountStatus()} set (401, 403 or 404).
   * @param value the value
   * @return a copy with {@link #wrongAccountStatus()} set (401, 403 or 404)
   */
  public Behaviours withWrongAccountStatus(int value) {
    if (value != 401 && value != 403 && value != 404) {
      throw new IllegalArgumentException("wrongAccountStatus must be 401, 403 or 404, was " + value);
    }
    Behaviours copy = copy();
    copy.wrongAccountStatus = value;
    return copy;
  }

  /**
   * Returns whether deleting a service principal from the account keeps its entries in warehouse
   * ACLs (default false: they go with it, as its grants and tokens do). What the real service does is
   * not documented; an entry of a deleted principal grants nothing either way.
    * @return whether deleting a service principal from the account keeps its entries in warehouse ACLs (default false: they go with it, as its grants and tokens do)
   */
  public boolean deletedPrincipalAclEntriesKept() {
    return deletedPrincipalAclEntriesKept;
  }

  /**
   * Returns a copy with {@link #deletedPrincipalAclEntriesKept()} set.
   * @param value the value
   * @return a copy with {@link #deletedPrincipalAclEntriesKept()} set
   */
  public Behaviours withDeletedPrincipalAclEntriesKept(boolean value) {
    Behaviours copy = copy();
    copy.deletedPrincipalAclEntriesKept = value;
    return copy;
  }

  private static void requireStatus(int status, String name) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException(name + " must be an error status 400..599, was " + status);
    }
  }

  private List<Object> values() {
    return Arrays.asList(duplicateApplicationIdStatus, scimMaxPageSize, workspaceScimAttachesExisting, defaultTokenLifetime, overMaxLifetime, tokenAclUnknownPrincipalStatus, tokenAclUnknownPrincipalErrorCode, ucUnknownPrincipalStatus, ucAcceptsUppercaseSecurableType, ipLockoutCheckWhenDisabled, confUnsetKeysAsNull, confInvalidKeysStatus, confKeysRequired, rateLimitRetryAfter, secretLifetimeWithoutSuffix, assignmentErrorCodePrefix, tokenAclNeedsAToken, duplicateApplicationIdAsUserEmail, shuffledListOrder, wrongAccountStatus, tokenScopes, tokenAutoscope, deletedPrincipalAclEntriesKept);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Behaviours other && values().equals(other.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  @Override
  public String toString() {
    return "Behaviours[" + "duplicateApplicationIdStatus=" + duplicateApplicationIdStatus + ", " + "scimMaxPageSize=" + scimMaxPageSize + ", " + "workspaceScimAttachesExisting=" + workspaceScimAttachesExisting + ", " + "defaultTokenLifetime=" + defaultTokenLifetime + ", " + "overMaxLifetime=" + overMaxLifetime + ", " + "tokenAclUnknownPrincipalStatus=" + tokenAclUnknownPrincipalStatus + ", " + "tokenAclUnknownPrincipalErrorCode=" + tokenAclUnknownPrincipalErrorCode + ", " + "ucUnknownPrincipalStatus=" + ucUnknownPrincipalStatus + ", " + "ucAcceptsUppercaseSecurableType=" + ucAcceptsUppercaseSecurableType + ", " + "ipLockoutCheckWhenDisabled=" + ipLockoutCheckWhenDisabled + ", " + "confUnsetKeysAsNull=" + confUnsetKeysAsNull + ", " + "confInvalidKeysStatus=" + confInvalidKeysStatus + ", " + "confKeysRequired=" + confKeysRequired + ", " + "rateLimitRetryAfter=" + rateLimitRetryAfter + ", " + "secretLifetimeWithoutSuffix=" + secretLifetimeWithoutSuffix + ", " + "assignmentErrorCodePrefix=" + assignmentErrorCodePrefix + ", " + "tokenAclNeedsAToken=" + tokenAclNeedsAToken + ", " + "duplicateApplicationIdAsUserEmail=" + duplicateApplicationIdAsUserEmail + ", shuffledListOrder=" + shuffledListOrder + ", wrongAccountStatus=" + wrongAccountStatus + ", tokenScopes=" + tokenScopes + ", tokenAutoscope=" + tokenAutoscope + ", deletedPrincipalAclEntriesKept=" + deletedPrincipalAclEntriesKept + "]";
  }
}
