package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A workspace IP access list.
 *
 * @param listId UUID
 * @param label label (unique per list type)
 * @param listType {@code ALLOW} or {@code BLOCK}
 * @param ipAddresses IPv4 addresses and CIDR blocks
 * @param enabled whether it is enforced (when the workspace enables IP access lists)
 * @param createdAt creation time
 * @param updatedAt last update
 */
public record IpAccessList(
    String listId, String label, String listType, List<String> ipAddresses, boolean enabled, Instant createdAt,
    Instant updatedAt) {

  /**
   * Checks the components.
   *
   * @param createdAt the created at
   * @param enabled the enabled
   * @param ipAddresses the ip addresses
   * @param label the label
   * @param listId the list id
   * @param listType the list type
   * @param updatedAt the updated at
   */
  public IpAccessList {
    Objects.requireNonNull(listId, "listId");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(listType, "listType");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    ipAddresses = List.copyOf(ipAddresses);
  }
}
