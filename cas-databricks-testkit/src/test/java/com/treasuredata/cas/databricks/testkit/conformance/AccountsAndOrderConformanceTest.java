package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.iam.ListAccountServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.Behaviours;
import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * More than one account in one fake, and list order: ids are random draws, never a counter, and
 * with {@code shuffledListOrder} (on in this class) lists do not come in creation order.
 */
class AccountsAndOrderConformanceTest {

  private static final String OTHER_ACCOUNT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

  private static ConformanceFixture fx;

  @BeforeAll
  static void startFake() {
    fx = ConformanceFixture.start(FakeDatabricks.builder().seed(7)
        .behaviours(Behaviours.defaults().withShuffledListOrder(true)));
  }

  @AfterAll
  static void stopFake() {
    fx.close();
  }

  @BeforeEach
  void resetFake() {
    fx.reset();
    fx.fake().account().addOtherAccount(OTHER_ACCOUNT);
  }

  private AccountClient accountClientFor(Mode mode, String accountId) {
    return new AccountClient(fx.patConfig(mode, fx.accountHost(mode), fx.fake().adminToken().reveal())
        .setAccountId(accountId));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anotherAccountOfTheFakeRefusesTheAdminAsANonAdmin(Mode mode) {
    // given
    AccountClient other = accountClientFor(mode, OTHER_ACCOUNT);

    // when / then
    assertThat(fx.fake().account().otherAccounts()).containsExactly(OTHER_ACCOUNT);
    assertSdkError(() -> toList(other.servicePrincipals().list(new ListAccountServicePrincipalsRequest())),
        PermissionDenied.class, "SCIM_403").hasMessageContaining("User not authorized.");
    assertSdkError(() -> toList(other.workspaceAssignment().list(fx.fake().workspaceId())),
        PermissionDenied.class, "PERMISSION_DENIED").hasMessageContaining("User not authorized.");
    assertSdkError(() -> toList(other.workspaces().list()), PermissionDenied.class, "PERMISSION_DENIED");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void idsAreRandomAndListsDoNotComeInCreationOrder(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      created.add(account.servicePrincipals().create(new ServicePrincipal().setDisplayName("sp-" + i)).getId());
    }

    // when
    List<String> listed = toList(account.servicePrincipals().list(new ListAccountServicePrincipalsRequest()))
        .stream().map(ServicePrincipal::getId).toList();
    List<String> again = toList(account.servicePrincipals().list(new ListAccountServicePrincipalsRequest()))
        .stream().map(ServicePrincipal::getId).toList();

    // then
    assertThat(listed).containsExactlyInAnyOrderElementsOf(created).isNotEqualTo(created).isEqualTo(again);
    List<Long> ids = created.stream().map(Long::parseLong).toList();
    assertThat(ids).isNotEqualTo(ids.stream().sorted().toList());
    for (int i = 1; i < ids.size(); i++) {
      assertThat(Math.abs(ids.get(i) - ids.get(i - 1))).as("ids %s are not a sequence", ids).isGreaterThan(1000);
    }
  }
}
