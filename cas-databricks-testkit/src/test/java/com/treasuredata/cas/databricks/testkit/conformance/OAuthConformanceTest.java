package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.ListAccountServicePrincipalsRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretRequest;
import com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretResponse;
import com.databricks.sdk.service.oauth2.SecretInfo;
import com.treasuredata.cas.databricks.testkit.JournalEntry;
import com.treasuredata.cas.databricks.testkit.state.OAuthSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Service principal OAuth secrets (reference §h.2) and OAuth M2M through the fake's OIDC
 * discovery and token endpoints (§h.3), with the SDK's own {@code oauth-m2m} credentials provider.
 */
class OAuthConformanceTest extends SharedFakeConformanceTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void secretsCreateListAndDelete(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    ServicePrincipal sp = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service"));

    // when
    CreateServicePrincipalSecretResponse created = account.servicePrincipalSecrets().create(
        new CreateServicePrincipalSecretRequest().setServicePrincipalId(sp.getId()).setLifetime("86400s"));
    List<SecretInfo> listed = toList(account.servicePrincipalSecrets().list(sp.getId()));
    account.servicePrincipalSecrets().delete(sp.getId(), created.getId());

    // then
    assertThat(created.getSecret()).isNotBlank();
    assertThat(created.getStatus()).isEqualTo("ACTIVE");
    assertThat(Duration.between(Instant.parse(created.getCreateTime()), Instant.parse(created.getExpireTime())))
        .isEqualTo(Duration.ofDays(1));
    assertThat(listed).singleElement().satisfies(s -> {
      assertThat(s.getId()).isEqualTo(created.getId());
      assertThat(s.getSecretHash()).isEqualTo(created.getSecretHash());
      assertThat(s.getStatus()).isEqualTo("ACTIVE");
    });
    assertThat(fx.fake().account().secrets(Long.parseLong(sp.getId()))).isEmpty();
    assertThat(toList(account.servicePrincipalSecrets().list(sp.getId()))).isEmpty();
    assertSdkError(() -> account.servicePrincipalSecrets().delete(sp.getId(), created.getId()),
        ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theWorkspaceProxyManagesSecretsOfAnAssignedServicePrincipal(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    var assigned = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(assigned.applicationId(), "USER");
    var outsider = fx.fake().account().addServicePrincipal("elsewhere");

    // when
    CreateServicePrincipalSecretResponse created = ws.servicePrincipalSecretsProxy().create(
        new CreateServicePrincipalSecretRequest().setServicePrincipalId(Long.toString(assigned.id())));
    List<SecretInfo> listed = toList(ws.servicePrincipalSecretsProxy().list(Long.toString(assigned.id())));
    ws.servicePrincipalSecretsProxy().delete(Long.toString(assigned.id()), created.getId());

    // then
    assertThat(created.getSecret()).isNotBlank();
    assertThat(listed).extracting(SecretInfo::getId).containsExactly(created.getId());
    assertThat(fx.fake().account().secrets(assigned.id())).isEmpty();
    assertSdkError(() -> ws.servicePrincipalSecretsProxy().create(
            new CreateServicePrincipalSecretRequest().setServicePrincipalId(Long.toString(outsider.id()))),
        ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSixthSecretIsQuotaExceeded(Mode mode) {
    // given
    AccountClient account = fx.account(mode);
    String id = account.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Service")).getId();
    List<CreateServicePrincipalSecretResponse> five = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(account.servicePrincipalSecrets().create(new CreateServicePrincipalSecretRequest()
          .setServicePrincipalId(id)));
    }

    // when / then
    assertSdkError(() -> account.servicePrincipalSecrets().create(
            new CreateServicePrincipalSecretRequest().setServicePrincipalId(id)),
        BadRequest.class, "QUOTA_EXCEEDED");
    assertThat(fx.fake().account().secrets(Long.parseLong(id))).hasSize(5);
    // without a lifetime a secret lives the maximum, 730 days
    assertThat(five).allSatisfy(c -> assertThat(Duration.between(Instant.parse(c.getCreateTime()),
        Instant.parse(c.getExpireTime()))).isEqualTo(Duration.ofDays(730)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void secretsOfAnUnknownServicePrincipalAreResourceDoesNotExist(Mode mode) {
    // given
    AccountClient account = fx.account(mode);

    // when / then
    assertSdkError(() -> account.servicePrincipalSecrets().create(
            new CreateServicePrincipalSecretRequest().setServicePrincipalId("1234567890")),
        ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oauthM2mWorkspaceClientAuthenticatesAsTheServicePrincipal(Mode mode) {
    // given: assigned to the workspace, no CAN_USE on tokens (that governs PATs only)
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");
    String secret = fx.account(mode).servicePrincipalSecrets().create(new CreateServicePrincipalSecretRequest()
        .setServicePrincipalId(Long.toString(sp.id()))).getSecret();
    long mark = fx.fake().journal().mark();

    // when
    WorkspaceClient ws = fx.oauthWorkspace(mode, sp.applicationId(), secret);
    String first = ws.currentUser().me(new MeRequest()).getUserName();
    String second = ws.currentUser().me(new MeRequest()).getUserName();

    // then
    assertThat(first).isEqualTo(sp.applicationId());
    assertThat(second).isEqualTo(sp.applicationId());
    List<JournalEntry> calls = fx.fake().journal().since(mark);
    assertThat(calls).filteredOn(e -> e.path().equals("/oidc/.well-known/oauth-authorization-server"))
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
    // one token serves both calls: the SDK caches it
    assertThat(calls).filteredOn(e -> e.path().equals("/oidc/v1/token")).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(200));
    assertThat(calls).filteredOn(e -> e.path().equals("/api/2.0/preview/scim/v2/Me"))
        .hasSize(2).allSatisfy(e -> assertThat(e.principal()).isEqualTo(sp.applicationId()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oauthM2mWithAWrongSecretFailsAtTheTokenEndpoint(Mode mode) {
    // given
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");
    fx.fake().account().addSecret(sp.applicationId(), Duration.ofDays(1));
    long mark = fx.fake().journal().mark();

    // when / then
    assertThatThrownBy(() -> fx.oauthWorkspace(mode, sp.applicationId(), "not-the-secret")
        .currentUser().me(new MeRequest()))
        .isInstanceOf(DatabricksException.class)
        .hasMessageContaining("invalid_client");
    assertThat(fx.fake().journal().since(mark)).filteredOn(e -> e.path().equals("/oidc/v1/token"))
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(401));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oauthM2mForAServicePrincipalOutsideTheWorkspaceIsRefused(Mode mode) {
    // given
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    String secret = fx.fake().account().addSecret(sp.applicationId(), Duration.ofDays(1)).reveal();

    // when / then
    assertThatThrownBy(() -> fx.oauthWorkspace(mode, sp.applicationId(), secret).currentUser().me(new MeRequest()))
        .isInstanceOf(DatabricksException.class)
        .hasMessageContaining("invalid_request");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oauthM2mAccountClientOfAnAccountAdminListsServicePrincipals(Mode mode) {
    // given
    AccountClient admin = fx.account(mode);
    ServicePrincipal sp = admin.servicePrincipals().create(new ServicePrincipal().setDisplayName("TD-CAS-Admin")
        .setRoles(List.of(new com.databricks.sdk.service.iam.ComplexValue().setValue("account_admin"))));
    String secret = admin.servicePrincipalSecrets().create(new CreateServicePrincipalSecretRequest()
        .setServicePrincipalId(sp.getId())).getSecret();
    long mark = fx.fake().journal().mark();

    // when
    List<ServicePrincipal> listed = toList(fx.oauthAccount(mode, sp.getApplicationId(), secret)
        .servicePrincipals().list(new ListAccountServicePrincipalsRequest()));

    // then
    assertThat(listed).extracting(ServicePrincipal::getApplicationId).contains(sp.getApplicationId());
    assertThat(fx.fake().journal().since(mark))
        .anySatisfy(e -> assertThat(e.path()).isEqualTo("/oidc/accounts/" + fx.fake().accountId() + "/v1/token"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theAccountSecretsApiTellsANonAccountAdminItIsDisabledForThem(Mode mode) {
    // given
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    String secret = fx.fake().account().addSecret(sp.applicationId(), Duration.ofDays(1)).reveal();
    AccountClient asSp = fx.oauthAccount(mode, sp.applicationId(), secret);

    // when / then
    assertSdkError(() -> asSp.servicePrincipalSecrets().create(
            new CreateServicePrincipalSecretRequest().setServicePrincipalId(Long.toString(sp.id()))),
        PermissionDenied.class, "PERMISSION_DENIED")
        .hasMessageContaining("This API is disabled for users without account admin status. "
            + "Contact your administrator for more information.");
    assertThat(fx.fake().account().secrets(sp.id())).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oauthM2mAccountClientOfANonAdminIsRefused(Mode mode) {
    // given
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    String secret = fx.fake().account().addSecret(sp.applicationId(), Duration.ofDays(1)).reveal();

    // when / then
    assertSdkError(() -> toList(fx.oauthAccount(mode, sp.applicationId(), secret).servicePrincipals()
            .list(new ListAccountServicePrincipalsRequest())),
        PermissionDenied.class, "SCIM_403");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOauthTokenExpiresWithTheFakeClock(Mode mode) {
    // given
    var sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");
    String secret = fx.fake().account().addSecret(sp.applicationId(), Duration.ofDays(1)).reveal();
    WorkspaceClient ws = fx.oauthWorkspace(mode, sp.applicationId(), secret);
    ws.currentUser().me(new MeRequest());

    // when: the SDK still holds the token (its cache runs on the real clock), the fake says it is expired
    fx.fake().clock().advance(Duration.ofHours(2));

    // then
    assertSdkError(() -> ws.currentUser().me(new MeRequest()),
        com.databricks.sdk.core.error.platform.Unauthenticated.class, "401")
        .hasMessageContaining("Token is expired");
    assertThat(fx.fake().account().secrets(sp.id())).extracting(OAuthSecret::servicePrincipalId).containsExactly(sp.id());
  }
}
