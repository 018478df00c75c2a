package com.treasuredata.cas.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.reliability.SeededWorkspace.Scenario;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.transport.Transport;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Another process (a replica of the service, a command-line run) creates the same service principal
 * name at the same moment as our run. Runs in this JVM cannot coordinate with it, so the other
 * process is emulated by putting its principal straight into the fake between our lookup and our
 * create, or just after our create.
 */
class OtherProcessRaceTest {

  /** The other process's principal, created once by {@link #racing}. */
  private final AtomicReference<ServicePrincipal> theirs = new AtomicReference<>();

  /** Our transport: the other process creates the name just before our create is sent, or just after it is answered. */
  private Transport racing(SeededWorkspace world, boolean beforeOurs) {
    AtomicBoolean done = new AtomicBoolean();
    return request -> {
      boolean create = request.method().equals("POST") && request.uri().getPath().endsWith("/ServicePrincipals");
      if (create && beforeOurs && !done.getAndSet(true)) {
        theirs.set(createTheirs(world));
      }
      var response = world.fake.transport().execute(request);
      if (create && !beforeOurs && !done.getAndSet(true)) {
        theirs.set(createTheirs(world));
      }
      return response;
    };
  }

  private static ServicePrincipal createTheirs(SeededWorkspace world) {
    ServicePrincipal sp = world.fake.account().addServicePrincipal(SeededWorkspace.NAME);
    if (!world.scenario.account) {
      // a workspace admin's create (workspace SCIM) makes it a member of the workspace
      world.fake.workspace().assign(sp.applicationId(), "USER");
    }
    return sp;
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void guardedWhenAnotherProcessCreatedTheNameFirstOurDuplicateIsDeletedBeforeItGetsAccessAndTheirsIsUsed(Scenario scenario) {
    // given
    CapturedLogs.clear();
    SeededWorkspace world = SeededWorkspace.create(scenario);

    // when
    OnboardingResult result = world.apply(world.onboarding(racing(world, true)).guardAgainstOtherProcesses().build());

    // then
    ServicePrincipal sp = world.assertConverged();
    assertThat(sp.applicationId()).isEqualTo(theirs.get().applicationId()).isEqualTo(result.applicationId());
    List<JournalEntry> scim = world.requestsSinceSeeding().stream().filter(e -> e.path().contains("/ServicePrincipals")).toList();
    assertThat(scim).extracting(JournalEntry::method).containsExactly("GET", "POST", "GET", "DELETE");
    assertThat(world.fake.workspace().tokens()).as("tokens of ours").filteredOn(t -> t.comment().startsWith(SeededWorkspace.TAG))
        .extracting(t -> t.owner()).containsOnly(theirs.get().applicationId());
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void guardedWhenAnotherProcessCreatedTheNameAfterUsOursIsKeptAndTheirsLeftForTheirOwnGuard(Scenario scenario) {
    // given
    SeededWorkspace world = SeededWorkspace.create(scenario);

    // when
    OnboardingResult result = world.apply(world.onboarding(racing(world, false)).guardAgainstOtherProcesses().build());

    // then: we delete only what we created, and ours is the older
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.applicationId()).isNotEqualTo(theirs.get().applicationId());
    assertThat(world.requestsSinceSeeding()).filteredOn(e -> e.method().equals("DELETE")).isEmpty();
    assertThat(world.fake.account().servicePrincipalsNamed(SeededWorkspace.NAME)).extracting(ServicePrincipal::applicationId)
        .containsExactly(result.applicationId(), theirs.get().applicationId());
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void unguardedTheRaceLeavesTwoPrincipalsAndTheNextRunRefusesBeforeAnyWriteNamingBoth(Scenario scenario) {
    // given: the race without the guard
    SeededWorkspace world = SeededWorkspace.create(scenario);
    OnboardingResult first = world.apply(world.onboarding(racing(world, true)).build());
    long mark = world.fake.journal().mark();

    // when
    OnboardingFailedException refused = catchThrowableOfType(OnboardingFailedException.class, () -> world.apply(world.onboarding().build()));

    // then
    assertThat(first.isSuccess()).isTrue();
    assertThat(world.servicePrincipalsNamed()).hasSize(2);
    assertThat(refused.getMessage()).contains("2 service principals", first.applicationId(), theirs.get().applicationId());
    assertThat(world.fake.journal().since(mark)).filteredOn(JournalEntry::write).isEmpty();
  }
}
