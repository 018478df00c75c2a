package com.treasuredata.cas.databricks.internal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.PlannedStep;
import com.treasuredata.cas.databricks.internal.Json;
import picocli.CommandLine.Command;

/** {@code plan}: what {@code apply} would do, from GET requests only. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Shows what apply would do and why, one line per step, sending GET requests only.", ""},
    footer = {"", ExitCodes.HELP})
final class PlanCommand extends OnboardingCommand {

  @Override
  int run(CasOnboarding cas) {
    err().println("cas-databricks: planning (GET requests only)");
    OnboardingPlan plan = cas.plan();
    out().println(json ? Json.write(toJson(plan)) : CliWording.forCommandLine(plan.toString()));
    return ExitCodes.OK;
  }

  static ObjectNode toJson(OnboardingPlan plan) {
    ObjectNode root = Json.object().put("runId", plan.runId()).put("workspaceHost", plan.workspaceHost().toString());
    plan.servicePrincipal().ifPresentOrElse(
        sp -> root.putObject("servicePrincipal").put("id", sp.id()).put("applicationId", sp.applicationId()).put("displayName", sp.displayName()),
        () -> root.putNull("servicePrincipal"));
    ArrayNode steps = root.putArray("steps");
    for (PlannedStep s : plan.steps()) {
      ObjectNode n = steps.addObject().put("step", s.step()).put("action", s.action().name()).put("reason", s.reason());
      s.skipCause().ifPresent(cause -> n.put("skipCause", cause.name()));
    }
    return root.put("hasChanges", plan.hasChanges()).put("requestCount", plan.requestCount());
  }
}
