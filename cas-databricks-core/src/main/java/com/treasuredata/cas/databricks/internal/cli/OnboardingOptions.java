package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import com.treasuredata.cas.databricks.CatalogGrant;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What the onboarding should establish, one flag per builder call. The builder's explicit decisions
 * are required choices here: a service principal by name or adopted, a token or none, grants or none.
 */
final class OnboardingOptions {

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Service principal (one of):%n")
  ServicePrincipal servicePrincipal;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Token (one of):%n")
  Token token;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Unity Catalog grants (one of):%n")
  Grants grants;

  @ArgGroup(exclusive = false, heading = "IP access list (only if the workspace uses IP access lists):%n")
  IpList ipList;

  @Option(names = "--expect-onboarded",
      description = "The workspace was most likely onboarded before: read everything in one round trip "
          + "(on a fresh workspace this costs about four unused reads, nothing else).")
  boolean expectOnboarded;

  static final class ServicePrincipal {
    @Option(names = "--service-principal", paramLabel = "NAME", required = true,
        description = "Find the service principal by display name, or create it, e.g. TD-CAS-Service.")
    String name;

    @Option(names = "--adopt", paramLabel = "APPLICATION_ID", required = true,
        description = "Adopt an existing service principal by its application id (a UUID); it is never created.")
    String applicationId;
  }

  static final class Token {
    @ArgGroup(exclusive = false, multiplicity = "1")
    Mint mint;

    @Option(names = "--without-token", required = true,
        description = "Mint no token (it is managed elsewhere): CAS needs one to connect, so this is a deliberate choice.")
    boolean without;
  }

  static final class Mint {
    @Option(names = "--token-lifetime", paramLabel = "DURATION", required = true, converter = DurationConverter.class,
        description = "Lifetime of the service principal's personal access token: a number and d, h, m or s, e.g. 90d or 12h (1 second to 730 days; at most the workspace's maximum). A valid token of ours is reused.")
    Duration lifetime;

    @Option(names = "--rotate-token",
        description = "Mint a new token, verify it, then revoke the older tokens of ours for the service principal.")
    boolean rotate;
  }

  static final class Grants {
    @Option(names = "--grant", paramLabel = "CATALOG", required = true,
        description = "Grant the service principal \"Data Reader\" on this Unity Catalog catalog; repeatable.")
    List<String> catalogs;

    @Option(names = "--without-grants", required = true,
        description = "Grant no catalog privileges (they are managed elsewhere): a deliberate choice.")
    boolean without;
  }

  static final class IpList {
    @Option(names = "--ip-label", paramLabel = "LABEL", required = true,
        description = "Label of the workspace's ALLOW list for CAS, e.g. TreasureData.")
    String label;

    @Option(names = "--ip", paramLabel = "ADDRESS", required = true,
        description = "IPv4 address or CIDR block to allow, e.g. 203.0.113.10 or 198.51.100.0/24; repeatable.")
    List<String> addresses;

    @Option(names = "--allow-first-allow-list",
        description = "Allow creating the workspace's first ALLOW list, after which only listed addresses reach it.")
    boolean allowFirst;
  }

  /** Calls the builder method each flag stands for; the builder validates every value. */
  CasOnboardingBuilder configure(CasOnboardingBuilder builder) {
    if (servicePrincipal.name != null) {
      builder.servicePrincipal(servicePrincipal.name);
    } else {
      builder.adoptServicePrincipal(servicePrincipal.applicationId);
    }
    if (token.without) {
      builder.withoutToken();
    } else {
      builder.token(token.mint.lifetime);
      if (token.mint.rotate) {
        builder.rotateToken();
      }
    }
    if (grants.without) {
      builder.withoutGrants();
    } else {
      grants.catalogs.forEach(catalog -> builder.grant(CatalogGrant.dataReader(catalog)));
    }
    if (ipList != null) {
      builder.allowIps(ipList.label, ipList.addresses.toArray(new String[0]));
      if (ipList.allowFirst) {
        builder.allowFirstAllowList();
      }
    }
    if (expectOnboarded) {
      builder.expectOnboarded();
    }
    // Each command-line run is a process of its own: parallel runs for one name can only be told apart by a second lookup.
    builder.guardAgainstOtherProcesses();
    return builder;
  }
}
