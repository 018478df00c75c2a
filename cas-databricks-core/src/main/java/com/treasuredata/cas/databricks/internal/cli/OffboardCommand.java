package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.Offboarding;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.internal.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code offboard}: undoes what the same onboarding flags set up, plan first (GETs only), then
 * applies that plan; {@code --dry-run} stops after the plan.
 */
@Command(name = "offboard", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Removes what the same flags set up (tokens of ours, grants, IP addresses, membership, service principal),",
        "planning first with GET requests only, then applying that plan. Idempotent: a second run writes nothing.", ""},
    footer = {"", ExitCodes.HELP})
final class OffboardCommand extends OnboardingCommand {

  @Option(names = "--dry-run", description = "Only show what would be removed and why, sending GET requests only.")
  boolean dryRun;

  @Override
  int run(CasOnboarding cas) {
    Offboarding offboarding = cas.offboard();
    err().println("cas-databricks: planning the offboarding (GET requests only)");
    OnboardingPlan plan = offboarding.plan();
    if (dryRun) {
      out().println(json ? Json.write(PlanCommand.toJson(plan)) : CliWording.forCommandLine(plan.toString()));
      return ExitCodes.OK;
    }
    OnboardingResult result;
    int code;
    try {
      result = offboarding.apply(plan);
      code = result.isSuccess() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (OnboardingFailedException e) {
      result = e.partialResult();
      code = stopped(e, ExitCodes.FAILED);
    }
    out().println(json ? result.toJson() : CliWording.forCommandLine(result.toString()));
    return code;
  }
}
