package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressRangeTest {

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.10", "0.0.0.0", "255.255.255.255", "198.51.100.0/24", "10.0.0.0/8", "1.2.3.4/32", "0.0.0.0/0", "10.0.0.5/24"})
  void validIpv4AddressesAndBlocksAreAccepted(String value) {
    // when
    IpAddressRange range = IpAddressRange.parse(value);

    // then
    assertThat(range.value()).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2001:db8::1|is IPv6",
      "::ffff:1.2.3.4|is IPv6",
      "256.0.0.1|octet above 255 (256)",
      "1.2.3.999|octet above 255 (999)",
      "1.2.3.4/33|prefix length /33",
      "1.2.3.4/08|prefix length /08",
      "1.2.3.4/|not an IPv4 address",
      "1.2.3|not an IPv4 address",
      "1.2.3.4.5|not an IPv4 address",
      "01.2.3.4|leading zero",
      "a.b.c.d|not an IPv4 address",
      "'1.2.3.4 '|not an IPv4 address",
      "' 1.2.3.4'|not an IPv4 address",
      "1.2.3.4/24/8|not an IPv4 address",
      "example.com|not an IPv4 address",
      "-1.2.3.4|not an IPv4 address"})
  void invalidAddressesAreRefusedNamingTheValue(String value, String why) {
    // when / then
    assertThatThrownBy(() -> IpAddressRange.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + value + "'")
        .hasMessageContaining(why)
        .hasMessageContaining("allowed: an IPv4 address");
  }

  @ParameterizedTest
  @CsvSource({"0.0.0.0/0,true", "10.0.0.0/0,true", "10.0.0.0/8,false", "1.2.3.4,false"})
  void slashZeroBlocksAllowAnyAddress(String value, boolean any) {
    // then
    assertThat(IpAddressRange.parse(value).isAnyAddress()).isEqualTo(any);
  }

  @ParameterizedTest
  @CsvSource({"1.2.3.4/32,1.2.3.4", "1.2.3.4,1.2.3.4", "10.0.0.0/8,10.0.0.0/8"})
  void slash32ComparesEqualToThePlainAddress(String value, String canonical) {
    // then
    assertThat(IpAddressRange.parse(value).canonical()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00001.2.3.4", "1.2.3.4\n"})
  void controlCharactersArePrintedEscaped(String value) {
    // when / then
    assertThatThrownBy(() -> IpAddressRange.parse(value)).hasMessageContaining("\\u00");
  }
}
