package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.DatabricksApi;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.internal.engine.TokenInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the token steps list tokens and recognise ours: owned by the service principal
 * ({@code owner_id}) and tagged {@code cas-databricks <applicationId> [run id]} in the comment.
 */
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

  /**
   * True when the token is ours: its owner ({@code owner_id}) is the service principal {@code sp}
   * and its comment carries our tag for {@code sp}. A comment can be copied by anyone, so the tag
   * alone never makes a token ours; a token without {@code owner_id} is never ours.
   */
  static boolean isOurs(JsonNode info, ServicePrincipalRef sp) {
    String comment = info.path("comment").asText("");
    boolean tagged = comment.equals(TAG + " " + sp.applicationId()) || comment.startsWith(TAG + " " + sp.applicationId() + " ");
    return tagged && isOwnedBy(info, sp);
  }

  /** True when {@code owner_id} is the SCIM id of {@code sp}. */
  static boolean isOwnedBy(JsonNode info, ServicePrincipalRef sp) {
    String owner = info.path("owner_id").asText("");
    return !owner.isEmpty() && owner.equals(sp.id());
  }

  static TokenInfo details(JsonNode info, boolean minted) {
    return TokenInfo.from(info, minted);
  }

  static String expiry(TokenInfo token) {
    return token.expiresAt().map(Object::toString).orElse("never");
  }
}
