package com.treasuredata.cas.databricks;

import java.util.Objects;

/**
 * The SQL warehouse CAS queries through, as the warehouse step found it.
 *
 * @param id the warehouse id, e.g. {@code f562046bc1272886}
 * @param name the warehouse name (unique in the workspace)
 * @param type {@code PRO}, {@code CLASSIC} or {@code TYPE_UNSPECIFIED}
 * @param serverless whether serverless compute is enabled
 * @param state the state when it was read, e.g. {@code RUNNING} or {@code STOPPED} (a query starts a stopped warehouse)
 */
public record WarehouseRef(String id, String name, String type, boolean serverless, String state) {

  /**
   * Checks that no part is null.
   *
   * @param id the warehouse id
   * @param name the name
   * @param type the type
   * @param serverless whether serverless
   * @param state the state
   */
  public WarehouseRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
  }

  /**
   * Returns the HTTP path SQL clients use: {@code /sql/1.0/warehouses/<id>}.
   *
   * @return the HTTP path SQL clients use: {@code /sql/1.0/warehouses/<id>}
   */
  public String httpPath() {
    return "/sql/1.0/warehouses/" + id;
  }

  /**
   * Returns e.g. {@code 'cas' (f562046bc1272886, PRO serverless, RUNNING)}.
   *
   * @return e.g
   */
  public String describe() {
    return "'" + name + "' (" + id + ", " + type + (serverless ? " serverless" : "") + ", " + state + ")";
  }
}
