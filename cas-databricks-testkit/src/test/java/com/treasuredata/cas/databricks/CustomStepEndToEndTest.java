package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.testkit.Fault;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FaultRule;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A custom step is a first-class step: it uses the same SPI as the built-in ones, its writes are
 * retried by their declared safety, and a create it declares reconciled is never sent twice.
 */
class CustomStepEndToEndTest {

  private static final String LISTS = "/api/2.0/ip-access-lists";

  private FakeDatabricks fake;

  @BeforeEach
  void newFake() {
    fake = FakeDatabricks.create();
  }

  /** Creates a BLOCK list labelled {@code label} (a create that has no natural idempotency). */
  private static final class BlockListStep implements OnboardingStep<String> {
    private final String label;
    private final boolean reconciled;

    BlockListStep(String label, boolean reconciled) {
      this.label = label;
      this.reconciled = reconciled;
    }

    @Override
    public String name() {
      return "block-list";
    }

    @Override
    public StepPlan<String> plan(StepContext ctx) {
      return find(ctx.workspace()).isPresent() ? StepPlan.noOp("BLOCK list exists") : StepPlan.create("create BLOCK list " + label, label);
    }

    @Override
    public StepOutcome apply(StepContext ctx, String planned) {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("label", planned).put("list_type", "BLOCK");
      body.putArray("ip_addresses").add("192.0.2.99");
      Write create = Write.post(LISTS, body);
      JsonNode created = ctx.workspace().send(reconciled ? create.reconciledBy(this::find) : create);
      return StepOutcome.created("created " + created.path("ip_access_list").path("list_id").asText(created.path("list_id").asText()));
    }

    private Optional<JsonNode> find(DatabricksApi api) {
      for (JsonNode list : api.get(LISTS).path("ip_access_lists")) {
        if (label.equals(list.path("label").asText())) {
          return Optional.of(list);
        }
      }
      return Optional.empty();
    }
  }

  private CasOnboardingBuilder onboarding(OnboardingStep<?> custom) {
    return FakeOnboarding.against(fake).servicePrincipal("TD-CAS-Service").withoutToken().withoutGrants().addStep(custom);
  }

  @Test
  void aReconciledCustomCreateWhoseAnswerIsLostIsFoundByItsReadNotSentTwice() {
    // given: the create is applied, then answered 504
    fake.faults().add(FaultRule.on("POST", LISTS, Fault.afterHandler(504)).withCount(1));

    // when
    OnboardingResult result = onboarding(new BlockListStep("custom-block", true)).build().apply();

    // then
    assertThat(result.isSuccess()).isTrue();
    assertThat(fake.journal().requests("POST", LISTS)).hasSize(1);
    assertThat(fake.workspace().ipAccessLists()).filteredOn(l -> l.label().equals("custom-block")).hasSize(1);
    assertThat(result.step("block-list")).get().isInstanceOfSatisfying(StepResult.Completed.class, c -> {
      assertThat(c.change()).isEqualTo(StepResult.Change.CREATED);
      assertThat(c.runId()).isEqualTo(result.runId());
    });
  }

  @Test
  void aCustomWriteDeclaredNeverRetriedIsSentOnceAndItsFailureNamesTheStep() {
    // given
    fake.faults().add(FaultRule.on("POST", LISTS, Fault.status(503)).withCount(1));

    // when / then
    assertThatThrownBy(onboarding(new BlockListStep("custom-block", false)).build()::apply)
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          assertThat(e.getMessage()).contains("block-list");
          assertThat(e.partialResult().step("block-list")).get().isInstanceOf(StepResult.Failed.class);
        });
    assertThat(fake.journal().requests("POST", LISTS)).hasSize(1);
  }

  @Test
  void aCustomStepThatFindsItsWorkDoneWritesNothingOnTheNextRun() {
    // given
    onboarding(new BlockListStep("custom-block", true)).build().apply();
    long mark = fake.journal().mark();

    // when
    OnboardingResult again = onboarding(new BlockListStep("custom-block", true)).build().apply();

    // then
    assertThat(again.step("block-list")).get().satisfies(s -> assertThat(s.isChange()).isFalse());
    assertThat(fake.journal().since(mark)).noneSatisfy(e -> assertThat(e.method()).isNotEqualTo("GET"));
  }
}
