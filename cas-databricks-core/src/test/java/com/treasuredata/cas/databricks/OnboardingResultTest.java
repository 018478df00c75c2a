package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.steps.Steps;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.Onboardings;
import com.treasuredata.cas.databricks.internal.engine.RunResult;
import com.treasuredata.cas.databricks.internal.engine.StepResults;
import java.time.Duration;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnboardingResultTest {

  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();

  @Test
  void toStringAndToJsonNeverContainTheToken() {
    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    Secret token = result.token().orElseThrow();
    assertThat(token.occursIn(result.toString())).isFalse();
    assertThat(token.occursIn(result.toJson())).isFalse();
    assertThat(result.toString()).contains("Secret[****]", result.applicationId(), "requests", "writes");
    assertThat(token.occursIn(String.valueOf(result.tokenDetails()))).isFalse();
  }

  @Test
  void toJsonCarriesIdsStepsTokenMetadataGrantsAndCounts() {
    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();

    // then
    JsonNode json = Json.parse(result.toJson());
    assertThat(json.path("servicePrincipal").path("applicationId").asText()).isEqualTo(result.applicationId());
    assertThat(json.path("servicePrincipal").path("id").asText()).isEqualTo(result.servicePrincipalId());
    assertThat(json.path("steps")).hasSize(result.steps().size());
    assertThat(json.path("steps").get(0).path("status").asText()).isEqualTo("CREATED");
    assertThat(json.path("token").path("value").asText()).isEqualTo("Secret[****]");
    assertThat(json.path("token").path("id").asText()).isEqualTo(result.tokenDetails().orElseThrow().id());
    assertThat(json.path("grants").get(0).path("privileges")).hasSize(5);
    assertThat(json.path("requestCount").asInt()).isEqualTo(result.requestCount());
    assertThat(json.path("writeCount").asInt()).isEqualTo(result.writeCount());
    assertThat(json.path("success").asBoolean()).isTrue();
  }

  @Test
  void logsOfAFullOnboardingAndItsRerunNeverContainTheToken() {
    // given
    CapturedLogs.clear();

    // when
    OnboardingResult result = Onboardings.full(fake).build().apply();
    Onboardings.full(fake).build().apply();
    Onboardings.full(fake).alwaysNewToken().build().apply();

    // then
    assertThat(CapturedLogs.isActive()).isTrue();
    assertThat(CapturedLogs.text()).contains("Step obo-token finished");
    assertThat(result.token().orElseThrow().occursIn(CapturedLogs.text())).isFalse();
    for (JsonNode token : fake.tokens()) {
      assertThat(CapturedLogs.text()).doesNotContain("dapi");
    }
  }

  @Test
  void failureMessagesNeverContainTheToken() {
    // given
    fake.meAnswers("someone@example.com");

    // when / then
    assertThatThrownBy(() -> Onboardings.full(fake).build().apply())
        .isInstanceOfSatisfying(OnboardingFailedException.class, e -> {
          Secret token = e.partialResult().token().orElseThrow();
          assertThat(token.occursIn(e.getMessage())).isFalse();
          assertThat(token.occursIn(e.partialResult().toString())).isFalse();
          assertThat(token.occursIn(e.partialResult().toJson())).isFalse();
        });
  }

  @Test
  void partialResultWithoutServicePrincipalSaysSoInsteadOfReturningNull() {
    // given
    OnboardingResult partial = new RunResult("0000abcd", URI.create("https://dbc-1.cloud.databricks.com"), Optional.empty(),
        List.of(StepResults.failed("0000abcd", Steps.SERVICE_PRINCIPAL, new OnboardingException("boom"), Duration.ZERO)),
        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 1, 0, Optional.empty(), Optional.empty());

    // when / then
    assertThat(partial.isSuccess()).isFalse();
    assertThatThrownBy(partial::applicationId).isInstanceOf(IllegalStateException.class).hasMessageContaining("no service principal");
    assertThat(Json.parse(partial.toJson()).path("steps").get(0).path("status").asText()).isEqualTo("FAILED");
    assertThat(partial.toString()).contains("FAILED", "boom");
  }

  @Test
  void stepResultConvenienceMethodsTellSuccessAndChange() {
    // given
    StepResult created = StepResults.completed("r", "a", StepResult.Change.CREATED, "x", Duration.ZERO);
    StepResult unchanged = StepResults.completed("r", "b", StepResult.Change.UNCHANGED, "x", Duration.ZERO);
    StepResult skipped = StepResults.skipped("r", "c", SkipCause.NOT_APPLICABLE, "why");
    StepResult failed = StepResults.failed("r", "d", new OnboardingException("no"), Duration.ZERO);

    // then
    assertThat(List.of(created, unchanged, skipped)).allMatch(StepResult::isSuccess);
    assertThat(created.isChange()).isTrue();
    assertThat(unchanged.isChange()).isFalse();
    assertThat(skipped.isChange()).isFalse();
    assertThat(failed.isSuccess()).isFalse();
    assertThat(skipped.orThrow()).isSameAs(skipped);
    assertThatThrownBy(failed::orThrow).hasMessage("no");
  }
}
