package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures the in-process engine: {@code FakeDatabricks.create()} and a full onboarding through
 * {@code fake.transport()}. Reports medians and p99 on stdout; asserts nothing about time (run
 * with {@code mvn -Pbench -pl cas-databricks-testkit -am verify -Dtest=EngineBenchmarkTest}).
 */
@Tag("bench")
class EngineBenchmarkTest {

  private static final int WARMUP = 3_000;
  private static final int RUNS = 5_000;

  @Test
  void reportsCreateAndFullOnboardingLatency() {
    // given
    long[] create = new long[RUNS];
    long[] onboarding = new long[RUNS];
    for (int i = 0; i < WARMUP; i++) {
      onboardOnce(FakeDatabricks.create());
    }

    // when
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      FakeDatabricks fake = FakeDatabricks.create();
      long t1 = System.nanoTime();
      onboardOnce(fake);
      long t2 = System.nanoTime();
      create[i] = t1 - t0;
      onboarding[i] = t2 - t1;
    }

    // then
    System.out.printf("FakeDatabricks.create(): median %.1f us, p99 %.1f us%n", pct(create, 50), pct(create, 99));
    System.out.printf("full onboarding in-process (9 requests): median %.1f us, p99 %.1f us%n",
        pct(onboarding, 50), pct(onboarding, 99));
    assertThat(Arrays.stream(onboarding).min().orElseThrow()).isPositive();
  }

  /** SCIM lookup + create, assignment, token ACL PATCH, OBO, SCIM Me, catalog lookup, grants PATCH, effective GET. */
  static void onboardOnce(FakeDatabricks fake) {
    Onboard o = new Onboard(fake);
    o.account.get(o.account.accountPath("/scim/v2/ServicePrincipals?filter=displayName%20eq%20%22TD-CAS-Service%22"));
    Onboard.Sp sp = o.createSp("TD-CAS-Service");
    var pat = o.onboarded(sp);
    o.ws.as(pat).get("/api/2.0/preview/scim/v2/Me");
    o.ws.get("/api/2.1/unity-catalog/catalogs/cas_demo_east1");
    o.ws.patch("/api/2.1/unity-catalog/permissions/catalog/cas_demo_east1", Api.json("changes", java.util.List.of(
        java.util.Map.of("principal", sp.appId(), "add", java.util.List.of("USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT")))));
    o.ws.get("/api/2.1/unity-catalog/effective-permissions/catalog/cas_demo_east1?principal=" + sp.appId());
  }

  private static double pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
  }
}
