package com.treasuredata.cas.databricks.reliability;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingFailedException;
import com.treasuredata.cas.databricks.Privilege;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.TokenPolicy;
import com.treasuredata.cas.databricks.testing.FakeTokens;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input is validated before the first request: each bad value below is refused with the
 * expected exception, a message naming the value and what is allowed, and (from the fake's
 * journal) not a single request sent. The one input that needs a read, a token lifetime above the
 * workspace's {@code maxTokenLifetimeDays}, is refused with zero writes.
 */
class BadInputTest {

  private static final String WORKSPACE = "https://dbc-1234.cloud.databricks.com";
  private static final String CATALOG = "cas_demo_east1";

  @TempDir static Path configDir;

  /**
   * One bad input.
   *
   * @param name what is wrong
   * @param type the exception expected
   * @param attempt what the caller does; it builds and applies against the fake unless refused earlier
   * @param mustSay fragments the message must contain: the bad value and what is allowed
   * @param readsAllowed true for the one check that must read the workspace first
   */
  record Case(String name, Class<? extends Throwable> type, Attempt attempt, List<String> mustSay, boolean readsAllowed) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Attempt {
    void run(FakeDatabricks fake) throws Exception;
  }

  private static Case refused(String name, Attempt attempt, String... mustSay) {
    return new Case(name, IllegalArgumentException.class, attempt, List.of(mustSay), false);
  }

  private static Case refused(String name, Class<? extends Throwable> type, Attempt attempt, String... mustSay) {
    return new Case(name, type, attempt, List.of(mustSay), false);
  }

  /** Builds the valid onboarding with one change, then applies it. */
  private static Attempt onboarding(UnaryOperator<CasOnboardingBuilder> change) {
    return fake -> change.apply(valid(fake)).build().apply();
  }

  private static CasOnboardingBuilder valid(FakeDatabricks fake) {
    return CasOnboarding.builder()
        .workspace(DatabricksTarget.pat(fake.workspaceHost().toString(), fake.adminToken()))
        .servicePrincipal(SeededWorkspace.NAME)
        .token(Duration.ofDays(1))
        .grant(CatalogGrant.dataReader(CATALOG))
        .clock(fake.clock().asClock())
        .sleeper(d -> fake.clock().advance(d))
        .transport(fake.transport());
  }

  private static Secret token() {
    return FakeTokens.pat();
  }

  private static Path profileFile(String name, String... lines) throws IOException {
    Path file = configDir.resolve(name + ".databrickscfg");
    Files.writeString(file, "[" + name + "]\n" + String.join("\n", lines) + "\n");
    return file;
  }

