package com.treasuredata.cas.databricks.testkit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkApiTest {

  @Test
  void validEntriesAreIpv4AddressesAndCidrBlocksOnly() {
    // then
    assertThat(NetworkApi.validEntry("10.0.0.1")).isTrue();
    assertThat(NetworkApi.validEntry("10.0.0.0/8")).isTrue();
    assertThat(NetworkApi.validEntry("0.0.0.0/0")).isTrue();
    assertThat(NetworkApi.validEntry("10.0.0.0/33")).isFalse();
    assertThat(NetworkApi.validEntry("10.0.0")).isFalse();
    assertThat(NetworkApi.validEntry("10.0.0.1.2")).isFalse();
    assertThat(NetworkApi.validEntry("::1")).isFalse();
    assertThat(NetworkApi.validEntry("a.b.c.d")).isFalse();
  }

  @Test
  void loopbackAndMappedIpv6CallersCountAsIpv4() {
    // then
    assertThat(NetworkApi.parseAddress("0:0:0:0:0:0:0:1")).isEqualTo(NetworkApi.parseIpv4("127.0.0.1"));
    assertThat(NetworkApi.parseAddress("::ffff:10.1.2.3")).isEqualTo(NetworkApi.parseIpv4("10.1.2.3"));
    assertThat(NetworkApi.parseAddress("2001:db8::1")).isEqualTo(-1);
  }
}
