package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BehavioursTest {

  @Test
  void aWitherReturnsAChangedCopyAndLeavesTheOriginalAlone() {
    Behaviours defaults = Behaviours.defaults();

    Behaviours clamped = defaults.withOverMaxLifetime(Behaviours.OverMaxLifetime.CLAMP).withScimMaxPageSize(7);

    assertThat(clamped.overMaxLifetime()).isEqualTo(Behaviours.OverMaxLifetime.CLAMP);
    assertThat(clamped.scimMaxPageSize()).isEqualTo(7);
    assertThat(defaults.overMaxLifetime()).isEqualTo(Behaviours.OverMaxLifetime.REJECT);
    assertThat(defaults.scimMaxPageSize()).isEqualTo(100);
  }

  @Test
  void behavioursWithTheSameSwitchesAreEqualAndPrintTheirSwitches() {
    Behaviours a = Behaviours.defaults().withConfKeysRequired(false);
    Behaviours b = Behaviours.defaults().withConfKeysRequired(false);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(Behaviours.defaults());
    assertThat(a.toString()).contains("confKeysRequired=false");
  }

  @Test
  void anOutOfRangeStatusIsRefusedNamingTheSwitchAndTheValue() {
    assertThatThrownBy(() -> Behaviours.defaults().withUcUnknownPrincipalStatus(200))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ucUnknownPrincipalStatus must be an error status 400..599, was 200");
  }
}
