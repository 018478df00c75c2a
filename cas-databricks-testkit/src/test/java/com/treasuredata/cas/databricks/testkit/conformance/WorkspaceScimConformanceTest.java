package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Workspace SCIM service principals (reference §a.2) through {@code WorkspaceClient.servicePrincipals()}. */
class WorkspaceScimConformanceTest extends SharedFakeConformanceTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createGetReplacePatchAndDeleteRoundTrip(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    ServicePrincipal created = ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")
        .setEntitlements(List.of(new ComplexValue().setValue("workspace-access"))));
    ServicePrincipal fetched = ws.servicePrincipals().get(created.getId());
    ws.servicePrincipals().update(new ServicePrincipal().setId(created.getId())
        .setApplicationId(created.getApplicationId()).setDisplayName("TD-CAS-Renamed").setActive(true)
        .setEntitlements(List.of(new ComplexValue().setValue("workspace-access"))));
    ws.servicePrincipals().patch(new PartialUpdate().setId(created.getId())
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
        .setOperations(List.of(new Patch().setOp(PatchOp.ADD).setPath("entitlements")
            .setValue(List.of(new ComplexValue().setValue("databricks-sql-access"))))));
    ServicePrincipal patched = ws.servicePrincipals().get(created.getId());
    ws.servicePrincipals().delete(created.getId());

    // then
    assertThat(created.getId()).matches("\\d+");
    assertThat(created.getApplicationId()).matches("[0-9a-f-]{36}");
    assertThat(fetched.getDisplayName()).isEqualTo("TD-CAS-Service");
    assertThat(fetched.getEntitlements()).extracting(ComplexValue::getValue).containsExactly("workspace-access");
    assertThat(patched.getDisplayName()).isEqualTo("TD-CAS-Renamed");
    assertThat(patched.getEntitlements()).extracting(ComplexValue::getValue)
        .containsExactlyInAnyOrder("workspace-access", "databricks-sql-access");
    assertThat(patched.getGroups()).extracting(ComplexValue::getDisplay).contains("users");
    assertThat(fx.fake().workspace().assignments()).isEmpty();
    assertSdkError(() -> ws.servicePrincipals().get(created.getId()), NotFound.class, "SCIM_404");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void patchRemovesOneEntitlementByValueFilter(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")
        .setEntitlements(List.of(new ComplexValue().setValue("workspace-access"),
            new ComplexValue().setValue("databricks-sql-access"))));

    // when
    ws.servicePrincipals().patch(new PartialUpdate().setId(sp.getId())
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
        .setOperations(List.of(new Patch().setOp(PatchOp.REMOVE)
            .setPath("entitlements[value eq \"databricks-sql-access\"]"))));

    // then
    assertThat(ws.servicePrincipals().get(sp.getId()).getEntitlements()).extracting(ComplexValue::getValue)
        .containsExactly("workspace-access");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getOfAnUnknownOrUnassignedIdIsScimNotFound(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    String unassigned = Long.toString(fx.fake().account().addServicePrincipal("account-only").id());

    // when / then
    assertSdkError(() -> ws.servicePrincipals().get("1234567890"), NotFound.class, "SCIM_404");
    assertSdkError(() -> ws.servicePrincipals().get(unassigned), NotFound.class, "SCIM_404");
    assertSdkError(() -> ws.servicePrincipals().delete("1234567890"), NotFound.class, "SCIM_404");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void duplicateDisplayNameCreatesASecondServicePrincipal(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    ServicePrincipal first = ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    ServicePrincipal second = ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));

    // then
    assertThat(second.getApplicationId()).isNotEqualTo(first.getApplicationId());
    assertThat(toList(ws.servicePrincipals().list(new ListServicePrincipalsRequest()
        .setFilter("displayName eq 'TD-CAS-Service'")))).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anExistingAccountApplicationIdIsAttachedOnceThenAConflict(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    var accountSp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    ServicePrincipal request = new ServicePrincipal().setApplicationId(accountSp.applicationId())
        .setDisplayName("TD-CAS-Service");

    // when
    ServicePrincipal attached = ws.servicePrincipals().create(request);

    // then: the default (configurable) behaviour adds the account SP to the workspace
    assertThat(attached.getId()).isEqualTo(Long.toString(accountSp.id()));
    assertThat(fx.fake().workspace().assignments()).singleElement()
        .satisfies(a -> assertThat(a.principalName()).isEqualTo(accountSp.applicationId()));
    assertSdkError(() -> ws.servicePrincipals().create(request), ResourceConflict.class, "SCIM_409")
        .hasMessageContaining("already exists");
  }

  static Stream<Arguments> filters() {
    List<Object[]> cases = List.of(
        new Object[] {"displayName eq \"TD-CAS-Service\"", List.of("TD-CAS-Service")},
        new Object[] {"displayName eq 'TD-CAS-Service'", List.of("TD-CAS-Service")},
        new Object[] {"applicationId eq {appId}", List.of("TD-CAS-Service")},
        new Object[] {"displayName co \"CAS\"", List.of("TD-CAS-Service", "TD-CAS-Other")},
        new Object[] {"displayName sw \"TD\"", List.of("TD-CAS-Service", "TD-CAS-Other")},
        new Object[] {"displayName ne \"Analytics\"", List.of("TD-CAS-Service", "TD-CAS-Other")},
        new Object[] {"displayName co \"CAS\" and displayName ne \"TD-CAS-Other\"", List.of("TD-CAS-Service")},
        new Object[] {"displayName eq \"Analytics\" or displayName eq \"TD-CAS-Other\"", List.of("TD-CAS-Other", "Analytics")});
    return Stream.of(Mode.values())
        .flatMap(mode -> cases.stream().map(c -> Arguments.of(mode, c[0], c[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("filters")
  void listFiltersWithEveryOperatorAndQuotingStyle(Mode mode, String filter, List<String> expected) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal target = ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Other"));
    ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("Analytics"));

    // when
    List<ServicePrincipal> found = toList(ws.servicePrincipals().list(new ListServicePrincipalsRequest()
        .setFilter(filter.replace("{appId}", target.getApplicationId()))));

    // then
    assertThat(found).extracting(ServicePrincipal::getDisplayName).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sdkPagingWithCount10000TerminatesOnTheEmptyPage(Mode mode) {
    // given
    for (int i = 0; i < 120; i++) {
      fx.fake().workspace().assign(fx.fake().account().addServicePrincipal("sp-" + i).applicationId(), "USER");
    }
    long mark = fx.fake().journal().mark();

    // when
    List<ServicePrincipal> all = toList(fx.workspace(mode).servicePrincipals().list(new ListServicePrincipalsRequest()));

    // then
    assertThat(all).hasSize(120).extracting(ServicePrincipal::getId).doesNotHaveDuplicates();
    List<JournalEntry> pages = fx.fake().journal().since(mark).stream()
        .filter(e -> e.path().equals("/api/2.0/preview/scim/v2/ServicePrincipals")).toList();
    assertThat(pages).hasSize(3).allSatisfy(e -> assertThat(e.query().orElse("")).contains("count=10000"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void attributesAndExcludedAttributesProjectTheListedObjects(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")
        .setEntitlements(List.of(new ComplexValue().setValue("workspace-access"))));

    // when
    ServicePrincipal onlyName = toList(ws.servicePrincipals().list(
        new ListServicePrincipalsRequest().setAttributes("displayName"))).get(0);
    ServicePrincipal withoutEntitlements = toList(ws.servicePrincipals().list(
        new ListServicePrincipalsRequest().setExcludedAttributes("entitlements,groups"))).get(0);

    // then
    assertThat(onlyName.getId()).isNotNull();
    assertThat(onlyName.getDisplayName()).isEqualTo("TD-CAS-Service");
    assertThat(onlyName.getApplicationId()).as("applicationId is answered whatever attributes asks").isNotNull();
    assertThat(onlyName.getEntitlements()).isNull();
    assertThat(withoutEntitlements.getEntitlements()).isNull();
    assertThat(withoutEntitlements.getGroups()).isNull();
    assertThat(withoutEntitlements.getApplicationId()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aGetWithAttributesStillAnswersTheApplicationId(Mode mode) throws IOException {
    // given: the SDK's typed get sends no attributes, so the request a known client makes is sent raw
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal created = ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")
        .setExternalId("ext-1").setEntitlements(List.of(new ComplexValue().setValue("workspace-access"))));

    // when
    ServicePrincipal projected = ws.apiClient().execute(new Request("GET", "/api/2.0/preview/scim/v2/ServicePrincipals/"
            + created.getId()).withQueryParam("attributes", "userName,displayName,active,externalId,entitlements")
        .withHeader("Accept", "application/json"), ServicePrincipal.class);

    // then
    assertThat(projected.getApplicationId()).isEqualTo(created.getApplicationId());
    assertThat(projected.getDisplayName()).isEqualTo("TD-CAS-Service");
    assertThat(projected.getExternalId()).isEqualTo("ext-1");
    assertThat(projected.getGroups()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPutReplacesTheServicePrincipalClearingWhatItLeavesOut(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal created = ws.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")
        .setExternalId("ext-1").setEntitlements(List.of(new ComplexValue().setValue("workspace-access"))));

    // when
    ws.servicePrincipals().update(new ServicePrincipal().setId(created.getId())
        .setApplicationId(created.getApplicationId()).setDisplayName("TD-CAS-Renamed"));
    ServicePrincipal replaced = ws.servicePrincipals().get(created.getId());

    // then
    assertThat(replaced.getDisplayName()).isEqualTo("TD-CAS-Renamed");
    assertThat(replaced.getExternalId()).isNull();
    assertThat(replaced.getEntitlements()).isNullOrEmpty();
    assertThat(replaced.getActive()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNonAdminServicePrincipalCannotCreateServicePrincipals(Mode mode) {
    // given
    String pat = fx.seedSpToken(fx.seedTokenUser("not-an-admin"));
    WorkspaceClient asSp = fx.workspace(mode, pat);

    // when / then
    assertSdkError(() -> asSp.servicePrincipals().create(new ServicePrincipal().setDisplayName("sneaky")),
        PermissionDenied.class, "SCIM_403");
    assertThat(fx.fake().account().servicePrincipalsNamed("sneaky")).isEmpty();
  }
}
