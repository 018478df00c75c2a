package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.OnboardingListener;
import com.treasuredata.cas.databricks.StepResult;
import java.io.PrintWriter;

/** Each step's outcome as it finishes, on stderr, so that stdout holds only the final table or JSON. */
final class Progress implements OnboardingListener {

  private final PrintWriter err;

  Progress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void stepStarted(String runId, String step) {
    synchronized (err) {
      err.println("cas-databricks: " + step + " ...");
      err.flush();
    }
  }

  @Override
  public void stepFinished(String runId, StepResult result) {
    synchronized (err) {
      err.println("cas-databricks: " + CliWording.forCommandLine(result.toString()));
      err.flush();
    }
  }
}
