package com.treasuredata.cas.databricks.internal.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.RenewalResult;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.ServicePrincipalRef;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.TokenDetails;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.steps.Steps;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The library's {@link RenewalResult}, made from the run's result. Not API.
 *
 * @param run the run's result
 * @param notices what to tell about the tokens
 */
public record Renewal(RunResult run, List<String> notices) implements RenewalResult {

  public Renewal {
    notices = List.copyOf(notices);
  }

  @Override
  public String runId() {
    return run.runId();
  }

  @Override
  public URI workspaceHost() {
    return run.workspaceHost();
  }

  @Override
  public String applicationId() {
    return run.servicePrincipal().map(ServicePrincipalRef::applicationId).orElse("");
  }

  @Override
  public boolean renewed() {
    return run.token().isPresent() && run.isSuccess();
  }

  @Override
  public Optional<Secret> token() {
    return run.token();
  }

  @Override
  public Optional<TokenDetails> tokenDetails() {
    return run.token().isPresent() ? run.tokenDetails() : Optional.empty();
  }

  @Override
  public List<StepResult> steps() {
    return run.steps();
  }

  @Override
  public int requestCount() {
    return run.requestCount();
  }

  @Override
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("runId", runId()).put("workspaceHost", workspaceHost().toString()).put("applicationId", applicationId());
    root.put("renewed", renewed());
    tokenDetails().ifPresent(
        t -> root.putObject("token").put("id", t.id()).put("expiresAt", t.expiresAt().map(Object::toString).orElse(null))
            .put("comment", t.comment()).put("value", token().map(Secret::toString).orElse(null)));
    ArrayNode list = root.putArray("notices");
    notices.forEach(list::add);
    ArrayNode steps = root.putArray("steps");
    Json.parse(run.toJson()).path("steps").forEach(steps::add);
    root.put("requestCount", requestCount());
    return Json.write(root);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Token renewal on ").append(workspaceHost()).append(" (run ").append(runId()).append("): ")
        .append(renewed() ? "renewed" : "not renewed");
    tokenDetails().ifPresent(t -> out.append(", new token ").append(t.id()).append(" expires ")
        .append(t.expiresAt().map(Object::toString).orElse("never")).append(", value ").append(token().map(Secret::toString).orElse("-")));
    notices.forEach(n -> out.append(System.lineSeparator()).append("  notice: ").append(n));
    return out.toString();
  }

  /** The step names of a renewal, in order. */
  public static List<String> stepNames() {
    return List.of(Steps.RENEW_TOKEN, Steps.VERIFY_TOKEN, Steps.REVOKE_PREVIOUS_TOKENS);
  }
}
