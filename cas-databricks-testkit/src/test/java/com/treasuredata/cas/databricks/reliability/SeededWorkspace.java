package com.treasuredata.cas.databricks.reliability;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.testing.CapturedLogs;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IssuedToken;
import com.treasuredata.cas.databricks.testkit.state.PrivilegeAssignment;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.TokenPermission;
import com.treasuredata.cas.databricks.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A fake workspace seeded the way a real customer's looks when CAS is onboarded, and the checks that
 * an onboarding converged on it without duplicating, clobbering or leaking anything.
 *
 * <p>The seed: IP access lists enabled with a corporate ALLOW list that holds the caller; another
 * integration's service principal with CAN_USE on tokens, a live token and grants on the catalog;
 * and (in {@link Scenario#ACCOUNT_EXISTING_LIST}) an existing {@code TreasureData} ALLOW list with
 * a foreign address. Every run made through {@link #apply(CasOnboarding)} keeps the token values
 * it returned (also from failed runs), so the checks can tell a held token from an orphan.
 */
final class SeededWorkspace {

  static final String NAME = "TD-CAS-Service";
  static final String CATALOG = "cas_demo_east1";
  static final String LABEL = "TreasureData";
  static final String FOREIGN_ADDRESS = "192.0.2.7";
  static final List<String> OUR_ADDRESSES = List.of("203.0.113.10", "198.51.100.0/24");
  static final Set<String> DATA_READER = Set.of("USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT");
  static final String TAG = "cas-databricks ";

  /** Where the onboarding runs from, and whether our ALLOW list already exists. */
  enum Scenario {
    /** Account admin + workspace admin; the TreasureData list exists with a foreign address. */
    ACCOUNT_EXISTING_LIST(true, true),
    /** Workspace admin only (workspace SCIM); the TreasureData list does not exist yet. */
    WORKSPACE_NEW_LIST(false, false);

    final boolean account;
    final boolean existingList;

    Scenario(boolean account, boolean existingList) {
      this.account = account;
      this.existingList = existingList;
    }

    String label() {
      return account ? "account" : "workspace";
    }
  }

  final FakeDatabricks fake;
  final Scenario scenario;
  final ServicePrincipal other;
  final Secret othersToken;
  private final List<TokenPermission> aclBefore;
  private final List<IpAccessList> othersListsBefore;
  private final List<PrivilegeAssignment> grantsBefore;
  private final long seeded;
  private final List<Secret> held = new CopyOnWriteArrayList<>();
  private final List<String> failureTexts = new CopyOnWriteArrayList<>();

  private SeededWorkspace(Scenario scenario, long seed) {
    this.scenario = scenario;
    this.fake = FakeDatabricks.builder().seed(seed).build();
    fake.workspace().setConf("enableIpAccessLists", "true");
    fake.workspace().addIpAccessList("corp-office", "ALLOW", "127.0.0.0/8", "10.20.0.0/16");
    if (scenario.existingList) {
      fake.workspace().addIpAccessList(LABEL, "ALLOW", FOREIGN_ADDRESS);
    }
    other = fake.account().addServicePrincipal("other-integration");
    fake.workspace().assign(other.applicationId(), "USER");
    fake.workspace().grantTokenPermission(TokenPermission.servicePrincipal(other.applicationId(), "CAN_USE"));
    othersToken = fake.workspace().issueToken(other.applicationId(), Duration.ofDays(30));
    FakeResponse granted =
        fake.handle(
            adminRequest(
                "PATCH", "/api/2.1/unity-catalog/permissions/catalog/" + CATALOG,
                "{\"changes\":[{\"principal\":\"" + other.applicationId() + "\",\"add\":[\"SELECT\",\"MODIFY\"]}]}"));
    assertThat(granted.status()).as("seeding the other integration's grants").isEqualTo(200);
    aclBefore = fake.workspace().tokenAcl();
    othersListsBefore = othersLists();
    grantsBefore = fake.workspace().grants(CATALOG);
    seeded = fake.journal().mark();
  }

  static SeededWorkspace create(Scenario scenario) {
    return new SeededWorkspace(scenario, 42);
  }

  static SeededWorkspace create(Scenario scenario, long seed) {
    return new SeededWorkspace(scenario, seed);
  }

  /** The retry policy of these tests: the defaults, in virtual time (the sleeper advances the fake's clock). */
  static RetryPolicy retryPolicy() {
    return RetryPolicy.defaults();
  }

  /** Returns the onboarding CAS asks for, in-process through {@code transport}, in the fake's virtual time. */
  CasOnboardingBuilder onboarding(Transport transport) {
    Secret admin = fake.adminToken();
    CasOnboardingBuilder builder =
        CasOnboarding.builder()
            .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), admin))
            .servicePrincipal(NAME)
            .token(Duration.ofDays(1))
            .grant(CatalogGrant.dataReader(CATALOG))
            .allowIps(LABEL, OUR_ADDRESSES.toArray(new String[0]))
            .retryPolicy(retryPolicy())
            .clock(fake.clock().asClock())
            .sleeper(duration -> fake.clock().advance(duration))
            .transport(transport);
    if (scenario.account) {
      builder
          .account(DatabricksTarget.pat(fake.accountHost().toString(), admin).withAccountId(fake.accountId()))
          .workspaceId(fake.workspaceId());
    }
    return builder;
  }

  CasOnboardingBuilder onboarding() {
    return onboarding(fake.transport());
  }

  /** Applies and remembers the token value handed out (from a partial result too); rethrows a failure. */
  OnboardingResult apply(CasOnboarding onboarding) {
    try {
      OnboardingResult result = onboarding.apply();
      result.token().ifPresent(held::add);
      return result;
    } catch (OnboardingFailedException e) {
      e.partialResult().token().ifPresent(held::add);
      failureTexts.add(String.valueOf(e.getMessage()) + e.partialResult() + e.partialResult().toJson());
      throw e;
    } catch (RuntimeException | Error e) {
      failureTexts.add(String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /** Returns the requests made since the seeding. */
  List<JournalEntry> requestsSinceSeeding() {
    return fake.journal().since(seeded);
  }

  /** Returns the writes made since the seeding. */
  List<JournalEntry> writesSinceSeeding() {
    return requestsSinceSeeding().stream().filter(JournalEntry::write).collect(Collectors.toList());
  }

  /** Returns the token values handed out to callers so far. */
  List<Secret> heldTokens() {
    return List.copyOf(held);
  }

  // ------------------------------------------------------------------ the convergence checks

  /** Asserts the state every onboarding of {@link #NAME} must converge to; returns our service principal. */
  ServicePrincipal assertConverged() {
    return assertConverged(true);
  }

  /**
   * Like {@link #assertConverged()}; with {@code tokenHeld} false the one valid token of ours may be
   * one whose value was lost with a killed process (nobody can hold it then).
   */
  ServicePrincipal assertConverged(boolean tokenHeld) {
    // exactly one service principal with the name: in the account, or (for a workspace admin, who
    // cannot delete account identities) among the workspace's members
    List<ServicePrincipal> named = servicePrincipalsNamed();
    assertThat(named).as("service principals named %s in the %s", NAME, scenario.label()).hasSize(1);
    ServicePrincipal sp = named.get(0);

    // a workspace USER
    assertThat(fake.workspace().assignments())
        .as("workspace assignments")
        .anySatisfy(a -> {
          assertThat(a.principalName()).isEqualTo(sp.applicationId());
          assertThat(a.permissions()).contains("USER");
        });

    // CAN_USE added, every other entry intact, the other integration's token still works
    assertThat(fake.workspace().tokenAcl())
        .as("token ACL")
        .contains(TokenPermission.servicePrincipal(sp.applicationId(), "CAN_USE"))
        .containsAll(aclBefore);
    assertThat(whoAmI(othersToken)).as("the other integration's token").contains(other.applicationId());

    // at most one valid token of ours, and someone holds it
    List<IssuedToken> ours = validTokensOf(sp.applicationId());
    assertThat(ours).as("valid tokens of ours (tagged '%s%s')", TAG, sp.applicationId()).hasSizeLessThanOrEqualTo(1);
    assertThat(ours).as("a valid token of ours").hasSize(1);
    if (tokenHeld) {
      Set<String> heldIds = held.stream().map(SeededWorkspace::tokenId).collect(Collectors.toSet());
      assertThat(ours).as("valid tokens of ours that nobody holds (orphans)").allSatisfy(t -> assertThat(heldIds).contains(t.tokenId()));
      assertThat(held.stream().filter(s -> tokenId(s).equals(ours.get(0).tokenId())).findFirst().flatMap(this::whoAmI))
          .as("the held token authenticates as our service principal")
          .contains(sp.applicationId());
    }

    // exactly the requested privileges; the others' grants intact
    assertThat(fake.workspace().privileges(CATALOG, sp.applicationId())).as("our privileges").isEqualTo(DATA_READER);
    for (PrivilegeAssignment before : grantsBefore) {
      assertThat(fake.workspace().privileges(CATALOG, before.principal())).as("grants of %s", before.principal()).isEqualTo(before.privileges());
    }

    // the ALLOW list holds the union; everyone else's lists untouched
    List<IpAccessList> ourLists = fake.workspace().ipAccessLists().stream().filter(l -> l.label().equals(LABEL)).collect(Collectors.toList());
    assertThat(ourLists).as("lists labelled %s", LABEL).hasSize(1);
    Set<String> expected = new LinkedHashSet<>(OUR_ADDRESSES);
    if (scenario.existingList) {
      expected.add(FOREIGN_ADDRESS);
    }
    assertThat(ourLists.get(0).ipAddresses()).as("addresses of %s", LABEL).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ourLists.get(0).listType()).isEqualTo("ALLOW");
    assertThat(othersLists()).as("everyone else's IP access lists").isEqualTo(othersListsBefore);

    assertNoSecretLeaked();
    return sp;
  }

  /** Returns the service principals named {@link #NAME} that the onboarding's admin can see. */
  List<ServicePrincipal> servicePrincipalsNamed() {
    List<ServicePrincipal> named = fake.account().servicePrincipalsNamed(NAME);
    if (scenario.account) {
      return named;
    }
    Set<String> members = fake.workspace().assignments().stream().map(a -> a.principalName()).collect(Collectors.toSet());
    return named.stream().filter(sp -> members.contains(sp.applicationId())).collect(Collectors.toList());
  }

  /** Asserts that no token value (ours, the admin's, the other integration's) is in the captured logs or a failure's text. */
  void assertNoSecretLeaked() {
    String logs = CapturedLogs.text();
    String failures = String.join("\n", failureTexts);
    List<Secret> secrets = new ArrayList<>(held);
    secrets.add(fake.adminToken());
    secrets.add(othersToken);
    for (Secret s : secrets) {
      assertThat(s.occursIn(logs)).as("a token value in the captured logs").isFalse();
      assertThat(s.occursIn(failures)).as("a token value in a failure's message or partial result").isFalse();
    }
  }

  List<IssuedToken> validTokensOf(String applicationId) {
    Instant now = fake.clock().now();
    return fake.workspace().tokens().stream()
        .filter(t -> t.owner().equals(applicationId))
        .filter(t -> t.comment().startsWith(TAG))
        .filter(t -> !t.isExpiredAt(now))
        .collect(Collectors.toList());
  }

  private List<IpAccessList> othersLists() {
    return fake.workspace().ipAccessLists().stream().filter(l -> !l.label().equals(LABEL)).collect(Collectors.toList());
  }

  /** Returns who {@code token} authenticates as ({@code GET /Me}), or empty when it is refused. */
  Optional<String> whoAmI(Secret token) {
    FakeResponse response =
        fake.handle(
            new FakeRequest(
                "GET", "/api/2.0/preview/scim/v2/Me", null, Map.of("Authorization", "Bearer " + token.reveal()), "",
                fake.callerAddress(), fake.workspaceHost().toString()));
    if (response.status() != 200) {
      return Optional.empty();
    }
    return Optional.of(Json.parse(response.body()).path("userName").asText());
  }

  FakeRequest adminRequest(String method, String path, String body) {
    return new FakeRequest(
        method, path, null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal(), "Content-Type", "application/json"),
        body, fake.callerAddress(), fake.workspaceHost().toString());
  }

  /** The fake's token id: the SHA-256 of the value, in hex. */
  static String tokenId(Secret token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
