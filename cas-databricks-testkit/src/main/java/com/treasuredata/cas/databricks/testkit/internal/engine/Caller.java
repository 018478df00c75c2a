package com.treasuredata.cas.databricks.testkit.internal.engine;

/**
 * Who sent a request, as far as the credentials tell (validity is checked later, per route).
 *
 * @param kind what credential was presented
 * @param sp the service principal behind an SP credential, else null
 * @param token the PAT record for PAT callers, else null
 * @param tokenWorkspaceId workspace a PAT or workspace OAuth token belongs to, else null
 * @param oauthExpiresMs expiry of an OAuth token
 * @param label journal/fault principal: admin, applicationId, user name or anonymous
 */
record Caller(Kind kind, Model.Sp sp, Model.Token token, Long tokenWorkspaceId, long oauthExpiresMs, String label) {

  enum Kind { NONE, INVALID, ADMIN, ADMIN_PAT, SP_PAT, SP_OAUTH }

  static final Caller NONE = new Caller(Kind.NONE, null, null, null, 0, "anonymous");
  static final Caller INVALID = new Caller(Kind.INVALID, null, null, null, 0, "anonymous");
  static final Caller ADMIN = new Caller(Kind.ADMIN, null, null, null, 0, "admin");

  boolean isSp() {
    return sp != null;
  }
}
