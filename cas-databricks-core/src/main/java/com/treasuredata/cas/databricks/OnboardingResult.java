package com.treasuredata.cas.databricks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.internal.Json;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CasOnboarding#apply()} did: the service principal, one {@link StepResult} per step,
 * the token, the grants, the IP access list and how many HTTP requests and writes it took.
 *
 * <p>The token value appears only as {@link #token()}, a {@link Secret}: {@link #toString()} and
 * {@link #toJson()} mask it. When an existing token of ours was reused, its value cannot be read
 * back, so {@link #token()} is empty and {@link #isSecretUnavailable()} is true. A failed apply
 * carries a partial result in {@link OnboardingFailedException#partialResult()}.
 *
 * <pre>{@code
 * OnboardingResult result = onboarding.apply();
 * System.out.println(result.applicationId() + " " + result.writeCount() + " writes");
 * result.token().ifPresent(t -> vault.store("cas/databricks", t.reveal()));
 * }</pre>
 *
 * @param workspaceHost the workspace
 * @param servicePrincipal the service principal, empty only in a partial result
 * @param steps one result per step, in declaration order
 * @param tokenDetails the minted or reused token, if a token step ran
 * @param token the value of a token minted by this run
 * @param grants the catalog grants that are in place
 * @param ipAccessListId the id of the ALLOW list holding the addresses, if any
 * @param requestCount HTTP requests sent, retries included
 * @param writeCount HTTP requests other than GET
 */
public record OnboardingResult(
    URI workspaceHost,
    Optional<ServicePrincipalRef> servicePrincipal,
    List<StepResult> steps,
    Optional<TokenDetails> tokenDetails,
    Optional<Secret> token,
    List<CatalogGrant> grants,
    Optional<String> ipAccessListId,
    int requestCount,
    int writeCount) {

  public OnboardingResult {
    Objects.requireNonNull(workspaceHost, "workspaceHost");
    Objects.requireNonNull(servicePrincipal, "servicePrincipal");
    Objects.requireNonNull(tokenDetails, "tokenDetails");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(ipAccessListId, "ipAccessListId");
    steps = List.copyOf(steps);
    grants = List.copyOf(grants);
  }

  /** Returns the service principal's applicationId. @throws IllegalStateException in a partial result without one */
  public String applicationId() {
    return sp().applicationId();
  }

  /** Returns the service principal's SCIM id. @throws IllegalStateException in a partial result without one */
  public String servicePrincipalId() {
    return sp().id();
  }

  /** Returns the service principal's display name. @throws IllegalStateException in a partial result without one */
  public String displayName() {
    return sp().displayName();
  }

  /** Returns true when every step completed or was skipped for a reason other than a failure. */
  public boolean isSuccess() {
    return steps.stream().allMatch(StepResult::isSuccess);
  }

  /** Returns true when a valid token of ours was reused, so no secret can be returned. */
  public boolean isSecretUnavailable() {
    return tokenDetails.isPresent() && !tokenDetails.get().minted();
  }

  /** Returns the result of step {@code name}, if there is such a step. */
  public Optional<StepResult> step(String name) {
    return steps.stream().filter(s -> s.step().equals(name)).findFirst();
  }

  private ServicePrincipalRef sp() {
    return servicePrincipal.orElseThrow(
        () -> new IllegalStateException("no service principal was resolved in this (partial) result; see steps()"));
  }

  /** Returns the result as JSON for CLIs and notebooks; the token value is masked. */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("workspaceHost", workspaceHost.toString());
    servicePrincipal.ifPresent(
        sp -> root.putObject("servicePrincipal").put("id", sp.id()).put("applicationId", sp.applicationId()).put("displayName", sp.displayName()));
    ArrayNode stepArray = root.putArray("steps");
    for (StepResult s : steps) {
      ObjectNode n = stepArray.addObject().put("step", s.step());
      if (s instanceof StepResult.Completed) {
        n.put("status", ((StepResult.Completed) s).change().name()).put("detail", ((StepResult.Completed) s).detail());
      } else if (s instanceof StepResult.Skipped) {
        n.put("status", "SKIPPED").put("detail", ((StepResult.Skipped) s).reason());
      } else {
        n.put("status", "FAILED").put("detail", ((StepResult.Failed) s).exception().getMessage());
      }
    }
    tokenDetails.ifPresent(
        t -> {
          ObjectNode n = root.putObject("token").put("id", t.id()).put("minted", t.minted()).put("comment", t.comment());
          if (t.expiresAt().isPresent()) {
            n.put("expiresAt", t.expiresAt().get().toString());
          } else {
            n.putNull("expiresAt");
          }
          n.put("value", token.isPresent() ? token.get().toString() : null);
          n.put("secretUnavailable", isSecretUnavailable());
        });
    ArrayNode grantArray = root.putArray("grants");
    for (CatalogGrant g : grants) {
      ArrayNode privileges = grantArray.addObject().put("catalog", g.catalog()).putArray("privileges");
      g.privileges().forEach(p -> privileges.add(p.name()));
    }
    root.put("ipAccessListId", ipAccessListId.orElse(null));
    root.put("requestCount", requestCount).put("writeCount", writeCount).put("success", isSuccess());
    return Json.write(root);
  }

  /** Returns a multi-line summary; the token prints as {@code Secret[****]}. */
  @Override
  public String toString() {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder("Onboarding of ").append(workspaceHost).append(isSuccess() ? " succeeded" : " FAILED");
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
    return out.append(nl).append("  ").append(requestCount).append(" requests, ").append(writeCount).append(" writes").toString();
  }
}
