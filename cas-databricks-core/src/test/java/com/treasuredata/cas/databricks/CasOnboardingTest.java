package com.treasuredata.cas.databricks;

import static com.treasuredata.cas.databricks.testing.Onboardings.CATALOG;
import static com.treasuredata.cas.databricks.testing.Onboardings.SP_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport.Call;
import com.treasuredata.cas.databricks.testing.Onboardings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CasOnboardingTest {

  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();

  @Test
  void freshApplyWithAccountDoesEverythingInAtMostElevenRequests() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();

    // when
    OnboardingResult result = onboarding.apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    // the token re-list is the verification's read; runs of this JVM settle the name without a second lookup
    assertThat(result.requestCount()).isLessThanOrEqualTo(11).isEqualTo(fake.journal().size());
    assertThat(result.writeCount()).isEqualTo(fake.writes().size()).isEqualTo(6);
    FakeWorkspaceTransport.Sp sp = fake.servicePrincipals().get(0);
    assertThat(result.applicationId()).isEqualTo(sp.applicationId());
    assertThat(result.servicePrincipalId()).isEqualTo(sp.id());
    assertThat(result.displayName()).isEqualTo(SP_NAME);
    assertThat(result.token()).isPresent();
    assertThat(result.tokenDetails()).get().satisfies(t -> assertThat(t.minted()).isTrue());
    assertThat(result.ipAccessListId()).isPresent();
    assertThat(result.grants()).extracting(CatalogGrant::catalog).containsExactly(CATALOG);
    assertThat(fake.assignment(sp.id())).containsExactly("USER");
    assertThat(fake.privileges(CATALOG, sp.applicationId())).containsExactlyInAnyOrder("USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT");
    assertThat(fake.unknownRoutes()).isEmpty();
  }

  @Test
  void freshApplyRunsTheDependentChainInOrderAfterOnePreflightStage() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();

    // when
    onboarding.apply();

    // then
    List<String> lines = fake.journal().stream().map(Call::line).toList();
    int firstWrite = 0;
    while (lines.get(firstWrite).startsWith("GET ")) {
      firstWrite++;
    }
    assertThat(lines.subList(0, firstWrite))
        .hasSize(4)
        .anySatisfy(l -> assertThat(l).startsWith("GET /api/2.0/accounts/" + FakeWorkspaceTransport.ACCOUNT_ID + "/scim/v2/ServicePrincipals"))
        .contains("GET /api/2.0/workspace-conf", "GET /api/2.1/unity-catalog/catalogs/" + CATALOG, "GET /api/2.0/ip-access-lists");
    int create = indexOf(lines, "POST /api/2.0/accounts/");
    int assign = indexOf(lines, "PUT /api/2.0/accounts/");
    int usage = indexOf(lines, "PATCH /api/2.0/permissions/authorization/tokens");
    int obo = indexOf(lines, "POST /api/2.0/token-management/on-behalf-of/tokens");
    int verify = indexOf(lines, "GET /api/2.0/token/list");
    assertThat(List.of(create, assign, usage, obo, verify)).isSorted().doesNotHaveDuplicates();
    assertThat(lines).doesNotContain("GET /api/2.0/permissions/authorization/tokens");
    // tokens are listed once, after the mint, by the new token itself: it verifies the token and detects a concurrent run's token
    assertThat(lines).doesNotContain("GET /api/2.0/token-management/tokens", "GET /api/2.0/preview/scim/v2/Me");
    assertThat(verify).isEqualTo(lines.lastIndexOf("GET /api/2.0/token/list"));
  }

  @Test
  void secondApplyOnAnOnboardedWorkspaceSendsAtMostEightGetsAndNoWrite() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();
    onboarding.apply();
    int before = fake.journal().size();

    // when
    OnboardingResult again = onboarding.apply();

    // then
    List<Call> rerun = fake.journal().subList(before, fake.journal().size());
    assertThat(again.writeCount()).isZero();
    assertThat(again.requestCount()).isEqualTo(rerun.size()).isLessThanOrEqualTo(8);
    assertThat(rerun).allSatisfy(c -> assertThat(c.method()).isEqualTo("GET"));
    assertThat(again.steps()).noneMatch(StepResult::isChange);
    assertThat(again.token()).isEmpty();
    assertThat(again.isSecretUnavailable()).isTrue();
    assertThat(again.step(Steps.VERIFY_TOKEN)).get().isInstanceOf(StepResult.Skipped.class);
    assertThat(fake.servicePrincipals()).hasSize(1);
    assertThat(fake.tokens()).hasSize(1);
  }

  @Test
  void workspaceOnlyOnboardingUsesWorkspaceScimAndConvergesWithoutWritesOnRerun() {
    // given
    CasOnboarding onboarding = Onboardings.workspaceOnly(fake).build();

    // when
    OnboardingResult first = onboarding.apply();
    int before = fake.journal().size();
    OnboardingResult second = onboarding.apply();

    // then
    assertThat(first.requestCount()).isLessThanOrEqualTo(11);
    assertThat(fake.journal().subList(0, before))
        .anySatisfy(c -> assertThat(c.line()).isEqualTo("POST /api/2.0/preview/scim/v2/ServicePrincipals"))
        .noneSatisfy(c -> assertThat(c.host()).isEqualTo(FakeWorkspaceTransport.ACCOUNT_HOST.getHost()));
    assertThat(second.writeCount()).isZero();
    assertThat(second.requestCount()).isLessThanOrEqualTo(8);
  }

  @Test
  void planSendsOnlyGetsAndSaysWhatApplyWouldDo() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();

    // when
    OnboardingPlan plan = onboarding.plan();

    // then
    assertThat(fake.writes()).isEmpty();
    assertThat(plan.requestCount()).isEqualTo(fake.journal().size());
    assertThat(plan.hasChanges()).isTrue();
    assertThat(plan.servicePrincipal()).isEmpty();
    assertThat(plan.step(Steps.SERVICE_PRINCIPAL)).get().extracting(PlannedStep::action).isEqualTo(PlannedAction.CREATE);
    assertThat(plan.step(Steps.OBO_TOKEN)).get().extracting(PlannedStep::action).isEqualTo(PlannedAction.CREATE);
    assertThat(plan.step(Steps.IP_ACCESS_LIST)).get().extracting(PlannedStep::action).isEqualTo(PlannedAction.CREATE);
    assertThat(plan.toString()).contains(Steps.CATALOG_GRANT_PREFIX + CATALOG);
  }

  @Test
  void planAfterApplyHasNoChangesAndStillSendsNoWrite() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();
    onboarding.apply();
    int writes = fake.writes().size();

    // when
    OnboardingPlan plan = onboarding.plan();

    // then
    assertThat(plan.hasChanges()).isFalse();
    assertThat(fake.writes()).hasSize(writes);
    assertThat(plan.servicePrincipal()).isPresent();
  }

  @Test
  void missingCatalogStopsTheRunBeforeAnyWrite() {
    // given
    FakeWorkspaceTransport noCatalog = new FakeWorkspaceTransport().ipList("corp", "ALLOW", true, "10.0.0.0/8");
    CasOnboarding onboarding = Onboardings.full(noCatalog).build();

    // when / then
    assertThatThrownBy(onboarding::apply)
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessage("onboarding stopped before any write: catalog '" + CATALOG + "' does not exist in this workspace's"
            + " metastore; create it, or fix the name in the grant. Fix the cause and run again.");
    assertThat(noCatalog.writes()).isEmpty();
  }

  @Test
  void severalServicePrincipalsWithTheNameAreAnErrorListingTheirIds() {
    // given
    FakeWorkspaceTransport.Sp a = fake.addServicePrincipal(SP_NAME, true);
    FakeWorkspaceTransport.Sp b = fake.addServicePrincipal(SP_NAME, false);

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("2 service principals")
        .hasMessageContaining(a.id()).hasMessageContaining(a.applicationId())
        .hasMessageContaining(b.id()).hasMessageContaining(b.applicationId())
        .hasMessageContaining("adoptServicePrincipal");
    assertThat(fake.writes()).isEmpty();
  }

  @Test
  void exactlyOneServicePrincipalWithTheNameIsReused() {
    // given
    FakeWorkspaceTransport.Sp existing = fake.addServicePrincipal(SP_NAME, false);

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(fake.servicePrincipals()).containsExactly(existing);
    assertThat(result.applicationId()).isEqualTo(existing.applicationId());
    assertThat(result.step(Steps.SERVICE_PRINCIPAL)).get().satisfies(s -> assertThat(s.isChange()).isFalse());
    assertThat(result.step(Steps.WORKSPACE_MEMBERSHIP)).get().satisfies(s -> assertThat(s.isChange()).isTrue());
  }

  @Test
  void adoptedServicePrincipalIsLookedUpByApplicationIdAndNeverCreated() {
    // given
    FakeWorkspaceTransport.Sp existing = fake.addServicePrincipal("Some other name", true);
    CasOnboarding onboarding = Onboardings.base(fake).account(Onboardings.account()).adoptServicePrincipal(existing.applicationId()).build();

    // when
    OnboardingResult result = onboarding.apply();

    // then
    assertThat(result.applicationId()).isEqualTo(existing.applicationId());
    assertThat(fake.servicePrincipals()).hasSize(1);
    assertThat(fake.journal().get(0).query()).isNotNull();
    assertThat(fake.journal()).anySatisfy(c -> assertThat(c.query().get("filter")).isEqualTo("applicationId eq \"" + existing.applicationId() + "\""));
  }

  @Test
  void adoptingAnUnknownApplicationIdFailsBeforeAnyWrite() {
    // given
    CasOnboarding onboarding = Onboardings.base(fake).account(Onboardings.account()).adoptServicePrincipal("11111111-2222-3333-4444-555555555555").build();

    // when / then
    assertThatThrownBy(onboarding::apply).hasMessageContaining("no service principal with applicationId 11111111-2222-3333-4444-555555555555");
    assertThat(fake.writes()).isEmpty();
  }

  @Test
  void tokenLifetimeAboveTheWorkspaceMaximumFailsBeforeAnyWrite() {
    // given
    fake.conf("maxTokenLifetimeDays", "7");
    CasOnboarding onboarding = Onboardings.full(fake).token(Duration.ofDays(30)).build();

    // when / then
    assertThatThrownBy(onboarding::apply)
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("30 days")
        .hasMessageContaining("maxTokenLifetimeDays=7");
    assertThat(fake.writes()).isEmpty();
  }

  @Test
  void tokenLifetimeWithinTheWorkspaceMaximumIsSentExplicitly() {
    // given
    fake.conf("maxTokenLifetimeDays", "7");
    CasOnboarding onboarding = Onboardings.full(fake).token(Duration.ofDays(7)).build();

    // when
    onboarding.apply();

    // then
    assertThat(fake.writes())
        .filteredOn(c -> c.path().equals("/api/2.0/token-management/on-behalf-of/tokens"))
        .singleElement()
        .satisfies(c -> assertThat(c.body().path("lifetime_seconds").asLong()).isEqualTo(7 * 86400L));
  }

  @Test
  void alwaysNewTokenMintsEvenWhenAValidTokenOfOursExists() {
    // given
    Onboardings.full(fake).build().apply();

    // when
    OnboardingResult again = Onboardings.full(fake).alwaysNewToken().build().apply();

    // then
    assertThat(again.token()).isPresent();
    assertThat(again.writeCount()).isEqualTo(1);
    assertThat(again.step(Steps.VERIFY_TOKEN)).get().isInstanceOf(StepResult.Completed.class);
    assertThat(fake.tokens()).hasSize(2);
  }

  @Test
  void tokenOfOursWithTooLittleLifetimeLeftIsReplacedByANewOne() {
    // given
    FakeWorkspaceTransport.Sp sp = fake.addServicePrincipal(SP_NAME, true);
    fake.canUse("service_principal_name", sp.applicationId());
    fake.token(sp.applicationId(), "cas-databricks " + sp.applicationId() + " 0000beef", fake.now() + Duration.ofHours(2).toMillis());

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.token()).isPresent();
    assertThat(fake.tokens()).hasSize(2);
  }

  @Test
  void nonExpiringTokenOfOursIsNotReusedBecauseItOutlastsTheRequestedLifetime() {
    // given
    FakeWorkspaceTransport.Sp sp = fake.addServicePrincipal(SP_NAME, true);
    fake.canUse("service_principal_name", sp.applicationId());
    String id = fake.token(sp.applicationId(), "cas-databricks " + sp.applicationId() + " 0000beef", -1);

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.token()).isPresent();
    assertThat(result.tokenDetails()).get().satisfies(t -> {
      assertThat(t.id()).isNotEqualTo(id);
      assertThat(t.minted()).isTrue();
    });
    assertThat(result.isSecretUnavailable()).isFalse();
  }

  @Test
  void verifyFailsWhenTheNewTokenAuthenticatesAsSomeoneElse() {
    // given
    fake.meAnswers("someone@example.com");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          assertThat(e.partialResult().step(Steps.VERIFY_TOKEN)).get().isInstanceOf(StepResult.Failed.class);
          // the new token's own list does not hold it, so SCIM Me is asked and names someone else
          assertThat(e.getMessage()).contains("authenticates as 'someone@example.com'", "not as the service principal");
          assertThat(fake.journal()).extracting(Call::line).contains("GET /api/2.0/token/list", "GET /api/2.0/preview/scim/v2/Me");
        });
  }

  @Test
  void failedStepSkipsItsDependentsButNotIndependentStepsAndSaysHowToResume() {
    // given
    fake.fault("PATCH /api/2.0/permissions/authorization/tokens", "500");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          OnboardingResult partial = e.partialResult();
          assertThat(partial.step(Steps.TOKEN_USAGE)).get().isInstanceOf(StepResult.Failed.class);
          assertThat(partial.step(Steps.OBO_TOKEN)).get().isInstanceOf(StepResult.Skipped.class);
          assertThat(partial.step(Steps.CATALOG_GRANT_PREFIX + CATALOG)).get().satisfies(s -> assertThat(s.isChange()).isTrue());
          assertThat(partial.step(Steps.IP_ACCESS_LIST)).get().satisfies(s -> assertThat(s.isChange()).isTrue());
          assertThat(e.getMessage())
              .contains("Applied: ", "service-principal created", "Not run: obo-token, verify-token", "Re-running the same onboarding is safe");
          assertThat(e.getCause()).isInstanceOf(CasApiException.class);
        });
  }

  @Test
  void rerunAfterAFailureResumesAndConverges() {
    // given
    fake.fault("PATCH /api/2.0/permissions/authorization/tokens", "500");
    CasOnboarding onboarding = Onboardings.full(fake).build();
    assertThatThrownBy(onboarding::apply).isInstanceOf(OnboardingFailedException.class);

    // when
    OnboardingResult result = onboarding.apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.token()).isPresent();
    assertThat(fake.servicePrincipals()).hasSize(1);
  }

  @Test
  void listenerSeesEveryStepPlannedStartedAndFinished() {
    // given
    List<String> events = new CopyOnWriteArrayList<>();
    OnboardingListener listener = new OnboardingListener() {
      @Override public void stepPlanned(String runId, PlannedStep plan) { events.add(runId + " planned " + plan.step()); }
      @Override public void stepStarted(String runId, String step) { events.add(runId + " started " + step); }
      @Override public void stepFinished(String runId, StepResult result) { events.add(runId + " finished " + result.step()); }
    };

    // when
    OnboardingResult result = Onboardings.full(fake).listener(listener).build().apply();

    // then: every step is planned and finished; the steps with something to do also start
    String run = result.runId();
    for (StepResult s : result.steps()) {
      assertThat(events).contains(run + " planned " + s.step(), run + " finished " + s.step());
      assertThat(s.runId()).isEqualTo(run);
    }
    assertThat(events).contains(run + " started " + Steps.SERVICE_PRINCIPAL, run + " started " + Steps.VERIFY_TOKEN);
  }

  @Test
  void customStepRunsAfterMembershipAndCannotWriteWhilePlanning() {
    // given
    List<String> seen = new ArrayList<>();
    OnboardingStep<String> custom = new OnboardingStep<>() {
      @Override public String name() { return "warehouse-access"; }
      @Override public StepPlan<String> plan(StepContext ctx) {
        try {
          ctx.workspace().send(Write.patch("/api/2.0/permissions/warehouses/abc", Json.object()).idempotent());
        } catch (IllegalStateException expected) {
          seen.add("refused: " + expected.getMessage());
        }
        return StepPlan.update("grant CAN_USE", "abc");
      }
      @Override public StepOutcome apply(StepContext ctx, String warehouseId) {
        seen.add("apply as " + ctx.require(RunKey.SERVICE_PRINCIPAL).applicationId() + " on " + warehouseId);
        return StepOutcome.updated("done");
      }
    };

    // when
    OnboardingResult result = Onboardings.full(fake).addStep(custom).build().apply();

    // then
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).contains("while planning");
    assertThat(seen.get(1)).isEqualTo("apply as " + result.applicationId() + " on abc");
    assertThat(fake.writes()).noneSatisfy(c -> assertThat(c.path()).contains("warehouses"));
  }

  @Test
  void oneOnboardingCanRunManyTimesAndReportsEachRunsOwnCounts() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();

    // when
    OnboardingPlan plan = onboarding.plan();
    OnboardingResult result = onboarding.apply();

    // then
    assertThat(result.requestCount()).isEqualTo(fake.journal().size() - plan.requestCount());
    assertThat(onboarding.steps()).extracting(OnboardingStep::name)
        .containsExactly(Steps.SERVICE_PRINCIPAL, Steps.WORKSPACE_MEMBERSHIP, Steps.TOKEN_USAGE, Steps.OBO_TOKEN, Steps.VERIFY_TOKEN,
            Steps.CATALOG_GRANT_PREFIX + CATALOG, Steps.IP_ACCESS_LIST);
    assertThat(Set.copyOf(onboarding.toBuilder().build().steps().stream().map(OnboardingStep::name).toList())).hasSize(7);
  }

  @Test
  void aCallerSuppliedExecutorRunsTheStepsEvenWithOneThread() {
    // given
    java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      // when
      OnboardingResult result = Onboardings.full(fake).executor(one).build().apply();

      // then
      assertThat(result.isSuccess()).isTrue();
      assertThat(one.isShutdown()).as("the caller's executor is never shut down by the library").isFalse();
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void aDirectExecutorRunsEverythingOnTheCallersThread() {
    // given
    Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    OnboardingListener listener = new OnboardingListener() {
      @Override public void stepFinished(String runId, StepResult result) { threads.add(Thread.currentThread().getName()); }
    };

    // when
    OnboardingResult result = Onboardings.full(fake).executor(Runnable::run).listener(listener).build().apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void theDefaultPoolUsesItsOwnNamedThreadsNotTheCommonPool() {
    // given
    Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    OnboardingListener listener = new OnboardingListener() {
      @Override public void stepStarted(String runId, String step) { threads.add(Thread.currentThread().getName()); }
    };

    // when
    Onboardings.full(fake).listener(listener).build().apply();

    // then
    assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("cas-onboarding-"));
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no request starting with " + prefix + " in " + lines);
  }
}
