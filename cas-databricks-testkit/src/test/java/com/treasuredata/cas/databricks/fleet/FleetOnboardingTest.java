package com.treasuredata.cas.databricks.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.FakeOnboarding;
import com.treasuredata.cas.databricks.HealthStatus;
import com.treasuredata.cas.databricks.SharedConnections;
import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import java.net.URI;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.FakeWorkspace;
import com.treasuredata.cas.databricks.testkit.RateLimitRule;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetOnboardingTest {

  private static final long FIRST = 5_000_000_000_000_001L;

  /** The settings every target shares: {@code account}, a one-day token, the fake's clock; no transport yet. */
  private static CasOnboardingBuilder template(FakeDatabricks fake, DatabricksTarget account) {
    return CasOnboarding.builder().account(account).token(Duration.ofDays(1)).clock(fake.clock().asClock()).sleeper(d -> fake.clock().advance(d));
  }

  private static DatabricksTarget accountAdmin(FakeDatabricks fake) {
    return DatabricksTarget.pat(fake.accountHost().toString(), fake.adminToken()).withAccountId(fake.accountId());
  }

  private static FleetOnboardingBuilder fleet(FakeDatabricks fake, List<FakeWorkspace> workspaces, String missingCatalogFor) {
    return fleet(fake, template(fake, accountAdmin(fake)).transport(fake.transport()), workspaces, missingCatalogFor);
  }

  /** A fleet of {@code template} with a target per workspace, each with its own service principal and a Data Reader grant. */
  private static FleetOnboardingBuilder fleet(FakeDatabricks fake, CasOnboardingBuilder template, List<FakeWorkspace> workspaces, String missingCatalogFor) {
    FleetOnboardingBuilder builder = FleetOnboarding.builder().template(template).concurrency(4)
        .clock(fake.clock().asClock()).sleeper(d -> fake.clock().advance(d));
    for (FakeWorkspace ws : workspaces) {
      String id = "ws-" + ws.id();
      String catalog = id.equals(missingCatalogFor) ? "no_such_catalog" : "cas_demo_east1";
      builder.target(id, b -> b.workspace(DatabricksTarget.pat(ws.host().toString(), fake.adminToken())).workspaceId(ws.id())
          .servicePrincipal("TD-CAS-" + ws.id()).grant(CatalogGrant.dataReader(catalog)));
    }
    return builder;
  }

  @Test
  void oneTargetFailingLeavesTheOthersConvergedAndResumeRunsOnlyThatTarget() {
    // given three workspaces, the second granting a catalog it does not have
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 3, "cas_demo_east1");
    String broken = "ws-" + (FIRST + 1);
    try (FleetOnboarding fleet = fleet(fake, workspaces, broken).build()) {
      // when
      FleetResult first = fleet.apply();
      // then the failure stays with its target
      assertThat(first.target(broken).status()).isEqualTo(FleetTargetResult.Status.FAILED);
      assertThat(first.target(broken).error()).isPresent();
      assertThat(first.count(FleetTargetResult.Status.CHANGED)).isEqualTo(2);
      assertThat(first.unconverged()).containsExactly(broken);
      assertThat(first.summaryTable()).contains(broken).contains("FAILED").contains("Total: 3 targets");

      // when the cause is fixed and the fleet resumes
      fake.workspace(FIRST + 1).createCatalog("no_such_catalog");
      FleetResult resumed = fleet.resume(first);
      // then only that target ran, and it converged
      assertThat(resumed.targets()).extracting(FleetTargetResult::id).containsExactly(broken);
      assertThat(resumed.target(broken).status()).isEqualTo(FleetTargetResult.Status.CHANGED);

      // and a whole re-run writes nothing
      FleetResult again = fleet.apply();
      assertThat(again.count(FleetTargetResult.Status.CONVERGED)).isEqualTo(3);
      assertThat(again.targets()).allSatisfy(t -> assertThat(t.writeCount()).isZero());
    }
  }

  @ParameterizedTest(name = "template with shared connections: {0}")
  @ValueSource(booleans = {false, true})
  void targetsOfOneAccountShareOneOAuthTokenForItAcrossTargetsAndRuns(boolean sharedConnections) {
    // given an account admin that signs in with OAuth M2M (client id and secret), and four workspaces
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 4, "cas_demo_east1");
    FakeOnboarding.OAuthAdmin admin = FakeOnboarding.oauthAccountAdmin(fake);
    CasOnboardingBuilder template = template(fake, admin.account());
    if (sharedConnections) {
      template.sharedConnections(SharedConnections.over(fake.transport()));
    } else {
      template.transport(fake.transport());
    }
    FleetOnboardingBuilder builder = fleet(fake, template, workspaces, "");

    long mark = fake.journal().mark();
    try (FleetOnboarding fleet = builder.build()) {
      // when the fleet runs twice
      FleetResult first = fleet.apply();
      FleetResult again = fleet.apply();

      // then every account request of eight runs went out with one OAuth token, fetched once
      assertThat(first.count(FleetTargetResult.Status.CHANGED)).isEqualTo(4);
      assertThat(again.count(FleetTargetResult.Status.CONVERGED)).isEqualTo(4);
      assertThat(fake.journal().requests("POST", "/oidc/accounts/" + fake.accountId() + "/v1/token")).hasSize(1);
      assertThat(fake.journal().since(mark)).filteredOn(e -> e.path().startsWith("/api/2.0/accounts/")).isNotEmpty()
          .allSatisfy(e -> assertThat(e.principal()).isEqualTo(admin.applicationId()));
    }
  }

  @Test
  void targetsThatShareAServicePrincipalNameCreateItOnceAndEachWorkspaceGetsIt() {
    // given one customer's four workspaces, onboarded with one service principal, all at once
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 4, "cas_demo_east1");
    CasOnboardingBuilder template = template(fake, accountAdmin(fake)).transport(fake.transport())
        .servicePrincipal("TD-CAS-customer-1").grant(CatalogGrant.dataReader("cas_demo_east1"));
    FleetOnboardingBuilder builder = FleetOnboarding.builder().template(template).concurrency(4);
    workspaces.forEach(ws -> builder.target("ws-" + ws.id(), b -> b.workspace(DatabricksTarget.pat(ws.host().toString(), fake.adminToken())).workspaceId(ws.id())));

    try (FleetOnboarding fleet = builder.build()) {
      // when
      FleetResult result = fleet.apply();

      // then
      assertThat(result.count(FleetTargetResult.Status.CHANGED)).isEqualTo(4);
      List<ServicePrincipal> named = fake.account().servicePrincipalsNamed("TD-CAS-customer-1");
      assertThat(named).hasSize(1);
      assertThat(fake.journal().requests("POST", "/api/2.0/accounts/" + fake.accountId() + "/scim/v2/ServicePrincipals")).hasSize(1);
      assertThat(workspaces).allSatisfy(ws -> assertThat(ws.assignments()).extracting(a -> a.principalName()).contains(named.get(0).applicationId()));
      assertThat(fleet.apply().count(FleetTargetResult.Status.CONVERGED)).isEqualTo(4);
    }
  }

  @Test
  void planReportsWhichTargetsWouldChangeWithoutWriting() {
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 2, "cas_demo_east1");
    try (FleetOnboarding fleet = fleet(fake, workspaces, "").build()) {
      long mark = fake.journal().mark();
      FleetResult planned = fleet.plan();
      assertThat(planned.count(FleetTargetResult.Status.WOULD_CHANGE)).isEqualTo(2);
      assertThat(fake.journal().since(mark)).noneMatch(e -> e.write());
    }
  }

  @Test
  void cancellingStopsTheRunAndReportsTheTargetsNotRunAsCancelled() {
    // given five targets run one at a time, and a listener that cancels after the first
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 5, "cas_demo_east1");
    List<FleetProgress> progress = new CopyOnWriteArrayList<>();
    FleetOnboarding[] holder = new FleetOnboarding[1];
    try (FleetOnboarding fleet = fleet(fake, workspaces, "").concurrency(1)
        .listener(p -> {
          if (progress.isEmpty()) {
            holder[0].cancel();
          }
          progress.add(p);
        })
        .build()) {
      holder[0] = fleet;
      // when
      FleetResult result = fleet.apply();
      // then
      assertThat(result.count(FleetTargetResult.Status.CHANGED)).isEqualTo(1);
      assertThat(result.count(FleetTargetResult.Status.CANCELLED)).isEqualTo(4);
      assertThat(result.isSuccess()).isFalse();
      assertThat(progress.get(0).done()).isEqualTo(1);
      assertThat(progress.get(0).remaining()).isEqualTo(4);
      assertThat(fake.account().servicePrincipalsNamed("TD-CAS-" + (FIRST + 1))).isEmpty();
      // and a resume converges the rest
      assertThat(fleet.resume(result).count(FleetTargetResult.Status.CHANGED)).isEqualTo(4);
    }
  }

  @Test
  void theHealthCheckFlagsOnlyTheBrokenTargetAndResumeRepairsOnlyThat() throws Exception {
    // given three onboarded workspaces, the second of which lost its token to an admin
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 3, "cas_demo_east1");
    String broken = "ws-" + (FIRST + 1);
    try (FleetOnboarding fleet = fleet(fake, workspaces, "").build()) {
      FleetResult onboarded = fleet.apply();
      String tokenId = onboarded.target(broken).result().orElseThrow().tokenDetails().orElseThrow().id();
      TransportResponse revoked = fake.transport().execute(TransportRequest.of("DELETE",
              URI.create(workspaces.get(1).host() + "/api/2.0/token-management/tokens/" + tokenId))
          .withHeader("Authorization", "Bearer " + fake.adminToken().reveal()));
      assertThat(revoked.status()).isEqualTo(200);
      long mark = fake.journal().mark();

      // when
      FleetResult health = fleet.verify();

      // then the broken target is unhealthy with its report, the others healthy, and nothing was written
      assertThat(health.target(broken).status()).isEqualTo(FleetTargetResult.Status.UNHEALTHY);
      assertThat(health.target(broken).health().orElseThrow().item(Steps.OBO_TOKEN).orElseThrow().status()).isEqualTo(HealthStatus.MISSING);
      assertThat(health.count(FleetTargetResult.Status.CONVERGED)).isEqualTo(2);
      assertThat(health.unconverged()).containsExactly(broken);
      assertThat(health.targets()).allSatisfy(t -> assertThat(t.requestCount()).isPositive());
      assertThat(health.targets().stream().mapToLong(FleetTargetResult::requestCount).sum()).isEqualTo(health.requestCount());
      assertThat(health.summaryTable()).contains(broken + " | UNHEALTHY").contains(Steps.OBO_TOKEN + " MISSING").contains("1 unhealthy");
      assertThat(fake.journal().since(mark)).isNotEmpty().allSatisfy(e -> assertThat(e.write()).isFalse());

      // and resuming the health check applies that target only, after which all are healthy
      FleetResult repaired = fleet.resume(health);
      assertThat(repaired.targets()).extracting(FleetTargetResult::id).containsExactly(broken);
      assertThat(repaired.target(broken).status()).isEqualTo(FleetTargetResult.Status.CHANGED);
      assertThat(fleet.verify().count(FleetTargetResult.Status.CONVERGED)).isEqualTo(3);
    }
  }

  @Test
  void offboardingRemovesEveryTargetsServicePrincipalAndASecondOffboardingWritesNothing() {
    // given three onboarded workspaces
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 3, "cas_demo_east1");
    try (FleetOnboarding fleet = fleet(fake, workspaces, "").build()) {
      fleet.apply();

      // when
      FleetResult planned = fleet.planOffboarding();
      FleetResult offboarded = fleet.offboard();
      FleetResult again = fleet.offboard();

      // then the plan wrote nothing, the offboarding removed every principal, and the second found nothing left
      assertThat(planned.count(FleetTargetResult.Status.WOULD_CHANGE)).isEqualTo(3);
      assertThat(planned.targets()).allSatisfy(t -> assertThat(t.writeCount()).isZero());
      assertThat(offboarded.count(FleetTargetResult.Status.CHANGED)).isEqualTo(3);
      for (FakeWorkspace ws : workspaces) {
        assertThat(fake.account().servicePrincipalsNamed("TD-CAS-" + ws.id())).isEmpty();
      }
      assertThat(again.count(FleetTargetResult.Status.CONVERGED)).isEqualTo(3);
      assertThat(again.targets()).allSatisfy(t -> assertThat(t.writeCount()).isZero());
      // and resuming an offboarding offboards: nothing is onboarded again
      assertThat(fleet.resume(planned).count(FleetTargetResult.Status.CONVERGED)).isEqualTo(3);
      assertThat(fake.account().servicePrincipals()).noneMatch(sp -> sp.displayName().startsWith("TD-CAS-"));
    }
  }

  @Test
  void pacingAtTheAccountBudgetSeesNoLimitAnswerOrNearlyNone() {
    // given an account allowing 2 SCIM creates per second, answering 429 without Retry-After beyond
    FakeDatabricks fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withRateLimitRetryAfter(false)).build();
    fake.rateLimits().add(RateLimitRule.of("POST", "/api/2.0/accounts/*/scim/v2/ServicePrincipals", 2, Duration.ofSeconds(1)));
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 8, "cas_demo_east1");
    try (FleetOnboarding fleet = fleet(fake, workspaces, "").pacing(FleetPacing.defaults().withAccountScimWritesPerSecond(2)).build()) {
      // when
      FleetResult result = fleet.apply();
      // then
      assertThat(result.count(FleetTargetResult.Status.CHANGED)).isEqualTo(8);
      // Every sleeping thread advances this virtual clock by its whole sleep, so concurrent sleeps add
      // up and a request can reach the fake later than its slot: a send or two may bunch (0 or 1 in
      // 40 warm repetitions, up to 2 in a cold JVM). On a real clock, 1,000 creates saw none.
      assertThat(result.limitAnswers()).isLessThanOrEqualTo(2);
      assertThat(result.limitAnswersReturned()).isZero();
    }
  }

  @Test
  void pacingThatIsTooGenerousSlowsDownOnLimitAnswersAndEveryTargetConverges() {
    // given the same budget, but pacing that allows 50 creates per second
    FakeDatabricks fake = FakeDatabricks.builder().behaviours(Behaviours.defaults().withRateLimitRetryAfter(false)).build();
    fake.rateLimits().add(RateLimitRule.of("POST", "/api/2.0/accounts/*/scim/v2/ServicePrincipals", 2, Duration.ofSeconds(1)));
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 12, "cas_demo_east1");
    try (FleetOnboarding fleet = fleet(fake, workspaces, "").pacing(FleetPacing.defaults().withAccountScimWritesPerSecond(50)).build()) {
      // when
      FleetResult result = fleet.apply();
      // then every target converged, the refusals were absorbed by the pacing and no run saw one
      assertThat(result.count(FleetTargetResult.Status.CHANGED)).isEqualTo(12);
      assertThat(result.limitAnswers()).isPositive().isLessThan(12);
      assertThat(result.limitAnswersReturned()).isZero();
      List<String> names = new ArrayList<>();
      fake.account().servicePrincipals().forEach(sp -> names.add(sp.displayName()));
      assertThat(names).doesNotHaveDuplicates();
    }
  }

  @Test
  void aReRunHasEveryReadOfEveryConcurrentTargetInFlightAtOnce() {
    // given 16 onboarded workspaces run 16 at a time, through a transport that can hold requests
    FakeDatabricks fake = FakeDatabricks.create();
    List<FakeWorkspace> workspaces = fake.addWorkspaces(FIRST, 16, "cas_demo_east1");
    HoldingTransport holding = new HoldingTransport(fake.transport());
    FleetOnboardingBuilder builder = FleetOnboarding.builder().concurrency(16).template(CasOnboarding.builder()
        .account(accountAdmin(fake)).token(Duration.ofDays(1)).transport(holding));
    for (FakeWorkspace ws : workspaces) {
      builder.target("ws-" + ws.id(), b -> b.workspace(DatabricksTarget.pat(ws.host().toString(), fake.adminToken()))
          .workspaceId(ws.id()).servicePrincipal("TD-CAS-" + ws.id()).grant(CatalogGrant.dataReader("cas_demo_east1")));
    }
    try (FleetOnboarding fleet = builder.build()) {
      fleet.apply();
      long reads = fleet.apply().requestCount();

      // when every request of the next re-run waits until all of them are in flight
      holding.holdUntil((int) reads);
      FleetResult again = fleet.apply();

      // then: far more requests than one onboarding's 64 step threads were in flight together
      assertThat(reads).isGreaterThan(64);
      assertThat(again.count(FleetTargetResult.Status.CONVERGED)).isEqualTo(16);
      assertThat(holding.gaveUpWaiting()).as("requests that were not in flight with the others").isZero();
    }
  }

  /** Holds each request until {@code n} are in flight (or 5 s pass, which it counts). */
  private static final class HoldingTransport implements com.treasuredata.cas.databricks.transport.Transport {
    private final com.treasuredata.cas.databricks.transport.Transport delegate;
    private volatile java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger gaveUp = new java.util.concurrent.atomic.AtomicInteger();

    HoldingTransport(com.treasuredata.cas.databricks.transport.Transport delegate) {
      this.delegate = delegate;
    }

    void holdUntil(int n) {
      latch = new java.util.concurrent.CountDownLatch(n);
    }

    int gaveUpWaiting() {
      return gaveUp.get();
    }

    @Override
    public com.treasuredata.cas.databricks.transport.TransportResponse execute(
        com.treasuredata.cas.databricks.transport.TransportRequest request) throws java.io.IOException {
      java.util.concurrent.CountDownLatch l = latch;
      l.countDown();
      try {
        if (!l.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
          gaveUp.incrementAndGet();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.IOException("interrupted while held", e);
      }
      return delegate.execute(request);
    }
  }
}
