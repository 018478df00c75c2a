package com.treasuredata.cas.databricks.testing;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.RetryPolicy;
import java.time.Duration;
import java.time.Instant;

/** Builders preconfigured against a {@link FakeWorkspaceTransport}. */
public final class Onboardings {

  public static final String SP_NAME = "TD-CAS-Service";
  public static final String CATALOG = "cas_demo_east1";

  private Onboardings() {}

  /** A workspace target on the fake. */
  public static DatabricksTarget workspace() {
    return DatabricksTarget.pat(FakeWorkspaceTransport.WORKSPACE_HOST.toString(), FakeTokens.pat());
  }

  /** An account target on the fake. */
  public static DatabricksTarget account() {
    return DatabricksTarget.pat(FakeWorkspaceTransport.ACCOUNT_HOST.toString(), FakeTokens.pat()).withAccountId(FakeWorkspaceTransport.ACCOUNT_ID);
  }

  /** A fake workspace with the catalog and an existing corporate ALLOW list. */
  public static FakeWorkspaceTransport fakeWorkspace() {
    return new FakeWorkspaceTransport().catalog(CATALOG).ipList("corp", "ALLOW", true, "10.0.0.0/8");
  }

  /** The example onboarding (account + workspace), on {@code fake}, with a manual clock. */
  public static CasOnboardingBuilder full(FakeWorkspaceTransport fake) {
    return workspaceOnly(fake).account(account());
  }

  /** The example onboarding with only a workspace admin. */
  public static CasOnboardingBuilder workspaceOnly(FakeWorkspaceTransport fake) {
    return base(fake).servicePrincipal(SP_NAME);
  }

  /** The example onboarding without a service principal choice and without an account. */
  public static CasOnboardingBuilder base(FakeWorkspaceTransport fake) {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(fake.now()));
    return CasOnboarding.builder()
        .workspace(workspace())
        .token(Duration.ofDays(1))
        .grant(CatalogGrant.dataReader(CATALOG))
        .allowIps("TreasureData", "203.0.113.10", "198.51.100.0/24")
        .transport(fake)
        .clock(clock)
        .sleeper(clock.sleeper())
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).propagationWait(Duration.ofSeconds(30)).build());
  }
}
