package com.treasuredata.cas.databricks.testkit.internal.engine;

/**
 * More than one account in one fake: every account path names its account, and a caller reaches
 * only the fake's own account. Another account's id (or an unknown one) answers as the real
 * account API answers a caller who is not an admin of that account; the status is a switch.
 */
final class Accounts {

  static final String NOT_AUTHORIZED = "User not authorized.";

  private Accounts() {}

  /** The refusal for an account path naming {@code r.var(0)}, which is not the caller's account. */
  static ApiError notYourAccount(Engine e, Req r, boolean scim) {
    int status = e.behaviours.wrongAccountStatus();
    if (status == 404) {
      return scim ? ApiError.scim(404, "Account " + r.var(0) + " not found.")
          : ApiError.platform(404, "RESOURCE_DOES_NOT_EXIST", "Account " + r.var(0) + " does not exist.");
    }
    if (scim) {
      return ApiError.scim(status, NOT_AUTHORIZED);
    }
    return ApiError.platform(status, status == 401 ? "UNAUTHENTICATED" : "PERMISSION_DENIED", NOT_AUTHORIZED);
  }

  /** Refuses unless {@code r.var(0)} is the fake's own account id. */
  static void require(Engine e, Req r) {
    if (!r.var(0).equals(e.account.accountId)) {
      throw notYourAccount(e, r, false);
    }
  }
}
