package com.treasuredata.cas.databricks.testkit.state;

import java.util.List;

/**
 * A Unity Catalog catalog and its schema names.
 *
 * Built by the fake; callers cannot construct one.
 */
public interface Catalog {

  /**
   * Returns catalog name.
   *
   * @return catalog name
   */
  String name();

  /**
   * Returns owner principal.
   *
   * @return owner principal
   */
  String owner();

  /**
   * Returns comment, {@code ""} if none.
   *
   * @return comment, {@code ""} if none
   */
  String comment();

  /**
   * Returns schema names, sorted.
   *
   * @return schema names, sorted
   */
  List<String> schemas();
}
