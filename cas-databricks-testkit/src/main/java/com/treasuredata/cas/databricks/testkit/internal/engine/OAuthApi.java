package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Service principal OAuth secrets, the OAuth token endpoints, OIDC discovery and host metadata. */
final class OAuthApi {
  private OAuthApi() {}

  static void register(Engine e) {}

  static ObjectNode createSecret(Engine e, Model.Sp sp, long lifetimeMs, long now) {
    throw new UnsupportedOperationException("not yet");
  }
}
