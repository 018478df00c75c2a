package com.treasuredata.cas.databricks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.treasuredata.cas.databricks.transport.TransportRequest;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest {

  private final FakeDatabricks fake = FakeDatabricks.create();

  private FakeResponse handle(String method, String path, String host, Map<String, String> extraHeaders) {
    Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
    headers.put("Authorization", "Bearer " + fake.adminToken().reveal());
    return fake.handle(new FakeRequest(method, path, null, headers, "", "127.0.0.1", host));
  }

  @Test
  void defaultHostsAreTheDocumentedInProcessOnes() {
    // then
    assertThat(fake.accountHost()).isEqualTo(URI.create("https://accounts.fake-databricks.test"));
    assertThat(fake.workspaceHost()).isEqualTo(URI.create("https://dbc-" + fake.workspaceId() + ".fake-databricks.test"));
  }

  @Test
  void workspaceIsChosenByHostThenHeaderThenDefault() {
    // given
    FakeWorkspace second = fake.addWorkspace(42L, "second", "other_catalog");
    fake.registerWorkspaceHost(42L, URI.create("http://127.0.0.1:9999"));
    String catalogPath = "/api/2.1/unity-catalog/catalogs/other_catalog";

    // when
    int byHost = handle("GET", catalogPath, second.host().toString(), Map.of()).status();
    int byRegisteredHost = handle("GET", catalogPath, "http://127.0.0.1:9999", Map.of()).status();
    int byHeader = handle("GET", catalogPath, "http://localhost:1", Map.of("X-Databricks-Workspace-Id", "42")).status();
    int byDefault = handle("GET", catalogPath, "http://localhost:1", Map.of()).status();

    // then
    assertThat(byHost).isEqualTo(200);
    assertThat(byRegisteredHost).isEqualTo(200);
    assertThat(byHeader).isEqualTo(200);
    assertThat(byDefault).isEqualTo(404);
    assertThat(fake.workspaces()).extracting(FakeWorkspace::id).containsExactly(fake.workspaceId(), 42L);
  }

  @Test
  void accountPathsGoToTheAccountWhateverTheHost() {
    // when
    FakeResponse r = handle("GET", "/api/2.0/accounts/" + fake.accountId() + "/workspaces", fake.workspaceHost().toString(), Map.of());

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(fake.journal().last().orElseThrow().workspaceId()).isEmpty();
  }

  @Test
  void workspaceResponsesCarryTheOrgIdHeaderAndAccountResponsesDoNot() {
    // when
    FakeResponse ws = handle("GET", "/api/2.0/preview/scim/v2/Me", fake.workspaceHost().toString(), Map.of());
    FakeResponse wsError = handle("GET", "/api/2.1/unity-catalog/catalogs/nope", fake.workspaceHost().toString(), Map.of());
    FakeResponse account = handle("GET", "/api/2.0/accounts/" + fake.accountId() + "/workspaces", fake.accountHost().toString(), Map.of());

    // then
    assertThat(ws.header("X-Databricks-Org-Id")).contains(Long.toString(fake.workspaceId()));
    assertThat(wsError.header("X-Databricks-Org-Id")).contains(Long.toString(fake.workspaceId()));
    assertThat(account.header("X-Databricks-Org-Id")).isEmpty();
  }

  @Test
  void theInProcessTransportRefusesForeignHosts() {
    // then
    assertThatThrownBy(() -> fake.transport().execute(TransportRequest.get(URI.create("https://dbc-1.cloud.databricks.com/api/2.0/x"))))
        .isInstanceOf(UnknownHostException.class).hasMessageContaining("not a host of this FakeDatabricks");
  }

  @Test
  void workspacesAddedAfterRequestsAndAfterARestoreAreFoundByHostAndOthersStayUnknown() throws Exception {
    // given: a request has been answered (the host index is built), then a workspace is added
    String catalogPath = "/api/2.1/unity-catalog/catalogs/";
    assertThat(handle("GET", catalogPath + "cas_demo_east1", fake.workspaceHost().toString(), Map.of()).status()).isEqualTo(200);
    Snapshot before = fake.snapshot();
    FakeWorkspace added = fake.addWorkspace(43L, "added", "added_catalog");
    URI addedHost = added.host();

    // then the new host reaches the new workspace, not the default one
    assertThat(handle("GET", catalogPath + "added_catalog", added.host().toString(), Map.of()).status()).isEqualTo(200);
    assertThat(fake.transport().execute(TransportRequest.get(URI.create(added.host() + "/api/2.0/preview/scim/v2/Me"))).status())
        .as("a known host, unauthenticated").isEqualTo(401);

    // and after a restore to before it was added, its host is foreign again
    fake.restore(before);
    assertThatThrownBy(() -> fake.transport().execute(TransportRequest.get(URI.create(addedHost + "/api/2.0/x"))))
        .isInstanceOf(UnknownHostException.class);
    FakeWorkspace again = fake.addWorkspace(44L, "again", "again_catalog");
    assertThat(handle("GET", catalogPath + "again_catalog", again.host().toString(), Map.of()).status()).isEqualTo(200);
  }

  @Test
  void callerAddressMustBeIpv4() {
    // then
    assertThatThrownBy(() -> fake.callerAddress("localhost")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("localhost");
  }

  @Test
  void brokenPercentEscapesAreAnsweredNotThrown() {
    // given: what a raw HTTP client may send; java.net.URI itself refuses to build these
    Map<String, String> auth = Map.of("Authorization", "Bearer " + fake.adminToken().reveal());
    String host = fake.workspaceHost().toString();

    // when
    FakeResponse path = fake.handle(new FakeRequest("GET", "/api/2.1/unity-catalog/catalogs/bad%zz", null, auth, "", "127.0.0.1", host));
    FakeResponse query = fake.handle(new FakeRequest("GET", "/api/2.0/workspace-conf", "keys=%zz", auth, "", "127.0.0.1", host));

    // then
    assertThat(path.status()).isEqualTo(404);
    assertThat(query.status()).isEqualTo(400);
  }

  @Test
  void malformedJsonIsMalformedRequest() {
    // when
    Api.Resp r = Api.workspace(fake).send("POST", "/api/2.0/ip-access-lists", "{not json");

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("MALFORMED_REQUEST");
  }
}
