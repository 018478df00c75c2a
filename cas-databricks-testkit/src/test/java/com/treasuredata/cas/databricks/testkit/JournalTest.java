package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void everyRequestIsRecordedWithPrincipalStatusAndWriteFlag() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    Onboard onboard = new Onboard(fake);
    Onboard.Sp sp = onboard.createSp("cas");
    var pat = onboard.onboarded(sp);

    // when
    Api.workspace(fake).as(pat).get("/api/2.0/preview/scim/v2/Me?attributes=userName");
    Api.workspace(fake).anonymous().get("/api/2.0/ip-access-lists");

    // then
    List<JournalEntry> entries = fake.journal().entries();
    assertThat(entries).extracting(JournalEntry::requestLine).containsExactly(
        "POST /api/2.0/accounts/" + fake.accountId() + "/scim/v2/ServicePrincipals",
        "PUT /api/2.0/accounts/" + fake.accountId() + "/workspaces/" + fake.workspaceId()
            + "/permissionassignments/principals/" + sp.id(),
        "PATCH /api/2.0/permissions/authorization/tokens",
        "POST /api/2.0/token-management/on-behalf-of/tokens",
        "GET /api/2.0/preview/scim/v2/Me",
        "GET /api/2.0/ip-access-lists");
    assertThat(entries).extracting(JournalEntry::principal).containsExactly("admin", "admin", "admin", "admin", sp.appId(), "anonymous");
    assertThat(entries).extracting(JournalEntry::status).containsExactly(201, 200, 200, 200, 200, 401);
    assertThat(entries.get(0).workspaceId()).isEmpty();
    assertThat(entries.get(2).workspaceId()).contains(fake.workspaceId());
    assertThat(entries.get(4).query()).contains("attributes=userName");
    assertThat(fake.journal().writes()).hasSize(4);
    assertThat(fake.journal().count()).isEqualTo(6);
  }

  @Test
  void unknownRoutesAre404NamingMethodAndPathAndAreFlagged() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();

    // when
    Api.Resp r = Api.workspace(fake).post("/api/2.0/clusters/create", json("cluster_name", "x"));
    Api.Resp wrongMethod = Api.workspace(fake).send("DELETE", "/api/2.0/ip-access-lists", null);

    // then
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");
    assertThat(r.message()).contains("POST /api/2.0/clusters/create");
    assertThat(wrongMethod.message()).contains("GET, POST");
    assertThat(fake.journal().unknownRoutes()).extracting(JournalEntry::path)
        .containsExactly("/api/2.0/clusters/create", "/api/2.0/ip-access-lists");
  }

  @Test
  void theJournalIsBoundedButCountsEverything() {
    // given
    FakeDatabricks fake = FakeDatabricks.builder().journalCapacity(3).build();
    Api ws = Api.workspace(fake);

    // when
    for (int i = 0; i < 5; i++) {
      ws.get("/api/2.0/preview/scim/v2/Me");
    }

    // then
    assertThat(fake.journal().entries()).extracting(JournalEntry::sequence).containsExactly(3L, 4L, 5L);
    assertThat(fake.journal().count()).isEqualTo(5);
  }

  @Test
  void markSinceAndClearWork() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    Api ws = Api.workspace(fake);
    ws.get("/api/2.0/preview/scim/v2/Me");
    long mark = fake.journal().mark();

    // when
    ws.get("/api/2.0/ip-access-lists");
    List<JournalEntry> since = fake.journal().since(mark);
    fake.journal().clear();

    // then
    assertThat(since).extracting(JournalEntry::path).containsExactly("/api/2.0/ip-access-lists");
    assertThat(fake.journal().entries()).isEmpty();
    assertThat(fake.journal().count()).isZero();
    assertThat(fake.journal().mark()).isEqualTo(mark + 1);
  }

  @Test
  void aReadOnlyRunMakesNoWrites() {
    // given
    FakeDatabricks fake = FakeDatabricks.create();
    Api ws = Api.workspace(fake);

    // when
    ws.get("/api/2.0/workspace-conf?keys=enableIpAccessLists");
    ws.get("/api/2.1/unity-catalog/catalogs/cas_demo_east1");

    // then
    assertThat(fake.journal().writes()).isEmpty();
  }
}
