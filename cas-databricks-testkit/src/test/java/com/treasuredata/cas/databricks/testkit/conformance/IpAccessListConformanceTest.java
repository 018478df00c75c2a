package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.settings.CreateIpAccessList;
import com.databricks.sdk.service.settings.GetIpAccessListResponse;
import com.databricks.sdk.service.settings.GetStatusRequest;
import com.databricks.sdk.service.settings.IpAccessListInfo;
import com.databricks.sdk.service.settings.ListType;
import com.databricks.sdk.service.settings.ReplaceIpAccessList;
import com.databricks.sdk.service.settings.UpdateIpAccessList;
import com.treasuredata.cas.databricks.testkit.state.IpAccessList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IP access lists (reference §g.1) with enforcement and lockout protection, and workspace-conf
 * (§g.2). The caller is 127.0.0.1 in both modes unless a test says otherwise: the loopback socket
 * over HTTP, the fake's default caller address in-process.
 */
class IpAccessListConformanceTest extends SharedFakeConformanceTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createListGetReplaceUpdateAndDelete(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    IpAccessListInfo created = ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData")
        .setListType(ListType.ALLOW).setIpAddresses(List.of("1.2.3.4", "5.6.7.0/24"))).getIpAccessList();
    String id = created.getListId();
    List<IpAccessListInfo> listed = toList(ws.ipAccessLists().list());
    IpAccessListInfo fetched = ws.ipAccessLists().get(id).getIpAccessList();
    ws.ipAccessLists().replace(new ReplaceIpAccessList().setIpAccessListId(id).setLabel("TreasureData")
        .setListType(ListType.ALLOW).setEnabled(true).setIpAddresses(List.of("1.2.3.4", "5.6.7.0/24", "8.8.8.8")));
    IpAccessListInfo replaced = ws.ipAccessLists().get(id).getIpAccessList();
    ws.ipAccessLists().update(new UpdateIpAccessList().setIpAccessListId(id).setEnabled(false));
    IpAccessListInfo updated = ws.ipAccessLists().get(id).getIpAccessList();
    ws.ipAccessLists().delete(id);

    // then
    assertThat(id).isNotBlank();
    assertThat(created.getLabel()).isEqualTo("TreasureData");
    assertThat(created.getListType()).isEqualTo(ListType.ALLOW);
    assertThat(created.getEnabled()).isTrue();
    assertThat(created.getAddressCount()).isEqualTo(2L);
    assertThat(listed).extracting(IpAccessListInfo::getListId).containsExactly(id);
    assertThat(fetched.getIpAddresses()).containsExactly("1.2.3.4", "5.6.7.0/24");
    assertThat(replaced.getIpAddresses()).containsExactly("1.2.3.4", "5.6.7.0/24", "8.8.8.8");
    assertThat(replaced.getAddressCount()).isEqualTo(3L);
    assertThat(updated.getEnabled()).isFalse();
    assertThat(updated.getIpAddresses()).hasSize(3);
    assertThat(fx.fake().workspace().ipAccessLists()).isEmpty();
    assertSdkError(() -> ws.ipAccessLists().get(id), ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST")
        .hasMessageContaining("Can't find an IP access list with id: " + id + ".");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void workspaceConfReadsAndWritesStringValues(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    Map<String, String> before = confStatus(ws, "enableIpAccessLists,enableTokensConfig");
    ws.workspaceConf().setStatus(Map.of("enableIpAccessLists", "true", "maxTokenLifetimeDays", "90"));
    Map<String, String> after = confStatus(ws, "enableIpAccessLists,maxTokenLifetimeDays");

    // then
    assertThat(before).containsEntry("enableIpAccessLists", "false").containsEntry("enableTokensConfig", "true");
    assertThat(after).containsEntry("enableIpAccessLists", "true").containsEntry("maxTokenLifetimeDays", "90");
    assertThat(fx.fake().workspace().conf()).containsEntry("maxTokenLifetimeDays", "90");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theTypedGetStatusOfSdk0141NeverSendsItsKeys(Mode mode) {
    // given: WorkspaceConfImpl.getStatus in databricks-sdk-java 0.141.0 forgets ApiClient.setQuery
    WorkspaceClient ws = fx.workspace(mode);

    // when / then: the request goes out without ?keys=, which the API refuses
    assertSdkError(() -> ws.workspaceConf().getStatus(new GetStatusRequest().setKeys("enableIpAccessLists")),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("keys");
    assertThat(fx.fake().journal().requests("GET", "/api/2.0/workspace-conf"))
        .singleElement().satisfies(e -> assertThat(e.query()).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void workspaceConfRefusesUnknownKeysAndDisallowedValues(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when / then
    assertSdkError(() -> confStatus(ws, "enableIpAccessLists,noSuchKey"),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("Invalid keys: [\"noSuchKey\"]");
    assertSdkError(() -> ws.workspaceConf().setStatus(Map.of("maxTokenLifetimeDays", "1000")),
        BadRequest.class, "INVALID_REQUEST")
        .hasMessageContaining("Some values are not allowed: ");
    assertThat(fx.fake().workspace().conf()).doesNotContainKey("maxTokenLifetimeDays");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void workspaceConfAcceptsBooleansInAnyLetterCaseAndEchoesThemAsSent(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    ws.workspaceConf().setStatus(Map.of("enableGp3", "TRue", "enableTokensConfig", "TRUE"));
    Map<String, String> read = confStatus(ws, "enableGp3,enableTokensConfig");

    // then
    assertThat(read).containsExactlyInAnyOrderEntriesOf(Map.of("enableGp3", "TRue", "enableTokensConfig", "TRUE"));
    assertThat(ws.currentUser().me(new MeRequest()).getUserName()).isEqualTo(fx.fake().adminUserName());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void workspaceConfRefusesANonBooleanForABooleanKeyAndAnUnknownKeyOnWrite(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when / then
    assertSdkError(() -> ws.workspaceConf().setStatus(Map.of("enableIpAccessLists", "yes")),
        BadRequest.class, "INVALID_REQUEST")
        .hasMessageContaining("Some values are not allowed: {\"enableIpAccessLists\":\"yes\"}");
    assertSdkError(() -> ws.workspaceConf().setStatus(Map.of("enableEverything", "true")),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("Invalid keys: [\"enableEverything\"]");
    assertThat(fx.fake().workspace().conf()).containsEntry("enableIpAccessLists", "false")
        .doesNotContainKey("enableEverything");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void updateAndReplaceAnswerTheListAsItNowIs(Mode mode) throws IOException {
    // given: the SDK's update/replace discard the answer, so it is read through the ApiClient
    WorkspaceClient ws = fx.workspace(mode);
    String id = ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData")
        .setListType(ListType.ALLOW).setIpAddresses(List.of("1.2.3.4"))).getIpAccessList().getListId();

    // when
    IpAccessListInfo patched = ws.apiClient().execute(jsonRequest("PATCH", "/api/2.0/ip-access-lists/" + id,
        "{\"enabled\":false}"), GetIpAccessListResponse.class).getIpAccessList();
    IpAccessListInfo replaced = ws.apiClient().execute(jsonRequest("PUT", "/api/2.0/ip-access-lists/" + id,
        "{\"label\":\"TreasureData\",\"list_type\":\"ALLOW\",\"enabled\":true,\"ip_addresses\":[\"5.6.7.8\"]}"),
        GetIpAccessListResponse.class).getIpAccessList();

    // then: both answer {"ip_access_list": {...}}
    assertThat(patched.getListId()).isEqualTo(id);
    assertThat(patched.getEnabled()).isFalse();
    assertThat(patched.getIpAddresses()).containsExactly("1.2.3.4");
    assertThat(replaced.getEnabled()).isTrue();
    assertThat(replaced.getIpAddresses()).containsExactly("5.6.7.8");
  }

  private static Request jsonRequest(String method, String path, String body) {
    return new Request(method, path, body).withHeader("Content-Type", "application/json")
        .withHeader("Accept", "application/json");
  }

  /** GET workspace-conf with {@code ?keys=} through the SDK's ApiClient (see the test above for why). */
  private static Map<String, String> confStatus(WorkspaceClient ws, String keys) {
    Request request = new Request("GET", "/api/2.0/workspace-conf").withQueryParam("keys", keys);
    request.withHeader("Accept", "application/json");
    return ws.apiClient().getStringMap(request);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aChangeThatWouldLockTheCallerOutIsInvalidState(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ws.workspaceConf().setStatus(Map.of("enableIpAccessLists", "true"));
    String own = ws.ipAccessLists().create(new CreateIpAccessList().setLabel("office")
        .setListType(ListType.ALLOW).setIpAddresses(List.of("127.0.0.1/32"))).getIpAccessList().getListId();

    // when / then
    assertSdkError(() -> ws.ipAccessLists().create(new CreateIpAccessList().setLabel("block-me")
            .setListType(ListType.BLOCK).setIpAddresses(List.of("127.0.0.0/8"))),
        InvalidState.class, "INVALID_STATE")
        .hasMessageContaining("Your current IP 127.0.0.1 will not be allowed to access the workspace");
    assertSdkError(() -> ws.ipAccessLists().update(new UpdateIpAccessList().setIpAccessListId(own)
            .setIpAddresses(List.of("203.0.113.0/24"))),
        InvalidState.class, "INVALID_STATE");
    assertThat(fx.fake().workspace().ipAccessLists()).singleElement()
        .satisfies(l -> assertThat(l.ipAddresses()).containsExactly("127.0.0.1/32"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void enablingListsThatWouldBlockTheCallerIsInvalidState(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData")
        .setListType(ListType.ALLOW).setIpAddresses(List.of("203.0.113.0/24")));

    // when / then
    assertSdkError(() -> ws.workspaceConf().setStatus(Map.of("enableIpAccessLists", "true")),
        InvalidState.class, "INVALID_STATE");
    assertThat(fx.fake().workspace().conf()).containsEntry("enableIpAccessLists", "false");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void enabledListsRefuseACallerOutsideThemAndAdmitOneInside(Mode mode) {
    // given: seeded behind the API's back, so no lockout check
    fx.fake().workspace().addIpAccessList("TreasureData", "ALLOW", "203.0.113.0/24");
    fx.fake().workspace().setConf("enableIpAccessLists", "true");
    WorkspaceClient ws = fx.workspace(mode);

    // when / then
    assertSdkError(() -> ws.currentUser().me(new MeRequest()), PermissionDenied.class, "PERMISSION_DENIED")
        .hasMessageContaining("127.0.0.1");
    fx.callerAddress(mode, "203.0.113.7");
    assertThat(ws.currentUser().me(new MeRequest()).getUserName()).isEqualTo(fx.fake().adminUserName());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void moreThan1000AddressesAcrossAllListsIsQuotaExceeded(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    List<String> thousand = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      thousand.add("10." + (i / 250) + "." + (i % 250) + ".1");
    }
    ws.ipAccessLists().create(new CreateIpAccessList().setLabel("big").setListType(ListType.ALLOW)
        .setIpAddresses(thousand));

    // when / then
    assertSdkError(() -> ws.ipAccessLists().create(new CreateIpAccessList().setLabel("one-more")
            .setListType(ListType.ALLOW).setIpAddresses(List.of("192.0.2.1"))),
        BadRequest.class, "QUOTA_EXCEEDED");
    assertThat(fx.fake().workspace().ipAccessLists()).extracting(IpAccessList::label).containsExactly("big");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ipv6AddressesAreRefused(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when / then
    assertSdkError(() -> ws.ipAccessLists().create(new CreateIpAccessList().setLabel("v6")
            .setListType(ListType.ALLOW).setIpAddresses(List.of("2001:db8::/32"))),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("2001:db8::/32");
    assertThat(fx.fake().workspace().ipAccessLists()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aDuplicateLabelAndTypeIsResourceAlreadyExists(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData")
        .setListType(ListType.ALLOW).setIpAddresses(List.of("1.2.3.4")));

    // when
    ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData")
        .setListType(ListType.BLOCK).setIpAddresses(List.of("9.9.9.9")));

    // then: the same label with the other type is fine; the same pair is not
    assertSdkError(() -> ws.ipAccessLists().create(new CreateIpAccessList().setLabel("TreasureData")
            .setListType(ListType.ALLOW).setIpAddresses(List.of("5.6.7.8"))),
        ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS")
        .hasMessageContaining("IP access list with type (ALLOW) and label (TreasureData) already exists");
    assertThat(fx.fake().workspace().ipAccessLists()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServicePrincipalTokenCannotManageIpAccessListsOrConf(Mode mode) {
    // given
    WorkspaceClient asSp = fx.workspace(mode, fx.seedSpToken(fx.seedTokenUser("TD-CAS-Service")));

    // when / then
    assertSdkError(() -> toList(asSp.ipAccessLists().list()), PermissionDenied.class, "PERMISSION_DENIED");
    assertSdkError(() -> asSp.workspaceConf().setStatus(Map.of("enableIpAccessLists", "true")),
        PermissionDenied.class, "PERMISSION_DENIED");
  }
}
