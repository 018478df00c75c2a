package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.iam.AccountServicePrincipal;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.CreateAccountServicePrincipalRequest;
import com.databricks.sdk.service.iam.ListAccountServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListSortOrder;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Account SCIM service principals (reference §a.1) through {@code AccountClient.servicePrincipals()}. */
class AccountScimConformanceTest extends SharedFakeConformanceTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createGetReplacePatchAndDeleteRoundTrip(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when
    ServicePrincipal created = account.servicePrincipals().create(new ServicePrincipal()
        .setDisplayName("TD-CAS-Service").setActive(true).setExternalId("td-cas-1"));
    ServicePrincipal fetched = account.servicePrincipals().get(created.getId());
    account.servicePrincipals().update(new ServicePrincipal().setId(created.getId())
        .setApplicationId(created.getApplicationId()).setDisplayName("TD-CAS-Renamed").setActive(true)
        .setRoles(List.of(new ComplexValue().setValue("account_admin"))));
    ServicePrincipal replaced = account.servicePrincipals().get(created.getId());
    // Terraform's deactivation: replace active with [{"value":"false"}]
    account.servicePrincipals().patch(new PartialUpdate().setId(created.getId())
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
        .setOperations(List.of(new Patch().setOp(PatchOp.REPLACE).setPath("active")
            .setValue(List.of(Map.of("value", "false"))))));
    ServicePrincipal patched = account.servicePrincipals().get(created.getId());
    account.servicePrincipals().delete(created.getId());

    // then
    assertThat(created.getId()).matches("\\d+");
    assertThat(created.getApplicationId()).matches("[0-9a-f-]{36}");
    assertThat(created.getActive()).isTrue();
    assertThat(fetched.getDisplayName()).isEqualTo("TD-CAS-Service");
    assertThat(fetched.getExternalId()).isEqualTo("td-cas-1");
    assertThat(replaced.getDisplayName()).isEqualTo("TD-CAS-Renamed");
    assertThat(replaced.getApplicationId()).isEqualTo(created.getApplicationId());
    assertThat(replaced.getRoles()).extracting(ComplexValue::getValue).containsExactly("account_admin");
    assertThat(patched.getActive()).isFalse();
    assertThat(fx.fake().account().servicePrincipals()).isEmpty();
    assertSdkError(() -> account.servicePrincipals().get(created.getId()), NotFound.class, "SCIM_404");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theV2ApiReachesTheSameServicePrincipals(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when
    AccountServicePrincipal created = account.servicePrincipalsV2().create(new CreateAccountServicePrincipalRequest()
        .setDisplayName("TD-CAS-Service").setActive(true));
    ServicePrincipal viaV1 = account.servicePrincipals().get(created.getId());
    List<AccountServicePrincipal> listed = toList(account.servicePrincipalsV2().list(
        new ListAccountServicePrincipalsRequest().setFilter("displayName eq \"TD-CAS-Service\"")));
    account.servicePrincipalsV2().delete(created.getId());

    // then
    assertThat(viaV1.getApplicationId()).isEqualTo(created.getApplicationId());
    assertThat(listed).extracting(AccountServicePrincipal::getId).containsExactly(created.getId());
    assertThat(fx.fake().account().servicePrincipals()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getAndDeleteOfAnUnknownIdAreScimNotFound(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when / then
    assertSdkError(() -> account.servicePrincipals().get("1234567890"), NotFound.class, "SCIM_404");
    assertSdkError(() -> account.servicePrincipals().delete("1234567890"), NotFound.class, "SCIM_404");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void duplicateApplicationIdIsRefusedWithConflict(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    String appId = UUID.randomUUID().toString();
    account.servicePrincipals().create(new ServicePrincipal().setDisplayName("first").setApplicationId(appId));

    // when / then
    assertSdkError(() -> account.servicePrincipals().create(
            new ServicePrincipal().setDisplayName("second").setApplicationId(appId)),
        ResourceConflict.class, "SCIM_409")
        .hasMessageContaining("Service principal with application ID " + appId + " already exists.");
    assertThat(fx.fake().account().servicePrincipals()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void duplicateDisplayNameCreatesASecondServicePrincipal(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when
    ServicePrincipal first = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    ServicePrincipal second = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    List<ServicePrincipal> named = toList(account.servicePrincipals().list(
        new ListAccountServicePrincipalsRequest().setFilter("displayName eq \"TD-CAS-Service\"")));

    // then
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(second.getApplicationId()).isNotEqualTo(first.getApplicationId());
    assertThat(named).extracting(ServicePrincipal::getId).containsExactlyInAnyOrder(first.getId(), second.getId());
  }

  static Stream<Arguments> filters() {
    List<Object[]> cases = List.of(
        new Object[] {"displayName eq \"TD-CAS-Service\"", List.of("TD-CAS-Service")},
        new Object[] {"displayName eq 'TD-CAS-Service'", List.of("TD-CAS-Service")},
        new Object[] {"applicationId eq {appId}", List.of("TD-CAS-Service")},
        new Object[] {"applicationId eq \"{appId}\"", List.of("TD-CAS-Service")},
        new Object[] {"id eq \"{id}\"", List.of("TD-CAS-Service")},
        new Object[] {"displayName co \"CAS\"", List.of("TD-CAS-Service", "TD-CAS-Other")},
        new Object[] {"displayName sw \"TD\"", List.of("TD-CAS-Service", "TD-CAS-Other")},
        new Object[] {"displayName ne \"Analytics\"", List.of("TD-CAS-Service", "TD-CAS-Other")},
        new Object[] {"displayName sw \"TD\" and displayName ne \"TD-CAS-Other\"", List.of("TD-CAS-Service")},
        new Object[] {"displayName eq \"Analytics\" or displayName eq 'TD-CAS-Other'", List.of("TD-CAS-Other", "Analytics")},
        new Object[] {"displayName eq \"nobody\"", List.of()});
    return Stream.of(Mode.values())
        .flatMap(mode -> cases.stream().map(c -> Arguments.of(mode, c[0], c[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("filters")
  void listFiltersWithEveryOperatorAndQuotingStyle(Mode mode, String filter, List<String> expected) {
    // given
    AccountClient account = fx.account(mode);
    ServicePrincipal target = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));
    account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Other"));
    account.servicePrincipals().create(new ServicePrincipal().setDisplayName("Analytics"));
    String resolved = filter.replace("{appId}", target.getApplicationId()).replace("{id}", target.getId());

    // when
    List<ServicePrincipal> found = toList(account.servicePrincipals().list(
        new ListAccountServicePrincipalsRequest().setFilter(resolved)));

    // then
    assertThat(found).extracting(ServicePrincipal::getDisplayName).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sdkPagingWithCount10000TerminatesOnTheEmptyPage(Mode mode) {
    // given
    for (int i = 0; i < 250; i++) {
      fx.fake().account().addServicePrincipal("sp-" + i);
    }
    long mark = fx.fake().journal().mark();

    // when
    List<ServicePrincipal> all = toList(fx.account(mode).servicePrincipals().list(new ListAccountServicePrincipalsRequest()));

    // then
    assertThat(all).hasSize(250).extracting(ServicePrincipal::getId).doesNotHaveDuplicates();
    List<JournalEntry> pages = fx.fake().journal().since(mark).stream()
        .filter(e -> e.path().endsWith("/scim/v2/ServicePrincipals")).toList();
    assertThat(pages).allSatisfy(e -> assertThat(e.query().orElse("")).contains("count=10000"));
    // 100 + 100 + 50, then the empty page that stops the SDK
    assertThat(pages).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listSortsByDisplayNameDescending(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    for (String name : List.of("b", "c", "a")) {
      account.servicePrincipals().create(new ServicePrincipal().setDisplayName(name));
    }

    // when
    List<ServicePrincipal> sorted = toList(account.servicePrincipals().list(new ListAccountServicePrincipalsRequest()
        .setSortBy("displayName").setSortOrder(ListSortOrder.DESCENDING)));

    // then
    assertThat(sorted).extracting(ServicePrincipal::getDisplayName).containsExactly("c", "b", "a");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void attributesAndExcludedAttributesProjectTheListedObjects(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")
        .setRoles(List.of(new ComplexValue().setValue("account_admin"))));

    // when
    ServicePrincipal onlyName = toList(account.servicePrincipals().list(
        new ListAccountServicePrincipalsRequest().setAttributes("displayName"))).get(0);
    ServicePrincipal withoutRoles = toList(account.servicePrincipals().list(
        new ListAccountServicePrincipalsRequest().setExcludedAttributes("roles"))).get(0);

    // then
    assertThat(onlyName.getId()).isNotNull();
    assertThat(onlyName.getDisplayName()).isEqualTo("TD-CAS-Service");
    assertThat(onlyName.getApplicationId()).as("applicationId is answered whatever attributes asks").isNotNull();
    assertThat(onlyName.getActive()).isNull();
    assertThat(onlyName.getRoles()).isNull();
    assertThat(withoutRoles.getRoles()).isNull();
    assertThat(withoutRoles.getApplicationId()).isNotNull();
    assertThat(withoutRoles.getDisplayName()).isEqualTo("TD-CAS-Service");
  }
}
