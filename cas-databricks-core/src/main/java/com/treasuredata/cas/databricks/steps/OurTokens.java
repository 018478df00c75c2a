package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How the token steps list tokens and recognise ours: the comment tag {@code cas-databricks <applicationId> [run id]}. */
final class OurTokens {

  static final String OBO_PATH = "/api/2.0/token-management/on-behalf-of/tokens";
  static final String TOKENS_PATH = "/api/2.0/token-management/tokens";
  static final String TAG = "cas-databricks";

  /** The ids of the tokens of ours that the token step's plan saw, for the check for a concurrent run's token. */
  record Seen(Set<String> ids) {
    Seen {
      ids = Set.copyOf(ids);
    }
  }

  static final RunKey<Seen> SEEN = RunKey.of("token-ids-seen-while-planning", Seen.class);

  private OurTokens() {}

  /** Lists the workspace's tokens ({@code token_infos}). */
  static List<JsonNode> list(DatabricksApi workspace) {
    List<JsonNode> out = new ArrayList<>();
    workspace.get(TOKENS_PATH).path("token_infos").forEach(out::add);
    return out;
  }

  /** True when the token carries our tag for the service principal {@code sp}. */
  static boolean isOurs(JsonNode info, ServicePrincipalRef sp) {
    String comment = info.path("comment").asText("");
    return comment.equals(TAG + " " + sp.applicationId()) || comment.startsWith(TAG + " " + sp.applicationId() + " ");
  }

  static TokenInfo details(JsonNode info, boolean minted) {
    return TokenInfo.from(info, minted);
  }

  static String expiry(TokenInfo token) {
    return token.expiresAt().map(Object::toString).orElse("never");
  }
}
