package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.CasApiException;
import com.treasuredata.cas.databricks.internal.ErrorMapper;
import java.util.Locale;

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

  /** Returns true for the OBO error seen while a fresh CAN_USE grant propagates. */
  public static boolean isTokenPermissionLag(CasApiException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return "PERMISSION_DENIED".equals(e.errorCode()) && message.contains("does not have permission to use tokens");
  }

  /** Returns true for a rejected token (Databricks sends 403 "Invalid access token" for PATs). */
  public static boolean isInvalidToken(CasApiException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return e.statusCode() == 401 || (e.statusCode() == 403 && message.contains("invalid access token"));
  }
}
