package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  @Test
  void startsAtTheWallClockTimeAndOnlyMovesWhenAdvanced() {
    // given
    Instant wallClock = Instant.now();
    FakeClock clock = FakeClock.create();

    // when
    Instant before = clock.now();
    clock.advance(Duration.ofMinutes(5));

    // then
    assertThat(before).isBetween(wallClock.minusSeconds(1), wallClock.plusSeconds(5)).isEqualTo(clock.start());
    assertThat(clock.now()).isEqualTo(before.plus(Duration.ofMinutes(5)));
  }

  @Test
  void asClockReadsTheSameTime() {
    // given
    FakeClock clock = FakeClock.startingAt(Instant.parse("2030-05-06T07:08:09Z"));
    Clock view = clock.asClock();

    // when
    clock.advance(Duration.ofSeconds(1));

    // then
    assertThat(view.instant()).isEqualTo(Instant.parse("2030-05-06T07:08:10Z"));
    assertThat(view.millis()).isEqualTo(clock.millis());
  }

  @Test
  void refusesToGoBackwardsThroughAdvance() {
    // then
    assertThatThrownBy(() -> FakeClock.create().advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration was -1 second;");
  }

  @Test
  void aSharedClockDrivesTheFake() {
    // given
    FakeClock clock = FakeClock.startingAt(Instant.parse("2027-01-01T00:00:00Z"));
    FakeDatabricks fake = FakeDatabricks.builder().clock(clock).build();
    Onboard onboard = new Onboard(fake);

    // when
    onboard.createSp("x");
    String created = fake.account().servicePrincipals().get(0).created().toString();

    // then
    assertThat(created).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(fake.clock()).isSameAs(clock);
  }
}