  static Stream<Case> badInputs() {
    List<Case> cases = new ArrayList<>();
    // service principal names
    cases.add(refused("empty name", onboarding(b -> b.servicePrincipal("")), "''", "allowed: 1 to 255 characters"));
    cases.add(refused("blank name", onboarding(b -> b.servicePrincipal("   ")), "'   '", "is blank", "allowed"));
    cases.add(refused("name of 256 characters", onboarding(b -> b.servicePrincipal("n".repeat(256))), "256 characters", "allowed: 1 to 255"));
    cases.add(refused("name with a newline", onboarding(b -> b.servicePrincipal("TD\nCAS")), "TD\\u000aCAS", "control character", "allowed"));
    cases.add(refused("name with NUL", onboarding(b -> b.servicePrincipal("TD\u0000CAS")), "TD\\u0000CAS", "allowed"));
    cases.add(refused("name with a tab", onboarding(b -> b.servicePrincipal("TD\tCAS")), "TD\\u0009CAS", "allowed"));
    cases.add(refused("name with a leading space", onboarding(b -> b.servicePrincipal(" TD-CAS")), "' TD-CAS'", "leading or trailing", "allowed"));
    cases.add(refused("name with a trailing space", onboarding(b -> b.servicePrincipal("TD-CAS ")), "'TD-CAS '", "allowed"));
    // look-alike names: invisible or unusual spaces would create a second SP that looks like the first
    cases.add(refused("name with a trailing no-break space", onboarding(b -> b.servicePrincipal(SeededWorkspace.NAME + "\u00a0")),
        "U+00A0 NO-BREAK SPACE", "allowed"));
    cases.add(refused("name with a trailing figure space", onboarding(b -> b.servicePrincipal(SeededWorkspace.NAME + "\u2007")),
        "U+2007 FIGURE SPACE", "allowed"));
    cases.add(refused("name with a zero-width space", onboarding(b -> b.servicePrincipal("TD-CAS\u200b-Service")),
        "U+200B ZERO WIDTH SPACE", "TD-CAS\\u200b-Service", "allowed"));
    cases.add(refused("name with a line separator", onboarding(b -> b.servicePrincipal(SeededWorkspace.NAME + "\u2028")),
        "U+2028 LINE SEPARATOR", "allowed"));
    // addresses and the list label
    cases.add(refused("IPv6 address", onboarding(b -> b.allowIps("TreasureData", "2001:db8::1")), "2001:db8::1", "IPv6", "allowed: an IPv4 address"));
    cases.add(refused("octet above 255", onboarding(b -> b.allowIps("TreasureData", "203.0.113.256")), "203.0.113.256", "above 255", "allowed"));
    cases.add(refused("prefix /33", onboarding(b -> b.allowIps("TreasureData", "198.51.100.0/33")), "198.51.100.0/33", "/0 to /32"));
    cases.add(refused("junk address", onboarding(b -> b.allowIps("TreasureData", "not-an-address")), "not-an-address", "allowed: an IPv4 address"));
    cases.add(refused("empty address", onboarding(b -> b.allowIps("TreasureData", "")), "IP address is empty", "allowed"));
    cases.add(refused("three octets", onboarding(b -> b.allowIps("TreasureData", "10.0.0")), "'10.0.0'", "allowed"));
    cases.add(refused("octet with a leading zero", onboarding(b -> b.allowIps("TreasureData", "010.0.0.1")), "010.0.0.1", "leading zero", "allowed"));
    cases.add(refused("trailing slash", onboarding(b -> b.allowIps("TreasureData", "10.0.0.1/")), "10.0.0.1/", "allowed"));
    cases.add(refused("0.0.0.0/0 without allowAnyAddress()", onboarding(b -> b.allowIps("TreasureData", "203.0.113.10", "0.0.0.0/0")),
        "0.0.0.0/0", "allowAnyAddress()", "allowed"));
    cases.add(refused("blank list label", onboarding(b -> b.allowIps(" ", "203.0.113.10")), "' '", "is blank", "allowed"));
    cases.add(refused("list label with a bell", onboarding(b -> b.allowIps("Treasure\u0007Data", "203.0.113.10")), "Treasure\\u0007Data", "allowed"));
    cases.add(refused("list label of 256 characters", onboarding(b -> b.allowIps("L".repeat(256), "203.0.113.10")), "256 characters", "allowed: 1 to 255"));
    cases.add(refused("list without addresses", onboarding(b -> b.allowIps("TreasureData")), "'TreasureData'", "at least one IPv4 address"));
    // token lifetimes
    cases.add(refused("zero lifetime", onboarding(b -> b.token(Duration.ZERO)), "0 seconds", "allowed: 1 second to 730 days"));
    cases.add(refused("negative lifetime", onboarding(b -> b.token(Duration.ofDays(-1))), "-1 day ", "allowed: 1 second to 730 days"));
    cases.add(refused("half-second lifetime", onboarding(b -> b.token(Duration.ofMillis(500))), "500 ms", "allowed: 1 second to 730 days"));
    cases.add(refused("731-day lifetime", onboarding(b -> b.token(Duration.ofDays(731))), "731 days", "allowed: at most 730 days"));
    cases.add(refused("minimum remaining above the lifetime",
        onboarding(b -> b.token(TokenPolicy.reuseOrMint(Duration.ofDays(1)).withMinRemaining(Duration.ofDays(2)))), "2 days", "allowed: 0 to the token lifetime"));
    cases.add(new Case("lifetime above the workspace's maxTokenLifetimeDays", OnboardingFailedException.class,
        fake -> {
          fake.workspace().setConf("maxTokenLifetimeDays", "1");
          valid(fake).token(Duration.ofDays(2)).build().apply();
        },
        List.of("2 days", "maxTokenLifetimeDays=1", "choose at most 1 days"), true));
    // privilege sets
    cases.add(refused("empty privilege set", onboarding(b -> b.grant(CatalogGrant.of("other_catalog", Set.of()))), "'other_catalog'", "is empty", "at least one"));
    cases.add(refused("MODIFY without allowWritePrivileges()", onboarding(b -> b.grant(CatalogGrant.of("sales", Set.of(Privilege.SELECT, Privilege.MODIFY)))),
        "'sales'", "MODIFY", "allowWritePrivileges()"));
    cases.add(refused("ALL_PRIVILEGES without allowWritePrivileges()", onboarding(b -> b.grant(CatalogGrant.of("sales", Set.of(Privilege.ALL_PRIVILEGES)))),
        "ALL_PRIVILEGES", "allowWritePrivileges()"));
    cases.add(refused("the same catalog granted twice", onboarding(b -> b.grant(CatalogGrant.dataReader(CATALOG))), "'" + CATALOG + "'", "one CatalogGrant per catalog"));
    // catalog names
    cases.add(refused("empty catalog name", onboarding(b -> b.grant(CatalogGrant.dataReader(""))), "catalog name is empty", "allowed"));
    cases.add(refused("catalog name with '.'", onboarding(b -> b.grant(CatalogGrant.dataReader("cas.demo"))), "'cas.demo'", "'.'", "allowed"));
    cases.add(refused("catalog name with a space", onboarding(b -> b.grant(CatalogGrant.dataReader("cas demo"))), "'cas demo'", "allowed"));
    cases.add(refused("catalog name with '/'", onboarding(b -> b.grant(CatalogGrant.dataReader("cas/demo"))), "'cas/demo'", "'/'", "allowed"));
    cases.add(refused("catalog name of 256 characters", onboarding(b -> b.grant(CatalogGrant.dataReader("c".repeat(256)))), "256 characters", "allowed: 1 to 255"));
    cases.add(refused("catalog name with a control character", onboarding(b -> b.grant(CatalogGrant.dataReader("cas\u0001"))), "cas\\u0001", "allowed"));
    // hosts
    cases.add(refused("http for a non-loopback host", fake -> DatabricksTarget.pat("http://dbc-1234.cloud.databricks.com", token()),
        "http://dbc-1234.cloud.databricks.com", "http is allowed only for loopback"));
    cases.add(refused("host with a path", fake -> DatabricksTarget.pat(WORKSPACE + "/browse", token()), "/browse", "must not contain a path", "expected an https URL"));
    cases.add(refused("host with a query", fake -> DatabricksTarget.pat(WORKSPACE + "/?o=1234", token()), "dbc-1234.cloud.databricks.com", "must not contain a query", "expected"));
    cases.add(refused("host with user info", fake -> DatabricksTarget.pat("https://admin:hunter2@dbc-1234.cloud.databricks.com", token()),
        "****@dbc-1234.cloud.databricks.com", "must not contain user info", "expected"));
    cases.add(refused("host with a fragment", fake -> DatabricksTarget.pat(WORKSPACE + "#settings", token()), "dbc-1234.cloud.databricks.com", "must not contain a fragment"));
    cases.add(refused("ftp host", fake -> DatabricksTarget.pat("ftp://dbc-1234.cloud.databricks.com", token()), "scheme 'ftp'", "expected an https URL"));
    cases.add(refused("host without a scheme", fake -> DatabricksTarget.pat("dbc-1234.cloud.databricks.com", token()),
        "'dbc-1234.cloud.databricks.com' has no scheme", "write https://dbc-1234.cloud.databricks.com"));
    cases.add(refused("port 99999", fake -> DatabricksTarget.pat(WORKSPACE + ":99999", token()), "port 99999", "allowed: 1 to 65535"));
    cases.add(refused("blank host", fake -> DatabricksTarget.pat("  ", token()), "host must not be blank", "expected an https URL"));
    cases.add(refused("account console as the workspace",
        onboarding(b -> b.workspace(DatabricksTarget.pat("https://accounts.cloud.databricks.com", token()))), "https://accounts.cloud.databricks.com", "expected a workspace URL"));
    cases.add(refused("workspace as the account console",
        onboarding(b -> b.account(DatabricksTarget.pat(WORKSPACE, token()))), WORKSPACE, "is not an account console", "expected https://accounts.cloud.databricks.com"));
    // credentials and account id
    cases.add(refused("account target without account id",
        onboarding(b -> b.account(DatabricksTarget.pat("https://accounts.cloud.databricks.com", token()))), "has no account id", "withAccountId"));
    cases.add(refused("account id that is not a UUID", fake -> DatabricksTarget.pat("https://accounts.cloud.databricks.com", token()).withAccountId("acme-corp"),
        "'acme-corp'", "expected a UUID"));
    cases.add(refused("profile without credentials", fake -> DatabricksTarget.profile("nocreds", profileFile("nocreds", "host = " + WORKSPACE)),
        "'nocreds'", "has no credentials", "set token"));
    cases.add(refused("profile with a token and a client secret",
        fake -> DatabricksTarget.profile("both", profileFile("both", "host = " + WORKSPACE, "token = " + token().reveal(), "client_id = cas", "client_secret = " + FakeTokens.clientSecret().reveal())),
        "'both'", "more than one authentication method", "keep one"));
    cases.add(refused("profile with client_id but no client_secret",
        fake -> DatabricksTarget.profile("halfoauth", profileFile("halfoauth", "host = " + WORKSPACE, "client_id = cas")), "'halfoauth'", "client_id but not client_secret", "needs both"));
    cases.add(refused("profile without host", fake -> DatabricksTarget.profile("nohost", profileFile("nohost", "token = " + token().reveal())), "'nohost'", "has no host", "set host"));
    cases.add(refused("OAuth with a blank client id", fake -> DatabricksTarget.oauth(WORKSPACE, " ", FakeTokens.clientSecret()), "clientId must not be blank", "application id"));
    cases.add(refused("profile missing from the file", fake -> DatabricksTarget.profile("nosuch", profileFile("other", "host = " + WORKSPACE)), "nosuch"));
    // service principal choice and the rest of the builder
    cases.add(refused("adopt an applicationId that is not a UUID", fake -> CasOnboarding.builder().workspace(DatabricksTarget.pat(WORKSPACE, token()))
        .adoptServicePrincipal("TD-CAS-Service").transport(fake.transport()).build().apply(), "'TD-CAS-Service'", "not a UUID", "allowed"));
    cases.add(refused("servicePrincipal and adoptServicePrincipal together",
        onboarding(b -> b.adoptServicePrincipal("1b2c3d4e-0000-1111-2222-333344445555")), "exclude each other", "allowed: exactly one"));
    cases.add(refused("no service principal", fake -> CasOnboarding.builder().workspace(DatabricksTarget.pat(WORKSPACE, token())).transport(fake.transport()).build().apply(),
        "a service principal is required", "servicePrincipal("));
    cases.add(refused("no workspace", fake -> CasOnboarding.builder().servicePrincipal(SeededWorkspace.NAME).transport(fake.transport()).build().apply(),
        "workspace(..) is required"));
    cases.add(refused("alwaysNewToken() without a token", fake -> CasOnboarding.builder().workspace(DatabricksTarget.pat(WORKSPACE, token()))
        .servicePrincipal(SeededWorkspace.NAME).alwaysNewToken().transport(fake.transport()).build().apply(), "alwaysNewToken()", "needs token(lifetime)"));
    cases.add(refused("workspaceId without an account", onboarding(b -> b.workspaceId(5)), "workspaceId(5)", "allowed only together with account(..)"));
    cases.add(refused("workspaceId zero", onboarding(b -> b.workspaceId(0)), "workspace id 0", "allowed: a positive number"));
    cases.add(refused("user agent suffix with a newline", onboarding(b -> b.userAgentSuffix("ops\nX-Injected: 1")), "control character", "allowed: printable text"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedBeforeAnyRequestWithAMessageNamingTheValueAndWhatIsAllowed(Case bad) {
    // given
    FakeDatabricks fake = FakeDatabricks.create();

    // when
    Throwable thrown = catchThrowable(() -> bad.attempt().run(fake));

    // then
    assertThat(thrown).as(bad.name()).isInstanceOf(bad.type());
    for (String fragment : bad.mustSay()) {
      assertThat(thrown.getMessage()).as("message of '%s'", bad.name()).contains(fragment);
    }
    if (bad.readsAllowed()) {
      assertThat(fake.journal().writes()).as("writes").isEmpty();
      assertThat(fake.journal().entries()).as("reads").isNotEmpty();
    } else {
      assertThat(fake.journal().count()).as("requests sent").isZero();
    }
  }

  @Test
  void theTableHasAtLeastFortyCases() {
    // when
    long cases = badInputs().count();

    // then
    assertThat(cases).isGreaterThanOrEqualTo(40);
  }
}
