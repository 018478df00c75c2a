package com.treasuredata.cas.databricks.testkit.demo;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingListener;
import com.treasuredata.cas.databricks.OnboardingPlan;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.PlannedStep;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.http.FakeDatabricksServer;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The README's first command: a complete CAS onboarding against an embedded fake Databricks over
 * loopback HTTP, with no account needed.
 *
 * <p>It starts a fake account and workspace (IP access lists switched on, with the company's own
 * ALLOW list already in place), prints the plan, applies it while printing each step as it runs,
 * prints the result with the token masked, then runs again to show that a second run writes
 * nothing. The token value never reaches the output.
 *
 * <pre>{@code
 * java -cp cas-databricks-testkit/target/cas-databricks-testkit-<version>-standalone.jar \
 *     com.treasuredata.cas.databricks.testkit.demo.OnboardingDemo
 * }</pre>
 */
public final class OnboardingDemo {

  static final String SERVICE_PRINCIPAL = "TD-CAS-Service";
  static final String CATALOG = "cas_demo_east1";

  private OnboardingDemo() {}

  /**
   * Runs the demo; exits with 1 when the onboarding fails.
   *
   * @param args the args
   */
  public static void main(String[] args) {
    // The demo prints its own progress; the library's INFO lines would only repeat it on stderr.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    try {
      run(System.out);
    } catch (OnboardingFailedException e) {
      System.out.println("onboarding failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Runs the demo, printing to {@code out}; returns the first run's result.
   *
   * @param out the out
   * @return the onboarding result
   */
  public static OnboardingResult run(PrintStream out) {
    FakeDatabricks fake = FakeDatabricks.create();
    // The workspace already restricts access: our own office range is allowed, so a new
    // "TreasureData" ALLOW list is safe to add (the library refuses to create the first one).
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8", "192.0.2.0/24");
    fake.workspace().setConf("enableIpAccessLists", "true");

    try (FakeDatabricksServer server = FakeDatabricksServer.create(fake).start()) {
      String host = server.url().toString();
      out.println("cas-databricks demo: onboarding a fake Databricks workspace over loopback HTTP");
      out.println("  account   " + host + "  (account id " + fake.accountId() + ")");
      out.println("  workspace " + host + "  (workspace id " + fake.workspaceId() + ", catalog " + CATALOG + ")");
      out.println();

      Secret admin = fake.adminToken();
      CasOnboarding onboarding =
          CasOnboarding.builder()
              .account(DatabricksTarget.pat(host, admin).withAccountId(fake.accountId()))
              .workspace(DatabricksTarget.pat(host, admin))
              .workspaceId(fake.workspaceId())
              .servicePrincipal(SERVICE_PRINCIPAL)
              .token(Duration.ofDays(1))
              .grant(CatalogGrant.dataReader(CATALOG))
              .allowIps("TreasureData", "203.0.113.10", "198.51.100.0/24")
              .clock(fake.clock().asClock())
              .listener(new Printer(out))
              .build();

      out.println("== plan (reads only) ==");
      OnboardingPlan plan = onboarding.plan();
      for (PlannedStep step : plan.steps()) {
        out.printf("  %-29s %-7s %s%n", step.step(), step.action(), step.reason());
      }
      out.println();

      out.println("== apply ==");
      OnboardingResult result = onboarding.apply(plan);
      out.println();
      out.println("== result ==");
      out.println("  service principal  " + result.displayName() + "  applicationId=" + result.applicationId()
          + "  scimId=" + result.servicePrincipalId());
      out.println("  token              " + result.token().map(Secret::toString).orElse("(not minted)")
          + result.tokenDetails().map(t -> "  id=" + t.id() + "  expires=" + t.expiresAt().map(Object::toString).orElse("never")).orElse(""));
      out.println("  grants             " + result.grants());
      out.println("  ip access list     " + result.ipAccessListId().orElse("(none)"));
      out.println("  requests / writes  " + result.requestCount() + " / " + result.writeCount());
      out.println();
      out.println("  as JSON: " + result.toJson());
      out.println();

      out.println("== apply again (idempotent) ==");
      OnboardingResult again = onboarding.toBuilder().listener(OnboardingListener.NONE).build().apply();
      for (StepResult step : again.steps()) {
        out.println("  " + step);
      }
      out.println("  requests / writes  " + again.requestCount() + " / " + again.writeCount());
      return result;
    }
  }

  /** Prints each step as it runs. */
  private static final class Printer implements OnboardingListener {
    private final PrintStream out;

    Printer(PrintStream out) {
      this.out = out;
    }

    @Override
    public void stepStarted(String runId, String step) {
      out.println("  -> " + step);
    }

    @Override
    public void stepFinished(String runId, StepResult result) {
      out.println("  <- " + result);
    }
  }
}
