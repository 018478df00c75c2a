package com.treasuredata.cas.databricks.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliWordingTest {

  @Test
  void aBuilderMethodWithAFlagIsNamedByTheFlag() {
    // when
    String advice = CliWording.forCommandLine(
        "Refusing to pick one: delete or rename the extra ones, or adopt one with adoptServicePrincipal(applicationId).");

    // then
    assertThat(advice).isEqualTo("Refusing to pick one: delete or rename the extra ones, or adopt one with --adopt APPLICATION_ID.");
  }

  @Test
  void everyMethodInOneMessageIsRewrittenAndOnlyWhereItStandsAlone() {
    // when
    String advice = CliWording.forCommandLine(
        "ask for at most 30 days with token(..), or withoutToken(); set workspaceId(..) or account(..); not oauthToken(..) nor builder.token(..)");

    // then
    assertThat(advice).isEqualTo(
        "ask for at most 30 days with --token-lifetime, or --without-token; set --workspace-id or --account-profile; not oauthToken(..) nor builder.token(..)");
  }

  @Test
  void methodsWithoutAFlagAndPlainTextStayAsTheyAre() {
    // when
    String advice = CliWording.forCommandLine("call reactivateServicePrincipal() to let this run reactivate it; $1 \\ stays");

    // then
    assertThat(advice).isEqualTo("call reactivateServicePrincipal() to let this run reactivate it; $1 \\ stays");
    assertThat(CliWording.forCommandLine(null)).isNull();
  }
}
