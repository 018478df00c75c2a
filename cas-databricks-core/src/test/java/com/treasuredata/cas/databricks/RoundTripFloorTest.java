package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport.Call;
import com.treasuredata.cas.databricks.testing.Onboardings;
import com.treasuredata.cas.databricks.testing.StageTransport;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A run sends what can go together in one stage: counted with a transport that holds requests
 * until all of a stage are in flight, never with a clock.
 */
class RoundTripFloorTest {

  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();
  private final StageTransport stages = new StageTransport(fake);

  @Test
  void aRerunOfAnOnboardedWorkspaceSendsEveryReadInOneConcurrentStageAndNoWrite() {
    // given: an onboarding that onboarded the workspace and re-ran once (with the workspace id given,
    // the account's assignment list needs no workspace response first)
    CasOnboarding onboarding = Onboardings.full(fake).workspaceId(FakeWorkspaceTransport.WORKSPACE_ID).transport(stages).build();
    int reads = requestsOfItsSecondRun(onboarding);

    // when: it runs again, every request held until all of the run's requests are in flight
    stages.hold(r -> true, reads);
    int start = fake.journal().size();
    OnboardingResult again = onboarding.apply();

    // then
    List<Call> rerun = fake.journal().subList(start, fake.journal().size());
    assertThat(again.isSuccess()).isTrue();
    assertThat(again.writeCount()).isZero();
    assertThat(rerun).hasSize(reads).allSatisfy(c -> assertThat(c.method()).isEqualTo("GET"));
    assertThat(stages.gaveUpWaiting()).as("requests that were not in flight together with the others").isEmpty();
    assertThat(stages.startedAfterAnAnswer()).as("requests of a second stage").isEmpty();
  }

  @Test
  void aNewOnboardingHintedThatTheWorkspaceIsOnboardedReadsEverythingInOneStageOnItsFirstRun() {
    // given: a workspace onboarded by another onboarding (another process, say), and the number of
    // requests a re-run of that one sends
    int reads = requestsOfItsSecondRun(Onboardings.full(fake).workspaceId(FakeWorkspaceTransport.WORKSPACE_ID).build());

    // when: a new onboarding with the hint runs, every request held until all of them are in flight
    stages.hold(r -> true, reads);
    int start = fake.journal().size();
    OnboardingResult again = Onboardings.full(fake).workspaceId(FakeWorkspaceTransport.WORKSPACE_ID).expectOnboarded()
        .transport(stages).build().apply();

    // then
    assertThat(again.isSuccess()).isTrue();
    assertThat(again.writeCount()).isZero();
    assertThat(fake.journal().subList(start, fake.journal().size())).hasSize(reads);
    assertThat(stages.gaveUpWaiting()).as("requests that were not in flight together with the others").isEmpty();
    assertThat(stages.startedAfterAnAnswer()).as("requests of a second stage").isEmpty();
  }

  @Test
  void aWrongHintOnAFreshWorkspaceCostsOnlyTheUnusedReads() {
    // given
    FakeWorkspaceTransport other = Onboardings.fakeWorkspace();
    int plain = Onboardings.full(other).build().apply().requestCount();

    // when
    OnboardingResult hinted = Onboardings.full(fake).expectOnboarded().build().apply();

    // then: the same onboarding, with at most four more reads
    assertThat(hinted.isSuccess()).isTrue();
    assertThat(hinted.writeCount()).isEqualTo(fake.journal().stream().filter(c -> !c.method().equals("GET")).count());
    assertThat(hinted.requestCount()).isGreaterThan(plain).isLessThanOrEqualTo(plain + 4);
  }

  @Test
  void aFreshRunSendsElevenRequestsWithTheServicePrincipalLookedUpOnceAndTheTokensListedOnce() {
    // when: account mode, IP access lists on, a token and a grant
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.requestCount()).isEqualTo(fake.journal().size()).isLessThanOrEqualTo(11);
    assertThat(fake.journal()).filteredOn(c -> c.method().equals("GET") && c.path().endsWith("/ServicePrincipals")).hasSize(1);
    assertThat(fake.journal()).filteredOn(c -> c.method().equals("GET") && c.path().contains("/token")).extracting(Call::line)
        .containsExactly("GET /api/2.0/token/list");
  }

  @Test
  void guardedAgainstOtherProcessesTheSecondLookupGoesOutTogetherWithTheAssignment() {
    // given: after the create, the second lookup and the assignment are held until both are in flight
    AtomicBoolean created = new AtomicBoolean();
    stages.hold(r -> {
      if (isCreate(r)) {
        created.set(true);
        return false;
      }
      return created.get() && (isServicePrincipalList(r) || r.method().equals("PUT") && r.uri().getPath().contains("/permissionassignments/principals/"));
    }, 2);

    // when
    OnboardingResult result = Onboardings.full(fake).guardAgainstOtherProcesses().transport(stages).build().apply();

    // then: one request more than without the guard, and not one stage more
    assertThat(result.isSuccess()).isTrue();
    assertThat(stages.gaveUpWaiting()).as("second lookup and assignment were not in flight together").isEmpty();
    assertThat(result.requestCount()).isEqualTo(fake.journal().size()).isLessThanOrEqualTo(12);
    assertThat(fake.journal()).filteredOn(c -> c.method().equals("GET") && c.path().endsWith("/ServicePrincipals")).hasSize(2);
  }

  /** Applies {@code onboarding} twice and returns how many requests the second (a re-run) sent. */
  private int requestsOfItsSecondRun(CasOnboarding onboarding) {
    onboarding.apply();
    int before = fake.journal().size();
    onboarding.apply();
    return fake.journal().size() - before;
  }

  private static boolean isCreate(TransportRequest r) {
    return r.method().equals("POST") && r.uri().getPath().endsWith("/ServicePrincipals");
  }

  private static boolean isServicePrincipalList(TransportRequest r) {
    return r.method().equals("GET") && r.uri().getPath().endsWith("/ServicePrincipals");
  }
}
