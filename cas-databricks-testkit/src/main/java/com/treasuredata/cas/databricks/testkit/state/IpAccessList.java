package com.treasuredata.cas.databricks.testkit.state;

import java.time.Instant;
import java.util.List;

/**
 * A workspace IP access list.
 *
 * Built by the fake; callers cannot construct one.
 */
public interface IpAccessList {

  /**
   * Returns UUID.
   *
   * @return UUID
   */
  String listId();

  /**
   * Returns label (unique per list type).
   *
   * @return label (unique per list type)
   */
  String label();

  /**
   * Returns {@code ALLOW} or {@code BLOCK}.
   *
   * @return {@code ALLOW} or {@code BLOCK}
   */
  String listType();

  /**
   * Returns IPv4 addresses and CIDR blocks.
   *
   * @return IPv4 addresses and CIDR blocks
   */
  List<String> ipAddresses();

  /**
   * Returns whether it is enforced (when the workspace enables IP access lists).
   *
   * @return whether it is enforced (when the workspace enables IP access lists)
   */
  boolean enabled();

  /**
   * Returns creation time.
   *
   * @return creation time
   */
  Instant createdAt();

  /**
   * Returns last update.
   *
   * @return last update
   */
  Instant updatedAt();
}
