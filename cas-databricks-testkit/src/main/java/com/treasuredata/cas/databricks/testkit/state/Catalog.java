package com.treasuredata.cas.databricks.testkit.state;

import java.util.List;
import java.util.Objects;

/**
 * A Unity Catalog catalog and its schema names.
 *
 * @param name catalog name
 * @param owner owner principal
 * @param comment comment, {@code ""} if none
 * @param schemas schema names, sorted
 */
public record Catalog(String name, String owner, String comment, List<String> schemas) {

  /**
   * Checks the components.
   *
   * @param comment the comment
   * @param name the name
   * @param owner the owner
   * @param schemas the schemas
   */
  public Catalog {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(comment, "comment");
    schemas = List.copyOf(schemas);
  }
}
