package com.treasuredata.cas.databricks.steps;

import com.treasuredata.cas.databricks.CasOnboardingBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.CasOnboarding;
import com.treasuredata.cas.databricks.CatalogGrant;
import com.treasuredata.cas.databricks.DatabricksTarget;
import com.treasuredata.cas.databricks.OnboardingResult;
import com.treasuredata.cas.databricks.RetryPolicy;
import com.treasuredata.cas.databricks.testing.FakeTokens;
import com.treasuredata.cas.databricks.testing.FakeWorkspaceTransport;
import com.treasuredata.cas.databricks.testing.Onboardings;
import com.treasuredata.cas.databricks.transport.TransportRequest;
import com.treasuredata.cas.databricks.transport.TransportResponse;
import com.treasuredata.cas.databricks.transport.okhttp.OkHttpTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every built-in step's exact HTTP request, as it reaches a real socket (workspace-only onboarding). */
class WireFormatTest {

  private final MockWebServer server = new MockWebServer();
  private final FakeWorkspaceTransport fake = Onboardings.fakeWorkspace();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        TransportRequest forward = TransportRequest.of(request.getMethod(), FakeWorkspaceTransport.WORKSPACE_HOST.resolve(request.getTarget()));
        for (String name : request.getHeaders().names()) {
          forward = forward.withHeader(name, request.getHeaders().get(name));
        }
        if (request.getBody() != null && request.getBodySize() > 0) {
          forward = forward.withBody(request.getBody().utf8());
        }
        try {
          TransportResponse response = fake.execute(forward);
          MockResponse.Builder out = new MockResponse.Builder().code(response.status()).body(response.body());
          response.headers().forEach(out::setHeader);
          return out.build();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CasOnboardingBuilder onboarding() {
    String host = server.url("/").toString().replaceAll("/$", "");
    return CasOnboarding.builder()
        .workspace(DatabricksTarget.pat(host, FakeTokens.pat()))
        .servicePrincipal("TD-CAS-Service")
        .token(Duration.ofDays(1))
        .grant(CatalogGrant.dataReader("cas_demo_east1"))
        .allowIps("TreasureData", "203.0.113.10", "198.51.100.0/24")
        .transport(OkHttpTransport.create())
        .clock(java.time.Clock.fixed(java.time.Instant.ofEpochMilli(fake.now()), java.time.ZoneOffset.UTC))
        .retryPolicy(RetryPolicy.none());
  }

  private int consumed;

  /** Returns the requests received since the last call (getRequestCount() is cumulative). */
  private List<RecordedRequest> taken() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (int total = server.getRequestCount(); consumed < total; consumed++) {
      out.add(server.takeRequest());
    }
    return out;
  }

  private static RecordedRequest find(List<RecordedRequest> requests, String method, String targetPrefix) {
    List<RecordedRequest> found =
        requests.stream().filter(r -> r.getMethod().equals(method) && r.getTarget().startsWith(targetPrefix)).toList();
    assertThat(found).as(method + " " + targetPrefix).hasSize(1);
    return found.get(0);
  }

