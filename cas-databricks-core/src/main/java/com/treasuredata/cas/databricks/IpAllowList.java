package com.treasuredata.cas.databricks;

import com.treasuredata.cas.databricks.internal.engine.Validation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The addresses that must be on the workspace's ALLOW list with {@code label}.
 *
 * <p>Onboarding finds the ALLOW list by label and adds the missing addresses; it never removes an
 * address and never enables the IP access list feature. Immutable.
 *
 * @param label the list label, e.g. {@code TreasureData}
 * @param addresses the addresses, duplicates removed, never empty
 */
public record IpAllowList(String label, List<IpAddressRange> addresses) {

  /**
   * Validates the label and copies the addresses.
   *
   * @param label the list label, not blank
   * @param addresses the addresses, at least one; duplicates are dropped
   * @throws IllegalArgumentException if the label is blank or too long, or no address is given
   */
  public IpAllowList {
    Objects.requireNonNull(label, "IP allow list label is null; allowed: a label such as \"TreasureData\"");
    Objects.requireNonNull(addresses, "IP allow list addresses is null; allowed: IPv4 addresses or CIDR blocks such as \"203.0.113.10\"");
    Validation.ipListLabel(label);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("IP allow list '" + label + "' has no addresses; give at least one IPv4 address or CIDR block");
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<IpAddressRange> unique = new ArrayList<>();
    for (IpAddressRange a : addresses) {
      Objects.requireNonNull(a, "IP allow list addresses contain null; allowed: IPv4 addresses or CIDR blocks such as \"203.0.113.10\"");
      if (seen.add(a.canonical())) {
        unique.add(a);
      }
    }
    addresses = List.copyOf(unique);
  }

  /**
   * Parses {@code addresses} into a list.
   *
   * @param label the list label, e.g. {@code TreasureData}
   * @param addresses IPv4 addresses or CIDR blocks, at least one
   * @return the validated list
   * @throws IllegalArgumentException naming the first invalid address
   */
  public static IpAllowList of(String label, String... addresses) {
    Objects.requireNonNull(addresses, "IP allow list addresses is null; allowed: IPv4 addresses or CIDR blocks such as \"203.0.113.10\"");
    List<IpAddressRange> parsed = new ArrayList<>();
    for (String a : addresses) {
      parsed.add(IpAddressRange.parse(Objects.requireNonNull(a, "IP allow list addresses contain null; allowed: IPv4 addresses or CIDR blocks such as \"203.0.113.10\"")));
    }
    return new IpAllowList(label, parsed);
  }

  /**
   * Returns true if any address is a {@code /0} block.
   *
   * @return whether the list allows every address
   */
  public boolean allowsAnyAddress() {
    return addresses.stream().anyMatch(IpAddressRange::isAnyAddress);
  }
}
