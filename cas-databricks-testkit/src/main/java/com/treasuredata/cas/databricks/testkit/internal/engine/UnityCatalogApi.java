package com.treasuredata.cas.databricks.testkit.internal.engine;

/** Unity Catalog: catalogs, schemas, grants and effective permissions. */
final class UnityCatalogApi {
  private UnityCatalogApi() {}

  static void register(Engine e) {}
}
