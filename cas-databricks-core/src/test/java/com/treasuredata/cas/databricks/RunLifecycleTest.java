package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.internal.engine.RunThreads;
import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.GatedTransport;
import com.treasuredata.cas.databricks.testing.Onboardings;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * A run's lifecycle as an embedding service sees it: cancelling and interrupting stop it at the
 * next request boundary, every log line carries the run id, and errors are classified once.
 * Steps run on one worker thread here, so that "what started after the cancel" is exact.
 */
class RunLifecycleTest {

  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();
  private final ExecutorService oneWorker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopWorker() throws InterruptedException {
    oneWorker.shutdownNow();
    oneWorker.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void interruptingApplyStopsTheRunAtTheNextRequestAndKeepsTheInterruptFlag() throws Exception {
    // given: the service principal create is held in flight
    GatedTransport gate = new GatedTransport(fake, r -> "POST".equals(r.method()) && r.uri().getPath().endsWith("/ServicePrincipals"));
    CasOnboarding onboarding = Onboardings.full(fake).transport(gate).executor(oneWorker).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        onboarding.apply();
      } catch (Throwable t) {
        thrown.set(t);
        flagKept.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    gate.awaitInFlight();
    int startedBeforeCancel = gate.started().size();

    // when
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(30));

    // then: apply() returned while the request was still in flight, saying what happened
    assertThat(caller.isAlive()).isFalse();
    assertThat(gate.isHolding()).as("apply() returned before the in-flight request was answered").isTrue();
    assertThat(thrown.get()).isInstanceOf(OnboardingCancelledException.class).hasMessageContaining("cancelled").hasMessageContaining("Applied:");
    assertThat(flagKept).isTrue();
    OnboardingResult partial = ((OnboardingCancelledException) thrown.get()).partialResult();
    assertThat(partial.step(Steps.SERVICE_PRINCIPAL)).get().isInstanceOfSatisfying(
        StepResult.Skipped.class, s -> assertThat(s.cause()).isEqualTo(SkipCause.CANCELLED));

    // and: once the held request is answered, nothing else is sent
    gate.releaseAndAwaitAnswer();
    oneWorker.shutdown();
    assertThat(oneWorker.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.started()).hasSize(startedBeforeCancel);
  }

  @Test
  void cancellingApplyAsyncStopsTheRunAtTheNextRequestAndReportsWhatWasApplied() throws Exception {
    // given
    GatedTransport gate = new GatedTransport(fake, r -> "PATCH".equals(r.method()) && r.uri().getPath().endsWith("/authorization/tokens"));
    AtomicReference<OnboardingResult> finished = new AtomicReference<>();
    OnboardingListener listener = new OnboardingListener() {
      @Override public void runFinished(String runId, OnboardingResult result) { finished.set(result); }
    };
    CasOnboarding onboarding = Onboardings.full(fake).transport(gate).executor(oneWorker).listener(listener).build();
    CompletableFuture<OnboardingResult> future = onboarding.applyAsync();
    gate.awaitInFlight();
    int startedBeforeCancel = gate.started().size();

    // when
    boolean cancelled = future.cancel(true);

    // then: the future is cancelled at once, while the request is still in flight
    assertThat(cancelled).isTrue();
    assertThat(gate.isHolding()).isTrue();
    assertThatThrownBy(future::get).isInstanceOf(CancellationException.class);

    // and: the listener hears what was applied, and nothing else was sent
    gate.releaseAndAwaitAnswer();
    awaitNotNull(finished);
    assertThat(gate.started()).hasSize(startedBeforeCancel);
    assertThat(finished.get().step(Steps.SERVICE_PRINCIPAL)).get().satisfies(s -> assertThat(s.isChange()).isTrue());
    assertThat(finished.get().step(Steps.OBO_TOKEN)).get().isInstanceOfSatisfying(
        StepResult.Skipped.class, s -> assertThat(s.cause()).isEqualTo(SkipCause.CANCELLED));
  }

