package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.testing.FakeTokens;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.Onboardings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CasOnboardingBuilderTest {

  private static final String APP_ID = "1b2c3d4e-0000-1111-2222-333344445555";

  /** Each case: what it configures, the message fragments that must name the bad value and what is allowed. */
  static Stream<Arguments> badInput() {
    return Stream.of(
        bad("empty SP name", b -> b.servicePrincipal(""), "service principal name ''", "allowed: 1 to 255"),
        bad("blank SP name", b -> b.servicePrincipal("   "), "service principal name '   ' is blank", "allowed"),
        bad("SP name too long", b -> b.servicePrincipal("x".repeat(256)), "is 256 characters long", "allowed: 1 to 255"),
        bad("SP name with newline", b -> b.servicePrincipal("TD\nCAS"), "'TD\\u000aCAS'", "control character"),
        bad("SP name with tab", b -> b.servicePrincipal("TD\tCAS"), "control character at index 2", "allowed"),
        bad("SP name with trailing space", b -> b.servicePrincipal("TD-CAS "), "'TD-CAS '", "leading or trailing whitespace"),
        bad("SP name with trailing no-break space", b -> b.servicePrincipal("TD-CAS-Service\u00a0"), "U+00A0 NO-BREAK SPACE at the end", "no-break"),
        bad("SP name with trailing figure space", b -> b.servicePrincipal("TD-CAS-Service\u2007"), "U+2007 FIGURE SPACE at the end", "allowed"),
        bad("SP name with leading ideographic space", b -> b.servicePrincipal("\u3000TD-CAS-Service"), "U+3000 IDEOGRAPHIC SPACE at the start", "allowed"),
        bad("SP name with a zero-width space", b -> b.servicePrincipal("TD-CAS\u200b-Service"), "format character at index 6 (U+200B ZERO WIDTH SPACE)", "allowed"),
        bad("SP name with a trailing zero-width space", b -> b.servicePrincipal("TD-CAS-Service\u200b"), "'TD-CAS-Service\\u200b'", "U+200B"),
        bad("SP name with a byte order mark", b -> b.servicePrincipal("\ufeffTD-CAS-Service"), "U+FEFF ZERO WIDTH NO-BREAK SPACE", "allowed"),
        bad("SP name with a line separator", b -> b.servicePrincipal("TD-CAS\u2028Service"), "line or paragraph separator at index 6 (U+2028 LINE SEPARATOR)", "allowed"),
        bad("SP name with a paragraph separator", b -> b.servicePrincipal("TD-CAS-Service\u2029"), "U+2029 PARAGRAPH SEPARATOR", "allowed"),
        bad("SP name with a next-line control", b -> b.servicePrincipal("TD-CAS\u0085Service"), "control character at index 6 (U+0085", "allowed"),
        bad("adopt non-UUID", b -> b.adoptServicePrincipal("TD-CAS-Service"), "applicationId 'TD-CAS-Service' is not a UUID", "allowed"),
        bad("zero lifetime", b -> b.token(Duration.ZERO), "token lifetime 0 seconds", "allowed: 1 second to 730 days"),
        bad("negative lifetime", b -> b.token(Duration.ofDays(-1)), "token lifetime -1 day", "allowed"),
        bad("sub-second lifetime", b -> b.token(Duration.ofMillis(500)), "token lifetime 500 ms", "allowed"),
        bad("lifetime above 730 days", b -> b.token(Duration.ofDays(731)), "731 days", "at most 730 days"),
        bad("empty catalog", b -> b.grant(CatalogGrant.dataReader("")), "catalog name is empty", "allowed: 1 to 255"),
        bad("catalog with dot", b -> b.grant(CatalogGrant.dataReader("main.sales")), "'main.sales' contains '.'", "allowed"),
        bad("catalog with space", b -> b.grant(CatalogGrant.dataReader("cas demo")), "'cas demo' contains ' '", "allowed"),
        bad("catalog with slash", b -> b.grant(CatalogGrant.dataReader("cas/demo")), "'cas/demo' contains '/'", "allowed"),
        bad("catalog too long", b -> b.grant(CatalogGrant.dataReader("c".repeat(256))), "is 256 characters long", "allowed: 1 to 255"),
        bad("catalog with control char", b -> b.grant(CatalogGrant.dataReader("cas\u0007")), "'cas\\u0007'", "control character"),
        bad("empty privilege set", b -> b.grant(CatalogGrant.of("cas", Set.of())), "privilege set for catalog 'cas' is empty", "DATA_READER"),
        bad("write privilege without opt-in", b -> b.grant(CatalogGrant.of("cas", EnumSet.of(Privilege.SELECT, Privilege.MODIFY))), "[MODIFY]", "allowWritePrivileges()"),
        bad("ALL_PRIVILEGES without opt-in", b -> b.grant(CatalogGrant.of("cas", Set.of(Privilege.ALL_PRIVILEGES))), "[ALL_PRIVILEGES]", "allowWritePrivileges()"),
        bad("CREATE_TABLE without opt-in", b -> b.grant(CatalogGrant.of("cas", Set.of(Privilege.CREATE_TABLE))), "[CREATE_TABLE]", "CAS only reads"),
        bad("same catalog twice", b -> b.grant(CatalogGrant.dataReader("cas")).grant(CatalogGrant.dataReader("cas")), "catalog 'cas' is granted twice", "one CatalogGrant per catalog"),
        bad("IPv6 address", b -> b.allowIps("TreasureData", "2001:db8::1"), "'2001:db8::1' is IPv6", "allowed: an IPv4 address"),
        bad("octet above 255", b -> b.allowIps("TreasureData", "203.0.113.256"), "'203.0.113.256' has an octet above 255 (256)", "allowed"),
        bad("prefix /33", b -> b.allowIps("TreasureData", "198.51.100.0/33"), "prefix length /33", "allowed: /0 to /32"),
        bad("leading junk", b -> b.allowIps("TreasureData", " 203.0.113.10"), "' 203.0.113.10' is not an IPv4 address", "allowed"),
        bad("trailing junk", b -> b.allowIps("TreasureData", "203.0.113.10x"), "'203.0.113.10x'", "allowed"),
        bad("three octets", b -> b.allowIps("TreasureData", "203.0.113"), "'203.0.113' is not an IPv4", "allowed"),
        bad("leading zero octet", b -> b.allowIps("TreasureData", "203.0.113.010"), "'203.0.113.010' has an octet with a leading zero", "allowed"),
        bad("empty address", b -> b.allowIps("TreasureData", ""), "IP address is empty", "allowed"),
        bad("no addresses", b -> b.allowIps("TreasureData"), "IP allow list 'TreasureData' has no addresses", "at least one"),
        bad("blank label", b -> b.allowIps(" ", "203.0.113.10"), "IP access list label ' ' is blank", "allowed"),
        bad("0.0.0.0/0 without opt-in", b -> b.servicePrincipal("TD").allowIps("TreasureData", "0.0.0.0/0").build(), "[0.0.0.0/0]", "allowAnyAddress()"),
        bad("no workspace", b -> CasOnboarding.builder().servicePrincipal("TD").build(), "workspace(..) is required", "DatabricksTarget"),
        bad("no service principal", b -> b.build(), "a service principal is required", "adoptServicePrincipal"),
        bad("both name and adopt", b -> b.servicePrincipal("TD").adoptServicePrincipal(APP_ID).build(), "servicePrincipal(\"TD\") and adoptServicePrincipal(\"" + APP_ID + "\")", "exactly one"),
        bad("alwaysNewToken without token", b -> CasOnboarding.builder().workspace(Onboardings.workspace()).servicePrincipal("TD").alwaysNewToken().build(), "alwaysNewToken() needs token(lifetime)", "Duration.ofDays(1)"),
        bad("workspaceId without account", b -> b.servicePrincipal("TD").workspaceId(42).build(), "workspaceId(42)", "only together with account(..)"),
        bad("non-positive workspaceId", b -> b.workspaceId(0), "workspace id 0 is invalid", "allowed: a positive number"),
        bad("account console as workspace", b -> b.workspace(Onboardings.account()), "is an account console", "expected a workspace URL"),
        bad("workspace as account", b -> b.account(Onboardings.workspace()), "is not an account console", "accounts.cloud.databricks.com"),
        bad("account without account id", b -> b.account(DatabricksTarget.pat("https://accounts.cloud.databricks.com", FakeTokens.pat())), "has no account id", "withAccountId"),
        bad("custom step on unknown step", b -> b.servicePrincipal("TD").withoutToken().withoutGrants().addStep(new DependsOnMissing()).build(), "depends on 'warehouse'", "known steps"),
        bad("custom step clashing with a built-in", b -> b.servicePrincipal("TD").withoutToken().withoutGrants().addStep(new NamedLikeBuiltIn()).build(), "two steps are named 'token-usage'", "unique"),
        bad("no decision on the token", b -> b.servicePrincipal("TD").grant(CatalogGrant.dataReader("cas")).build(), "no decision on the token", "withoutToken()"),
        bad("no decision on grants", b -> b.servicePrincipal("TD").token(Duration.ofDays(1)).build(), "no decision on grants", "withoutGrants()"),
        bad("user agent with newline", b -> b.userAgentSuffix("x\ny"), "control character", "printable"),
        bad("shared connections after a transport", b -> b.sharedConnections(SharedConnections.over(r -> null)),
            "transport(..) and sharedConnections(..) exclude each other", "allowed: one of them"));
  }

  private static Arguments bad(String name, Consumer<CasOnboardingBuilder> configure, String namesValue, String saysAllowed) {
    return Arguments.of(name, configure, namesValue, saysAllowed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsRefusedBeforeAnyRequestWithAMessageNamingTheValue(
      String name, Consumer<CasOnboardingBuilder> configure, String namesValue, String saysAllowed) {
    // given
    FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();
    CasOnboardingBuilder builder = CasOnboarding.builder().workspace(Onboardings.workspace()).transport(fake);

    // when / then
    assertThatThrownBy(() -> configure.accept(builder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(namesValue)
        .hasMessageContaining(saysAllowed);
    assertThat(fake.journal()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aTransportAfterSharedConnectionsIsRefusedNamingBoth() {
    // given
    CasOnboardingBuilder builder = CasOnboarding.builder().workspace(Onboardings.workspace()).sharedConnections(SharedConnections.over(r -> null));

    // when / then
    assertThatThrownBy(() -> builder.transport(Onboardings.fakeWorkspace()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transport(..) and sharedConnections(..) exclude each other")
        .hasMessageContaining("SharedConnections.over(transport)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodInput")
  void goodInputIsAccepted(String name, Consumer<CasOnboardingBuilder> configure) {
    // given
    CasOnboardingBuilder builder = CasOnboarding.builder().workspace(Onboardings.workspace()).servicePrincipal("TD-CAS-Service");

    // when
    configure.accept(builder);

    // then
    assertThat(builder.build().steps()).isNotEmpty();
  }

  static Stream<Arguments> goodInput() {
    return Stream.of(
        good("write privileges with opt-in", b -> b.withoutToken().grant(CatalogGrant.of("cas", Set.of(Privilege.MODIFY)).allowWritePrivileges())),
        good("0.0.0.0/0 with opt-in", b -> b.withoutToken().withoutGrants().allowIps("Anyone", "0.0.0.0/0").allowAnyAddress()),
        good("/32 and /0-free CIDRs", b -> b.withoutToken().withoutGrants().allowIps("TreasureData", "203.0.113.10/32", "10.0.0.0/8", "0.0.0.0")),
        good("730-day lifetime", b -> b.withoutGrants().token(Duration.ofDays(730)).alwaysNewToken()),
        good("account with workspace id", b -> b.withoutToken().withoutGrants().account(Onboardings.account()).workspaceId(42)),
        good("255-character name", b -> b.withoutToken().withoutGrants().servicePrincipal("n".repeat(255))),
        good("inner no-break space in name", b -> b.withoutToken().withoutGrants().servicePrincipal("TD\u00a0CAS")),
        good("non-Latin name", b -> b.withoutToken().withoutGrants().servicePrincipal("トレジャーデータ CAS")),
        good("quotes in name", b -> b.withoutToken().withoutGrants().servicePrincipal("TD \"CAS\" \\ Service")),
        good("token and grant", b -> b.token(Duration.ofDays(90)).grant(CatalogGrant.dataReader("cas"))));
  }

  private static Arguments good(String name, Consumer<CasOnboardingBuilder> configure) {
    return Arguments.of(name, configure);
  }

  private static final class DependsOnMissing implements OnboardingStep<String> {
    @Override public String name() { return "needs-warehouse"; }
    @Override public Set<String> dependsOn() { return Set.of("warehouse"); }
    @Override public StepPlan<String> plan(StepContext context) { return StepPlan.noOp("-"); }
    @Override public StepOutcome apply(StepContext context, String planned) { return StepOutcome.unchanged("-"); }
  }

  private static final class NamedLikeBuiltIn implements OnboardingStep<String> {
    @Override public String name() { return "token-usage"; }
    @Override public StepPlan<String> plan(StepContext context) { return StepPlan.noOp("-"); }
    @Override public StepOutcome apply(StepContext context, String planned) { return StepOutcome.unchanged("-"); }
  }
}
