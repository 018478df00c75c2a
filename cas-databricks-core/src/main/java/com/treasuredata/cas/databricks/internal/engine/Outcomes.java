package com.treasuredata.cas.databricks.internal.engine;

import com.treasuredata.cas.databricks.OnboardingException;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The messages that say what a failed or cancelled run applied, and how to resume or undo. Not API. */
final class Outcomes {

  private Outcomes() {}

  static OnboardingFailedException failed(OnboardingResult result) {
    List<String> failed = new ArrayList<>();
    OnboardingException first = null;
    for (StepResult s : result.steps()) {
      if (s instanceof StepResult.Failed) {
        failed.add(s.step() + " (" + ((StepResult.Failed) s).exception().getMessage() + ")");
        if (first == null) {
          first = ((StepResult.Failed) s).exception();
        }
      }
    }
    String message = "onboarding failed: " + String.join("; ", failed) + ". " + appliedAndNotRun(result) + resume(result);
    return new OnboardingFailedException(message, result, first);
  }

  static String cancelledMessage(String phase, OnboardingResult partial, Set<String> started) {
    List<String> inFlight = new ArrayList<>();
    for (StepResult s : partial.steps()) {
      if (started.contains(s.step()) && s instanceof StepResult.Skipped) {
        inFlight.add(s.step());
      }
    }
    return "onboarding run " + partial.runId() + " was cancelled while " + phase + ". " + appliedAndNotRun(partial)
        + (inFlight.isEmpty() ? "" : " Running when cancelled (a request in flight may have been applied): " + String.join(", ", inFlight) + ".")
        + resume(partial);
  }

  private static String appliedAndNotRun(OnboardingResult result) {
    List<String> done = new ArrayList<>();
    List<String> notRun = new ArrayList<>();
    for (StepResult s : result.steps()) {
      if (s instanceof StepResult.Skipped && ((StepResult.Skipped) s).cause().isFailure()) {
        notRun.add(s.step());
      } else if (s.isChange()) {
        done.add(s.step() + " " + ((StepResult.Completed) s).change().name().toLowerCase(Locale.ROOT));
      }
    }
    return "Applied: " + (done.isEmpty() ? "nothing" : String.join(", ", done))
        + ". Not run: " + (notRun.isEmpty() ? "nothing" : String.join(", ", notRun)) + ".";
  }

  private static String resume(OnboardingResult result) {
    return " Re-running the same onboarding is safe (every step is idempotent) and resumes from here"
        + (result.servicePrincipal().isPresent()
            ? "; to undo, delete service principal " + result.servicePrincipal().get().applicationId() + " (this also revokes its tokens)"
            : "")
        + ".";
  }
}
