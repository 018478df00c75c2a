package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.internal.ErrorMapper;

/**
 * Tells identity-propagation errors (a service principal created or assigned seconds ago that
 * another service cannot see yet) from real "no such thing" errors. Not API.
 */
public final class Propagation {

  private Propagation() {}

  /** Returns true for the errors Databricks reports while a new principal propagates (the error table's PROPAGATION rows). */
  public static boolean isPropagationError(CasApiException e) {
    return ErrorMapper.isPropagationError(e);
  }

  /** Returns true for the OBO error seen while a fresh CAN_USE grant propagates (the table's TOKEN_USAGE row). */
  public static boolean isTokenPermissionLag(CasApiException e) {
    return ErrorMapper.category(e) == ErrorMapper.Category.TOKEN_USAGE;
  }

  /** Returns true for a rejected credential (the table's AUTHENTICATION rows: 401, or 403 "Invalid access token"). */
  public static boolean isInvalidToken(CasApiException e) {
    return ErrorMapper.category(e) == ErrorMapper.Category.AUTHENTICATION;
  }
}