  @Test
  void everyLogLineOfARunCarriesItsRunIdAndWorkspaceOnEveryThread() {
    // given
    CapturedLogs.requireActive();
    CapturedLogs.clear();

    // when: steps run on pool threads (the default executor)
    OnboardingResult result;
    try (CasOnboarding onboarding = Onboardings.full(fake).build()) {
      result = onboarding.apply();
    }

    // then
    List<CapturedLogs.Event> ours = CapturedLogs.all().stream().filter(e -> e.logger().startsWith("com.treasuredata.cas.databricks")).toList();
    assertThat(ours).hasSizeGreaterThan(10);
    assertThat(ours).extracting(CapturedLogs.Event::thread).anyMatch(t -> t.startsWith("cas-onboarding-"));
    assertThat(ours).allSatisfy(e -> {
      assertThat(e.mdc()).as("MDC of '%s' on %s", e.message(), e.thread()).containsEntry(RunThreads.MDC_RUN_ID, result.runId());
      assertThat(e.mdc()).containsEntry(RunThreads.MDC_WORKSPACE, FakeWorkspaceTransport.WORKSPACE_HOST.toString());
    });
    assertThat(CapturedLogs.at(Level.DEBUG)).isNotEmpty();
  }

  @Test
  void theCallersMdcIsKeptAndRestoredAroundARun() {
    // given
    org.slf4j.MDC.put("tenant", "acme");
    try {
      // when
      Onboardings.full(fake).executor(Runnable::run).build().apply();

      // then
      assertThat(org.slf4j.MDC.get("tenant")).isEqualTo("acme");
      assertThat(org.slf4j.MDC.get(RunThreads.MDC_RUN_ID)).isNull();
    } finally {
      org.slf4j.MDC.remove("tenant");
    }
  }

  @Test
  void aNotFoundWhoseMessageNamesAPrincipalIsNotRetriedAsPropagation() {
    // given: the token usage PATCH answers a real "no such principal" right after the create
    fake.fault("PATCH /api/2.0/permissions/authorization/tokens", "not_found");
    CasOnboarding onboarding = Onboardings.full(fake).build();

    // when / then
    assertThatThrownBy(onboarding::apply).isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
      assertThat(e.getCause()).isInstanceOfSatisfying(CasApiException.class, api -> {
        assertThat(api.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(api.getMessage()).contains("Principal 42 does not exist");
      });
    });
    assertThat(fake.journal()).filteredOn(c -> c.method().equals("PATCH") && c.path().endsWith("/authorization/tokens")).hasSize(1);
  }

  @Test
  void aStalePlanIsRefusedBeforeAnyWrite() {
    // given: a reviewed plan, then someone else creates the service principal
    CasOnboarding onboarding = Onboardings.full(fake).build();
    OnboardingPlan reviewed = onboarding.plan();
    fake.addServicePrincipal(Onboardings.SP_NAME, true);
    int before = fake.writes().size();

    // when / then
    assertThatThrownBy(() -> onboarding.apply(reviewed))
        .isInstanceOfSatisfying(StalePlanException.class, e -> assertThat(e.changedSteps()).contains(Steps.SERVICE_PRINCIPAL))
        .hasMessageContaining("stale")
        .hasMessageContaining("nothing was written");
    assertThat(fake.writes()).hasSize(before);
  }

  @Test
  void aReviewedPlanThatStillHoldsIsAppliedExactly() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();
    OnboardingPlan reviewed = onboarding.plan();

    // when
    OnboardingResult result = onboarding.apply(reviewed);

    // then
    assertThat(result.isSuccess()).isTrue();
    for (PlannedStep planned : reviewed.steps()) {
      assertThat(result.step(planned.step())).get().satisfies(r -> assertThat(r.isChange()).isEqualTo(planned.isChange()));
    }
  }

  @Test
  void aPlanMadeByAnotherOnboardingIsRefused() {
    // given
    OnboardingPlan foreign = Onboardings.full(fake).build().plan();
    CasOnboarding onboarding = Onboardings.full(fake).build();

    // when / then
    assertThatThrownBy(() -> onboarding.apply(foreign)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another CasOnboarding");
  }

  @Test
  void aClosedOnboardingSaysSoInsteadOfStartingThreads() {
    // given
    CasOnboarding onboarding = Onboardings.full(fake).build();
    onboarding.close();

    // when / then
    assertThatThrownBy(onboarding::plan).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private static void awaitNotNull(AtomicReference<?> ref) throws InterruptedException {
    for (int i = 0; i < 3000 && ref.get() == null; i++) {
      Thread.sleep(10); // waits for a background thread to finish; no timing is asserted
    }
    assertThat(ref.get()).as("listener's runFinished").isNotNull();
  }
}