  private static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().utf8();
  }

  @Test
  void freshOnboardingSendsExactlyTheseRequests() throws Exception {
    // when
    OnboardingResult result = onboarding().build().apply();

    // then
    List<RecordedRequest> requests = taken();
    String appId = result.applicationId();
    assertThat(requests).hasSize(result.requestCount());

    // looked up once, before the create (another process's create is looked for only when guarded against)
    List<RecordedRequest> lookups =
        requests.stream().filter(r -> r.getMethod().equals("GET") && r.getTarget().startsWith("/api/2.0/preview/scim/v2/ServicePrincipals")).toList();
    assertThat(lookups).hasSize(1).allSatisfy(lookup -> {
      assertThat(lookup.getTarget()).isEqualTo("/api/2.0/preview/scim/v2/ServicePrincipals?filter=displayName%20eq%20%22TD-CAS-Service%22");
      assertThat(lookup.getBodySize()).isZero();
    });

    assertThat(find(requests, "GET", "/api/2.0/workspace-conf").getTarget())
        .isEqualTo("/api/2.0/workspace-conf?keys=enableIpAccessLists%2CmaxTokenLifetimeDays%2CenableTokensConfig");
    find(requests, "GET", "/api/2.1/unity-catalog/catalogs/cas_demo_east1");
    find(requests, "GET", "/api/2.0/ip-access-lists");

    RecordedRequest create = find(requests, "POST", "/api/2.0/preview/scim/v2/ServicePrincipals");
    assertThat(body(create))
        .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal\"],\"displayName\":\"TD-CAS-Service\",\"active\":true}");
    assertThat(create.getHeaders().get("Content-Type")).startsWith("application/json");

    RecordedRequest usage = find(requests, "PATCH", "/api/2.0/permissions/authorization/tokens");
    assertThat(body(usage)).isEqualTo("{\"access_control_list\":[{\"service_principal_name\":\"" + appId + "\",\"permission_level\":\"CAN_USE\"}]}");
    assertThat(requests).noneSatisfy(r -> assertThat(r.getMethod() + " " + r.getTarget()).isEqualTo("PUT /api/2.0/permissions/authorization/tokens"));

    RecordedRequest obo = find(requests, "POST", "/api/2.0/token-management/on-behalf-of/tokens");
    assertThat(body(obo)).matches(
        "\\{\"application_id\":\"" + appId + "\",\"lifetime_seconds\":86400,\"comment\":\"cas-databricks " + appId + " [0-9a-f]{8}\",\"autoscope_enabled\":false\\}");

    RecordedRequest verify = find(requests, "GET", "/api/2.0/token/list");
    assertThat(verify.getHeaders().get("Authorization")).isEqualTo("Bearer " + result.token().orElseThrow().reveal());

    RecordedRequest grant = find(requests, "PATCH", "/api/2.1/unity-catalog/permissions/catalog/cas_demo_east1");
    assertThat(body(grant))
        .isEqualTo("{\"changes\":[{\"principal\":\"" + appId + "\",\"add\":[\"BROWSE\",\"EXECUTE\",\"SELECT\",\"USE_CATALOG\",\"USE_SCHEMA\"]}]}");

    RecordedRequest ip = find(requests, "POST", "/api/2.0/ip-access-lists");
    assertThat(body(ip)).isEqualTo("{\"label\":\"TreasureData\",\"list_type\":\"ALLOW\",\"ip_addresses\":[\"203.0.113.10\",\"198.51.100.0/24\"]}");

    assertThat(requests).allSatisfy(r -> assertThat(r.getHeaders().get("User-Agent")).startsWith("cas-databricks/"));
  }

  @Test
  void rerunReadsWithTheseQueriesAndWritesNothing() throws Exception {
    // given
    OnboardingResult first = onboarding().build().apply();
    taken();

    // when
    OnboardingResult second = onboarding().build().apply();

    // then
    List<RecordedRequest> requests = taken();
    String appId = first.applicationId();
    assertThat(requests).allSatisfy(r -> assertThat(r.getMethod()).isEqualTo("GET"));
    assertThat(second.requestCount()).isEqualTo(requests.size()).isLessThanOrEqualTo(8);
    find(requests, "GET", "/api/2.0/permissions/authorization/tokens");
    find(requests, "GET", "/api/2.0/token-management/tokens");
    assertThat(find(requests, "GET", "/api/2.1/unity-catalog/permissions/catalog/cas_demo_east1").getTarget())
        .isEqualTo("/api/2.1/unity-catalog/permissions/catalog/cas_demo_east1?principal=" + appId);
  }

  @Test
  void quotesAndBackslashesInTheNameAreEscapedInTheScimFilter() throws Exception {
    // when
    onboarding().servicePrincipal("TD \"CAS\" \\ x").build().plan();

    // then
    RecordedRequest lookup = find(taken(), "GET", "/api/2.0/preview/scim/v2/ServicePrincipals");
    assertThat(java.net.URLDecoder.decode(lookup.getTarget(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("/api/2.0/preview/scim/v2/ServicePrincipals?filter=displayName eq \"TD \\\"CAS\\\" \\\\ x\"");
  }
}
