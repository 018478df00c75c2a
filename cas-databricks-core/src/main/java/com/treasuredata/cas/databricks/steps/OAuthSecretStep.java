package com.treasuredata.cas.databricks.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.RunKey;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepContext;
import com.treasuredata.cas.databricks.StepOutcome;
import com.treasuredata.cas.databricks.StepPlan;
import com.treasuredata.cas.databricks.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates an OAuth M2M secret for the service principal, verifies it (client-credentials exchange
 * at the workspace's token endpoint, then SCIM Me answers as the service principal) and, when
 * rotating, deletes the older secrets afterwards. Respects the limit of 5 secrets: without rotation
 * a full service principal is refused before any write; a rotation at the limit first deletes the
 * oldest one (the others stay valid meanwhile). The secret's value is returned once, as a
 * {@link Secret}; the client id is the applicationId.
 */
final class OAuthSecretStep extends BuiltInStep<OAuthSecretStep.Create> {

  /** The plan's payload: the lifetime, and the active secrets the plan saw (oldest first). */
  record Create(Duration lifetime, List<String> seen) {
    Create {
      seen = List.copyOf(seen);
    }
  }

  private final Duration lifetime;
  private final boolean rotate;

  OAuthSecretStep(Duration lifetime, boolean rotate) {
    super(Steps.OAUTH_SECRET, Set.of(Steps.WORKSPACE_MEMBERSHIP), Set.of(Steps.SERVICE_PRINCIPAL), List.of());
    this.lifetime = lifetime;
    this.rotate = rotate;
  }

  @Override
  public StepPlan<Create> plan(StepContext ctx) {
    String what = "create an OAuth secret valid for " + Durations.describe(lifetime) + " and verify it by a client-credentials exchange";
    if (ctx.output(RunKey.NEW_SERVICE_PRINCIPAL).orElse(false)) {
      return StepPlan.create("new service principal: " + what, new Create(lifetime, List.of()));
    }
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    List<String> seen = new ArrayList<>();
    OAuthSecrets.active(ctx, sp).forEach(s -> seen.add(s.path("id").asText()));
    if (!rotate && seen.size() >= OAuthSecrets.MAX_SECRETS) {
      throw new OnboardingException(
          "service principal " + sp.applicationId() + " already has " + seen.size() + " OAuth secrets, the maximum of "
              + OAuthSecrets.MAX_SECRETS + "; nothing was written. Use rotateOAuthSecret() to replace them, or delete unused ones.");
    }
    return StepPlan.create(what + (rotate && !seen.isEmpty() ? "; then delete the " + seen.size() + " older secret(s)" : ""),
        new Create(lifetime, seen));
  }

  @Override
  public StepOutcome apply(StepContext ctx, Create create) {
    ServicePrincipalRef sp = ctx.require(RunKey.SERVICE_PRINCIPAL);
    List<String> older = new ArrayList<>(create.seen());
    List<String> deleted = new ArrayList<>();
    if (rotate && older.size() >= OAuthSecrets.MAX_SECRETS) {
      String oldest = older.remove(0); // make room; the other secrets stay valid meanwhile
      OAuthSecrets.delete(ctx, sp, oldest);
      deleted.add(oldest);
    }
    JsonNode created = OAuthSecrets.create(ctx, sp, create.lifetime(), new LinkedHashSet<>(older));
    Secret secret = Secret.of(created.path("secret").asText());
    String id = created.path("id").asText();
    try {
      OAuthSecrets.verify(ctx, sp, secret);
    } catch (RuntimeException e) {
      OAuthSecrets.delete(ctx, sp, id); // nobody should hold a secret that does not work
      throw e;
    }
    ctx.publish(RunKey.OAUTH_SECRET, secret);
    if (rotate) {
      for (String old : older) {
        if (OAuthSecrets.delete(ctx, sp, old)) {
          deleted.add(old);
        }
      }
    }
    return StepOutcome.created("created and verified OAuth secret " + id + " (expires " + created.path("expire_time").asText()
        + ", client id " + sp.applicationId() + ")" + (deleted.isEmpty() ? "" : "; deleted older secret(s) " + deleted));
  }
}
