package com.treasuredata.cas.databricks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.StepResult;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport.Call;
import com.treasuredata.cas.databricks.testing.Onboardings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAccessListStepTest {

  @Test
  void featureOffSkipsTheStepWithTheReasonAndNeverEnablesIt() {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace().conf("enableIpAccessLists", "false");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.step(Steps.IP_ACCESS_LIST)).get()
        .isInstanceOfSatisfying(StepResult.Skipped.class, s -> assertThat(s.reason()).contains("enableIpAccessLists=false", "never enables"));
    assertThat(fake.writes()).noneSatisfy(c -> assertThat(c.path()).startsWith("/api/2.0/ip-access-lists"));
    assertThat(fake.writes()).noneSatisfy(c -> assertThat(c.path()).isEqualTo("/api/2.0/workspace-conf"));
    assertThat(result.ipAccessListId()).isEmpty();
  }

  @Test
  void unsetFeatureFlagCountsAsOff() {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace().conf("enableIpAccessLists", null);

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.step(Steps.IP_ACCESS_LIST)).get().isInstanceOf(StepResult.Skipped.class);
  }

  @Test
  void creatingTheFirstAllowListIsRefusedBeforeAnyWrite() {
    // given
    FakeWorkspaceTransport fake = new FakeWorkspaceTransport().catalog(Onboardings.CATALOG).ipList("blocked", "BLOCK", true, "192.0.2.0/24");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .isInstanceOf(OnboardingFailedException.class)
        .hasMessageContaining("refusing to create the first ALLOW list")
        .hasMessageContaining("allowFirstAllowList()");
    assertThat(fake.writes()).isEmpty();
  }

  @Test
  void aDisabledAllowListDoesNotCountAsAnExistingOne() {
    // given
    FakeWorkspaceTransport fake = new FakeWorkspaceTransport().catalog(Onboardings.CATALOG).ipList("old", "ALLOW", false, "192.0.2.0/24");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().plan()).hasMessageContaining("first ALLOW list");
  }

  @Test
  void firstAllowListIsCreatedWhenExplicitlyAllowed() {
    // given
    FakeWorkspaceTransport fake = new FakeWorkspaceTransport().catalog(Onboardings.CATALOG);

    // when
    OnboardingResult result = Onboardings.full(fake).allowFirstAllowList().build().apply();

    // then
    assertThat(fake.ipLists()).singleElement().satisfies(l -> assertThat(l.path("label").asText()).isEqualTo("TreasureData"));
    assertThat(result.ipAccessListId()).contains(fake.ipLists().get(0).path("list_id").asText());
  }

  @Test
  void createSendsLabelAllowTypeAndTheAddresses() {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();

    // when
    Onboardings.full(fake).build().apply();

    // then
    Call create = single(fake, "POST", "/api/2.0/ip-access-lists");
    assertThat(create.body().toString())
        .isEqualTo("{\"label\":\"TreasureData\",\"list_type\":\"ALLOW\",\"ip_addresses\":[\"203.0.113.10\",\"198.51.100.0/24\"]}");
  }

  @Test
  void existingListGetsOnlyTheMissingAddressesAddedAndKeepsEveryoneElses() {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace().ipList("TreasureData", "ALLOW", true, "192.0.2.7", "203.0.113.10/32");
    String id = fake.ipLists().get(1).path("list_id").asText();

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    Call patch = single(fake, "PATCH", "/api/2.0/ip-access-lists/" + id);
    assertThat(patch.body().toString()).isEqualTo("{\"ip_addresses\":[\"192.0.2.7\",\"203.0.113.10/32\",\"198.51.100.0/24\"]}");
    assertThat(fake.writes()).noneSatisfy(c -> assertThat(c.method() + " " + c.path()).isIn("PUT /api/2.0/ip-access-lists/" + id, "DELETE /api/2.0/ip-access-lists/" + id));
    assertThat(result.ipAccessListId()).contains(id);
    assertThat(fake.ipLists().get(0).path("ip_addresses").toString()).isEqualTo("[\"10.0.0.0/8\"]");
  }

  @Test
  void listHoldingEveryAddressNeedsNoWrite() {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace().ipList("TreasureData", "ALLOW", true, "198.51.100.0/24", "203.0.113.10");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.step(Steps.IP_ACCESS_LIST)).get().satisfies(s -> assertThat(s.isChange()).isFalse());
    assertThat(fake.writes()).noneSatisfy(c -> assertThat(c.path()).startsWith("/api/2.0/ip-access-lists"));
  }

  @Test
  void quotaOfOneThousandAddressesIsCheckedBeforeAnyWrite() {
    // given
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 999; i++) {
      many.add("10." + (i / 250) + "." + (i % 250) + ".1");
    }
    FakeWorkspaceTransport fake = new FakeWorkspaceTransport().catalog(Onboardings.CATALOG).ipList("corp", "ALLOW", true, many.toArray(new String[0]));

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .hasMessageContaining("quota of 1000 addresses")
        .hasMessageContaining("999 in use");
    assertThat(fake.writes()).isEmpty();
  }

  @Test
  void exactlyReachingTheQuotaIsAllowed() {
    // given
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 998; i++) {
      many.add("10." + (i / 250) + "." + (i % 250) + ".1");
    }
    FakeWorkspaceTransport fake = new FakeWorkspaceTransport().catalog(Onboardings.CATALOG).ipList("corp", "ALLOW", true, many.toArray(new String[0]));

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(result.step(Steps.IP_ACCESS_LIST)).get().satisfies(s -> assertThat(s.isChange()).isTrue());
  }

  @Test
  void lockoutRefusalBecomesAClearError() {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace().fault("POST /api/2.0/ip-access-lists", "invalid_state");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          assertThat(e.partialResult().step(Steps.IP_ACCESS_LIST)).get().isInstanceOf(StepResult.Failed.class);
          assertThat(e.getMessage()).contains("would block the caller's own IP address", "INVALID_STATE");
        });
  }

  @Test
  void lostCreateResponseIsReconciledByLabelWithoutASecondList() {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace().fault("POST /api/2.0/ip-access-lists", "lost");

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    assertThat(fake.ipLists()).filteredOn(l -> l.path("label").asText().equals("TreasureData")).hasSize(1);
    assertThat(fake.journal()).filteredOn(c -> c.line().equals("POST /api/2.0/ip-access-lists")).hasSize(1);
    assertThat(result.ipAccessListId()).isPresent();
  }

  private static Call single(FakeWorkspaceTransport fake, String method, String path) {
    List<Call> calls = fake.journal().stream().filter(c -> c.method().equals(method) && c.path().equals(path)).toList();
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }
}
