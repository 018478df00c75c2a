package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkTest {

  private static final String LISTS = "/api/2.0/ip-access-lists";

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Api ws = Api.workspace(fake);

  private Api.Resp create(String label, String type, String... addresses) {
    return ws.post(LISTS, json("label", label, "list_type", type, "ip_addresses", List.of(addresses)));
  }

  // ------------------------------------------------------------------ IP access lists

  @Test
  void createListGetReplaceUpdateAndDelete() {
    // when
    Api.Resp created = create("TreasureData", "ALLOW", "1.2.3.4", "5.6.7.0/24", "127.0.0.1");
    String id = created.text("/ip_access_list/list_id");
    Api.Resp list = ws.get(LISTS);
    Api.Resp get = ws.get(LISTS + "/" + id);
    Api.Resp put = ws.put(LISTS + "/" + id, json("label", "TreasureData", "list_type", "ALLOW", "enabled", true,
        "ip_addresses", List.of("127.0.0.1", "9.9.9.9")));
    Api.Resp patch = ws.patch(LISTS + "/" + id, json("enabled", false));
    Api.Resp del = ws.delete(LISTS + "/" + id);
    Api.Resp gone = ws.get(LISTS + "/" + id);

    // then
    JsonNode info = created.json().path("ip_access_list");
    assertThat(created.status()).isEqualTo(200);
    assertThat(info.path("address_count").asInt()).isEqualTo(3);
    assertThat(info.path("enabled").asBoolean()).isTrue();
    assertThat(info.path("created_at").asLong()).isEqualTo(fake.clock().millis());
    assertThat(list.json().path("ip_access_lists")).hasSize(1);
    assertThat(get.text("/ip_access_list/label")).isEqualTo("TreasureData");
    assertThat(put.status()).isEqualTo(200);
    assertThat(patch.status()).isEqualTo(200);
    assertThat(del.status()).isEqualTo(200);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(gone.message()).isEqualTo("Can't find an IP access list with id: " + id + ".");
  }

  @Test
  void aDuplicateLabelAndTypeIsResourceAlreadyExists() {
    // given
    create("TreasureData", "ALLOW", "1.2.3.4");

    // when
    Api.Resp r = create("TreasureData", "ALLOW", "5.6.7.8");
    Api.Resp otherType = create("TreasureData", "BLOCK", "5.6.7.8");

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    assertThat(r.message()).isEqualTo("IP access list with type (ALLOW) and label (TreasureData) already exists");
    assertThat(otherType.status()).isEqualTo(200);
  }

  @Test
  void onlyIpv4AndCidrAreAccepted() {
    // when
    Api.Resp v6 = create("v6", "ALLOW", "2001:db8::1");
    Api.Resp octet = create("octet", "ALLOW", "1.2.3.256");
    Api.Resp prefix = create("prefix", "ALLOW", "1.2.3.0/33");
    Api.Resp type = create("type", "allow", "1.2.3.4");

    // then
    assertThat(List.of(v6, octet, prefix, type)).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    });
  }

  @Test
  void moreThanAThousandAddressesInAllListsIsQuotaExceeded() {
    // given
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add("10.0." + (i / 256) + "." + (i % 256));
    }
    List<String> more = new ArrayList<>();
    for (int i = 0; i < 401; i++) {
      more.add("10.1." + (i / 256) + "." + (i % 256));
    }
    assertThat(ws.post(LISTS, json("label", "a", "list_type", "BLOCK", "ip_addresses", many)).status()).isEqualTo(200);

    // when
    Api.Resp r = ws.post(LISTS, json("label", "b", "list_type", "BLOCK", "ip_addresses", more));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("QUOTA_EXCEEDED");
  }

  @Test
  void aChangeThatWouldBlockTheCallerIsInvalidStateWhileEnabled() {
    // given
    fake.workspace().setConf("enableIpAccessLists", "true");

    // when
    Api.Resp r = create("TreasureData", "ALLOW", "1.2.3.4");

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_STATE");
    assertThat(r.message()).isEqualTo("Your current IP 127.0.0.1 will not be allowed to access the workspace under current configuration");
    assertThat(fake.workspace().ipAccessLists()).isEmpty();
  }

  @Test
  void theLockoutCheckIgnoresDisabledFeatureUnlessConfigured() {
    // given
    FakeDatabricks strict = FakeDatabricks.builder()
        .behaviours(Behaviours.defaults().withIpLockoutCheckWhenDisabled(true)).build();

    // when
    Api.Resp lenient = create("TreasureData", "ALLOW", "1.2.3.4");
    Api.Resp refused = Api.workspace(strict).post(LISTS, json("label", "TreasureData", "list_type", "ALLOW",
        "ip_addresses", List.of("1.2.3.4")));

    // then
    assertThat(lenient.status()).isEqualTo(200);
    assertThat(refused.errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void enablingTheFeatureWhileListsWouldBlockTheCallerIsInvalidState() {
    // given
    create("TreasureData", "ALLOW", "1.2.3.4");

    // when
    Api.Resp r = ws.patch("/api/2.0/workspace-conf", json("enableIpAccessLists", "true"));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void enabledListsAreEnforcedOnEveryWorkspaceRequestBlockBeforeAllow() {
    // given
    fake.workspace().addIpAccessList("office", "ALLOW", "127.0.0.1", "203.0.113.0/24");
    fake.workspace().addIpAccessList("bad", "BLOCK", "203.0.113.66");
    fake.workspace().setConf("enableIpAccessLists", "true");

    // when
    fake.callerAddress("203.0.113.7");
    int allowed = ws.get("/api/2.0/preview/scim/v2/Me").status();
    fake.callerAddress("203.0.113.66");
    Api.Resp blocked = ws.get("/api/2.0/preview/scim/v2/Me");
    fake.callerAddress("198.51.100.1");
    Api.Resp notAllowed = ws.get("/api/2.0/preview/scim/v2/Me");
    int accountUnaffected = Api.account(fake).get(Api.account(fake).accountPath("/workspaces")).status();

    // then
    assertThat(allowed).isEqualTo(200);
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.message()).contains("203.0.113.66").contains("blocked");
    assertThat(notAllowed.status()).isEqualTo(403);
    assertThat(accountUnaffected).isEqualTo(200);
  }

  @Test
  void seededListsAreVisibleAsRecords() {
    // when
    IpAccessList l = fake.workspace().addIpAccessList("TreasureData", "ALLOW", "1.2.3.4");

    // then
    assertThat(fake.workspace().ipAccessLists()).containsExactly(l);
    assertThat(l.ipAddresses()).containsExactly("1.2.3.4");
  }

  // ------------------------------------------------------------------ workspace-conf

  @Test
  void confGetReturnsStringValuesAndNullForUnsetKeys() {
    // when
    Api.Resp r = ws.get("/api/2.0/workspace-conf?keys=enableIpAccessLists,maxTokenLifetimeDays");

    // then
    assertThat(r.json().path("enableIpAccessLists").isTextual()).isTrue();
    assertThat(r.text("/enableIpAccessLists")).isEqualTo("false");
    assertThat(r.json().has("maxTokenLifetimeDays")).isTrue();
    assertThat(r.json().path("maxTokenLifetimeDays").isNull()).isTrue();
  }

  @Test
  void unsetKeysCanBeLeftOut() {
    // given
    FakeDatabricks custom = FakeDatabricks.builder().behaviours(Behaviours.defaults().withConfUnsetKeysAsNull(false)).build();

    // when
    Api.Resp r = Api.workspace(custom).get("/api/2.0/workspace-conf?keys=maxTokenLifetimeDays");

    // then
    assertThat(r.json().has("maxTokenLifetimeDays")).isFalse();
  }

  @Test
  void keysAreRequiredUnlessConfiguredOtherwise() {
    // given
    FakeDatabricks lenient = FakeDatabricks.builder().behaviours(Behaviours.defaults().withConfKeysRequired(false)).build();

    // when
    Api.Resp strict = ws.get("/api/2.0/workspace-conf");
    Api.Resp all = Api.workspace(lenient).get("/api/2.0/workspace-conf");

    // then
    assertThat(strict.status()).isEqualTo(400);
    assertThat(all.text("/enableTokensConfig")).isEqualTo("true");
  }

  @Test
  void unknownKeysAreInvalidKeysWithAJsonArray() {
    // when
    Api.Resp r = ws.get("/api/2.0/workspace-conf?keys=enableIpAccessLists,x,y");

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("Invalid keys: [\"x\",\"y\"]");
  }

  @Test
  void patchSetsStringValuesAndRejectsDisallowedOnes() {
    // when
    Api.Resp ok = ws.patch("/api/2.0/workspace-conf", json("maxTokenLifetimeDays", "90"));
    Api.Resp bad = ws.patch("/api/2.0/workspace-conf", json("maxTokenLifetimeDays", "9999"));
    Api.Resp notString = ws.patch("/api/2.0/workspace-conf", json("enableTokensConfig", true));

    // then
    assertThat(ok.status()).isEqualTo(204);
    assertThat(fake.workspace().conf()).containsEntry("maxTokenLifetimeDays", "90");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorCode()).isEqualTo("INVALID_REQUEST");
    assertThat(bad.message()).isEqualTo("Some values are not allowed: {\"maxTokenLifetimeDays\":\"9999\"}");
    assertThat(notString.errorCode()).isEqualTo("INVALID_REQUEST");
    assertThat(Map.copyOf(fake.workspace().conf())).containsEntry("enableTokensConfig", "true");
  }
}
