package com.treasuredata.cas.databricks.internal.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.ConnectionDetails;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.TokenDetails;
import com.treasuredata.cas.databricks.internal.Json;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The library's {@link OnboardingResult}. Not API. */
public record RunResult(
    String runId,
    URI workspaceHost,
    Optional<ServicePrincipalRef> servicePrincipal,
    List<StepResult> steps,
    Optional<TokenDetails> tokenDetails,
    Optional<Secret> token,
    List<CatalogGrant> grants,
    Optional<String> ipAccessListId,
    int requestCount,
    int writeCount,
    Optional<Secret> oauthSecret,
    Optional<ConnectionDetails> connectionDetails)
    implements OnboardingResult {

  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(workspaceHost, "workspaceHost");
    steps = List.copyOf(steps);
    grants = List.copyOf(grants);
  }

  @Override
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("runId", runId);
    root.put("workspaceHost", workspaceHost.toString());
    servicePrincipal.ifPresent(
        sp -> root.putObject("servicePrincipal").put("id", sp.id()).put("applicationId", sp.applicationId()).put("displayName", sp.displayName()));
    ArrayNode stepArray = root.putArray("steps");
    for (StepResult s : steps) {
      ObjectNode n = stepArray.addObject().put("step", s.step());
      if (s instanceof StepResult.Completed) {
        n.put("status", ((StepResult.Completed) s).change().name()).put("detail", ((StepResult.Completed) s).detail());
      } else if (s instanceof StepResult.Skipped) {
        n.put("status", "SKIPPED").put("cause", ((StepResult.Skipped) s).cause().name()).put("detail", ((StepResult.Skipped) s).reason());
      } else {
        n.put("status", "FAILED").put("detail", ((StepResult.Failed) s).exception().getMessage());
      }
      n.put("durationMs", s.duration().toMillis());
    }
    tokenDetails.ifPresent(
        t -> {
          ObjectNode n = root.putObject("token").put("id", t.id()).put("minted", t.minted()).put("comment", t.comment());
          n.put("expiresAt", t.expiresAt().map(Object::toString).orElse(null));
          n.put("value", token.isPresent() ? token.get().toString() : null);
          n.put("secretUnavailable", isSecretUnavailable());
        });
    ArrayNode grantArray = root.putArray("grants");
    for (CatalogGrant g : grants) {
      ArrayNode privileges = grantArray.addObject().put("catalog", g.catalog()).putArray("privileges");
      g.privileges().forEach(p -> privileges.add(p.name()));
    }
    root.put("ipAccessListId", ipAccessListId.orElse(null));
    oauthSecret.ifPresent(secret -> servicePrincipal.ifPresent(
        sp -> root.putObject("oauth").put("clientId", sp.applicationId()).put("secret", secret.toString())));
    connectionDetails.ifPresent(c -> root.set("connection", ((Connection) c).json(false)));
    root.put("requestCount", requestCount).put("writeCount", writeCount).put("success", isSuccess());
    return Json.write(root);
  }

  /** Returns a multi-line summary; the token prints as {@code Secret[****]}. */
  @Override
  public String toString() {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder("Onboarding of ").append(workspaceHost).append(isSuccess() ? " succeeded" : " FAILED")
        .append(" (run ").append(runId).append(')');
    servicePrincipal.ifPresent(
        sp -> out.append(nl).append("  service principal: ").append(sp.displayName()).append(" (applicationId ")
            .append(sp.applicationId()).append(", SCIM id ").append(sp.id()).append(')'));
    for (StepResult s : steps) {
      out.append(nl).append("  ").append(s);
    }
    tokenDetails.ifPresent(
        t -> out.append(nl).append("  token: id ").append(t.id()).append(", expires ")
            .append(t.expiresAt().map(Object::toString).orElse("never")).append(", value ")
            .append(token.map(Secret::toString).orElse("unavailable (an existing token was reused; its secret cannot be read back)")));
    ipAccessListId.ifPresent(id -> out.append(nl).append("  IP access list: ").append(id));
    oauthSecret.ifPresent(secret -> out.append(nl).append("  OAuth secret: ").append(secret));
    connectionDetails.ifPresent(c -> out.append(nl).append("  connection details for CAS:").append(nl).append("    ")
        .append(c.toString().replace(nl, nl + "    ")));
    return out.append(nl).append("  ").append(requestCount).append(" requests, ").append(writeCount).append(" writes").toString();
  }
}
