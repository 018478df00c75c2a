package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScimServicePrincipalsTest {

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Onboard onboard = new Onboard(fake);
  private final Api account = Api.account(fake);
  private final Api ws = Api.workspace(fake);

  private String base() {
    return account.accountPath("/scim/v2/ServicePrincipals");
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private List<String> names(Api.Resp list) {
    List<String> out = new ArrayList<>();
    list.json().path("Resources").forEach(n -> out.add(n.path("displayName").asText()));
    return out;
  }

  @Test
  void createReturns201WithScimShapeAndGeneratedIds() {
    // when
    Api.Resp r = account.post(base(), json("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"),
        "displayName", "TD-CAS-Service"));

    // then
    JsonNode sp = r.json();
    assertThat(r.status()).isEqualTo(201);
    assertThat(sp.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal");
    assertThat(sp.path("id").isTextual()).isTrue();
    assertThat(sp.path("id").asText()).matches("\\d{16,19}");
    assertThat(sp.path("applicationId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(sp.path("active").asBoolean()).isTrue();
    assertThat(fake.account().servicePrincipals()).extracting(s -> s.displayName()).containsExactly("TD-CAS-Service");
  }

  @Test
  void duplicateDisplayNameCreatesASecondPrincipal() {
    // when
    onboard.createSp("same");
    onboard.createSp("same");

    // then
    assertThat(fake.account().servicePrincipalsNamed("same")).hasSize(2);
  }

  @Test
  void duplicateApplicationIdIsRefusedWith409AndTheTerraformMessage() {
    // given
    Onboard.Sp sp = onboard.createSp("first");

    // when
    Api.Resp r = account.post(base(), json("displayName", "second", "applicationId", sp.appId()));

    // then
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.text("/schemas/0")).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(r.text("/status")).isEqualTo("409");
    assertThat(r.text("/detail")).isEqualTo("Service principal with application ID " + sp.appId() + " already exists.");
  }

  @Test
  void duplicateApplicationIdStatusIsConfigurable() {
    // given
    FakeDatabricks custom = FakeDatabricks.builder()
        .behaviours(Behaviours.defaults().withDuplicateApplicationIdStatus(400)).build();
    Onboard.Sp sp = new Onboard(custom).createSp("first");

    // when
    Api.Resp r = Api.account(custom).post(Api.account(custom).accountPath("/scim/v2/ServicePrincipals"),
        json("displayName", "again", "applicationId", sp.appId()));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("/status")).isEqualTo("400");
  }

  @Test
  void getUnknownIdIsScim404() {
    // when
    Api.Resp r = account.get(base() + "/123");

    // then
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text("/status")).isEqualTo("404");
    assertThat(r.json().has("detail")).isTrue();
  }

  @Test
  void filterAcceptsDoubleSingleAndBareQuotingAndEqIsCaseInsensitiveForNames() {
    // given
    onboard.createSp("TD-CAS-Service");
    onboard.createSp("other");

    // when
    Api.Resp dq = account.get(base() + "?filter=" + q("displayName eq \"TD-CAS-Service\""));
    Api.Resp sq = account.get(base() + "?filter=" + q("displayName eq 'td-cas-service'"));
    Api.Resp bare = account.get(base() + "?filter=" + q("displayName eq TD-CAS-Service"));

    // then
    assertThat(names(dq)).containsExactly("TD-CAS-Service");
    assertThat(names(sq)).containsExactly("TD-CAS-Service");
    assertThat(names(bare)).containsExactly("TD-CAS-Service");
    assertThat(dq.json().path("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void filterSupportsCoSwNeAndOrAndApplicationIdAndId() {
    // given
    Onboard.Sp a = onboard.createSp("alpha-one");
    onboard.createSp("alpha-two");
    onboard.createSp("beta");

    // when / then
    assertThat(names(account.get(base() + "?filter=" + q("displayName co \"pha\"")))).containsExactlyInAnyOrder("alpha-one", "alpha-two");
    assertThat(names(account.get(base() + "?filter=" + q("displayName sw \"beta\"")))).containsExactly("beta");
    assertThat(names(account.get(base() + "?filter=" + q("displayName ne \"beta\"")))).containsExactlyInAnyOrder("alpha-one", "alpha-two");
    assertThat(names(account.get(base() + "?filter=" + q("displayName sw \"alpha\" and displayName ne \"alpha-two\""))))
        .containsExactly("alpha-one");
    assertThat(names(account.get(base() + "?filter=" + q("displayName eq \"beta\" or displayName eq \"alpha-two\""))))
        .containsExactlyInAnyOrder("alpha-two", "beta");
    assertThat(names(account.get(base() + "?filter=" + q("applicationId eq \"" + a.appId() + "\"")))).containsExactly("alpha-one");
    assertThat(names(account.get(base() + "?filter=" + q("id eq \"" + a.id() + "\"")))).containsExactly("alpha-one");
  }

  @Test
  void malformedFilterIsScim400InvalidFilter() {
    // when
    Api.Resp r = account.get(base() + "?filter=" + q("displayName zz \"x\""));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("/scimType")).isEqualTo("invalidFilter");
  }

  @Test
  void pagingReturnsEmptyResourcesPastTheEndAndClampsLargeCounts() {
    // given
    for (int i = 0; i < 5; i++) {
      onboard.createSp("sp-" + i);
    }

    // when
    Api.Resp sdkStyle = account.get(base() + "?startIndex=1&count=10000");
    Api.Resp page2 = account.get(base() + "?startIndex=3&count=2");
    Api.Resp past = account.get(base() + "?startIndex=6&count=10000");

    // then
    assertThat(sdkStyle.json().path("Resources")).hasSize(5);
    assertThat(sdkStyle.json().path("itemsPerPage").asInt()).isEqualTo(5);
    // the real API promises no order: page 2 is the 3rd and 4th of whatever order the full list has
    assertThat(names(page2)).containsExactlyElementsOf(names(sdkStyle).subList(2, 4));
    assertThat(past.status()).isEqualTo(200);
    assertThat(past.json().path("Resources")).isEmpty();
    assertThat(past.json().path("totalResults").asInt()).isEqualTo(5);
  }

  @Test
  void countAboveTheConfiguredMaximumIsClamped() {
    // given
    FakeDatabricks custom = FakeDatabricks.builder().behaviours(Behaviours.defaults().withScimMaxPageSize(2)).build();
    Onboard o = new Onboard(custom);
    o.createSp("a");
    o.createSp("b");
    o.createSp("c");

    // when
    Api.Resp r = o.account.get(o.account.accountPath("/scim/v2/ServicePrincipals?startIndex=1&count=10000"));

    // then
    assertThat(r.json().path("Resources")).hasSize(2);
    assertThat(r.json().path("totalResults").asInt()).isEqualTo(3);
  }

  @Test
  void attributesAndExcludedAttributesProjectTheResources() {
    // given
    onboard.createSp("projected");

    // when
    JsonNode only = account.get(base() + "?attributes=displayName").json().path("Resources").get(0);
    JsonNode without = account.get(base() + "?excludedAttributes=" + q("applicationId,active")).json().path("Resources").get(0);

    // then
    assertThat(only.has("displayName")).isTrue();
    assertThat(only.has("id")).isTrue();
    assertThat(only.has("applicationId")).as("applicationId is answered whatever attributes asks").isTrue();
    assertThat(only.has("active")).isFalse();
    assertThat(without.has("applicationId")).isFalse();
    assertThat(without.has("active")).isFalse();
    assertThat(without.has("displayName")).isTrue();
  }

  @Test
  void putReplacesFieldsButRefusesAnApplicationIdChange() {
    // given
    Onboard.Sp sp = onboard.createSp("before");

    // when
    Api.Resp ok = account.put(base() + "/" + sp.id(), json("displayName", "after", "active", false));
    Api.Resp refused = account.put(base() + "/" + sp.id(), json("displayName", "x", "applicationId", "other"));

    // then
    assertThat(ok.status()).isEqualTo(200);
    assertThat(fake.account().servicePrincipal(sp.appId()).orElseThrow().displayName()).isEqualTo("after");
    assertThat(fake.account().servicePrincipal(sp.appId()).orElseThrow().active()).isFalse();
    assertThat(refused.status()).isEqualTo(400);
  }

  @Test
  void patchOpDeactivatesWithTerraformsValueShapeAndRenames() {
    // given
    Onboard.Sp sp = onboard.createSp("before");

    // when
    Api.Resp r = account.patch(base() + "/" + sp.id(), json(
        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
        "Operations", List.of(
            Map.of("op", "replace", "path", "active", "value", List.of(Map.of("value", "false"))),
            Map.of("op", "replace", "path", "displayName", "value", "renamed"))));

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(fake.account().servicePrincipal(sp.appId()).orElseThrow().active()).isFalse();
    assertThat(fake.account().servicePrincipal(sp.appId()).orElseThrow().displayName()).isEqualTo("renamed");
  }

  @Test
  void aLookupByNameFindsARenamedServicePrincipalUnderItsNewNameOnly() {
    // given: a lookup by the old name, then a rename
    Onboard.Sp sp = onboard.createSp("Before-Name");
    assertThat(names(account.get(base() + "?filter=" + q("displayName eq \"before-name\"")))).containsExactly("Before-Name");
    account.patch(base() + "/" + sp.id(), json("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
        "Operations", List.of(Map.of("op", "replace", "path", "displayName", "value", "After-Name"))));

    // when
    Api.Resp byOld = account.get(base() + "?filter=" + q("displayName eq \"before-name\""));
    Api.Resp byNew = account.get(base() + "?filter=" + q("displayName eq \"AFTER-name\""));

    // then
    assertThat(names(byOld)).isEmpty();
    assertThat(names(byNew)).containsExactly("After-Name");
  }

  @Test
  void patchWithoutOperationsIsScim400() {
    // given
    Onboard.Sp sp = onboard.createSp("x");

    // when
    Api.Resp r = account.patch(base() + "/" + sp.id(), json("schemas", List.of("x")));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("/status")).isEqualTo("400");
  }

  @Test
  void deleteAnswers204AndEndsThePrincipalsTokens() {
    // given
    Onboard.Sp sp = onboard.createSp("doomed");
    var pat = onboard.onboarded(sp);

    // when
    Api.Resp r = account.delete(base() + "/" + sp.id());
    Api.Resp me = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(fake.account().servicePrincipals()).isEmpty();
    assertThat(fake.workspace().tokens()).isEmpty();
    assertThat(me.status()).isEqualTo(403);
    assertThat(me.message()).isEqualTo("Invalid access token.");
  }

  @Test
  void workspaceScimListsOnlyAssignedPrincipalsWithGroups() {
    // given
    Onboard.Sp in = onboard.createSp("in");
    onboard.createSp("out");
    onboard.assign(in, "USER");

    // when
    Api.Resp r = ws.get("/api/2.0/preview/scim/v2/ServicePrincipals");

    // then
    assertThat(names(r)).containsExactly("in");
    assertThat(r.json().path("Resources").get(0).path("groups").get(0).path("display").asText()).isEqualTo("users");
  }

  @Test
  void workspaceScimCreateAddsANewPrincipalToAccountAndWorkspace() {
    // when
    Api.Resp r = ws.post("/api/2.0/preview/scim/v2/ServicePrincipals", json("displayName", "ws-made"));

    // then
    assertThat(r.status()).isEqualTo(201);
    assertThat(fake.account().servicePrincipalsNamed("ws-made")).hasSize(1);
    assertThat(fake.workspace().assignments()).extracting(a -> a.displayName()).containsExactly("ws-made");
  }

  @Test
  void workspaceScimCreateWithAnExistingApplicationIdAttachesIt() {
    // given
    Onboard.Sp sp = onboard.createSp("account-made");

    // when
    Api.Resp r = ws.post("/api/2.0/preview/scim/v2/ServicePrincipals", json("applicationId", sp.appId()));

    // then
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.text("/id")).isEqualTo(sp.id());
    assertThat(fake.workspace().assignments()).extracting(a -> a.principalName()).containsExactly(sp.appId());
  }

  @Test
  void workspaceScimDeleteRemovesFromTheWorkspaceOnly() {
    // given
    Onboard.Sp sp = onboard.createSp("member");
    onboard.assign(sp, "USER");

    // when
    Api.Resp r = ws.delete("/api/2.0/preview/scim/v2/ServicePrincipals/" + sp.id());

    // then
    assertThat(r.status()).isEqualTo(204);
    assertThat(fake.workspace().assignments()).isEmpty();
    assertThat(fake.account().servicePrincipals()).hasSize(1);
  }

  @Test
  void meForAnSpTokenReturnsTheApplicationIdAsUserName() {
    // given
    Onboard.Sp sp = onboard.createSp("me");
    var pat = onboard.onboarded(sp);

    // when
    Api.Resp r = ws.as(pat).get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("/userName")).isEqualTo(sp.appId());
    assertThat(r.text("/id")).isEqualTo(sp.id());
    assertThat(r.text("/schemas/0")).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
  }

  @Test
  void meForTheAdminTokenReturnsTheAdminUser() {
    // when
    Api.Resp r = ws.get("/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(r.text("/userName")).isEqualTo(fake.adminUserName());
  }
}
