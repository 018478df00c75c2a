package com.treasuredata.cas.databricks.testkit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void starMatchesAnyRunIncludingSlashes() {
    // given
    Glob glob = Glob.of("/api/2.0/accounts/*/scim/*");

    // then
    assertThat(glob.matches("/api/2.0/accounts/a1/scim/v2/ServicePrincipals")).isTrue();
    assertThat(glob.matches("/api/2.0/accounts/a1/workspaces")).isFalse();
    assertThat(Glob.of("*").matches("/anything")).isTrue();
    assertThat(Glob.of("/exact").matches("/exact")).isTrue();
    assertThat(Glob.of("/exact").matches("/exact/more")).isFalse();
    assertThat(Glob.of("/a*a").matches("/a")).isFalse();
  }
}
