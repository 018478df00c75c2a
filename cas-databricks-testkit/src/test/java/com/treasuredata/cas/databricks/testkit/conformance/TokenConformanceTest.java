package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.AccountClient;
import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.CreateOboTokenResponse;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenResponse;
import com.databricks.sdk.service.settings.ListTokenManagementRequest;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import com.databricks.sdk.service.settings.TokenInfo;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Token management (reference §d), the caller's tokens API (§e), SCIM {@code Me} (§h.1) and the
 * answers to bad credentials (§i.1, §i.2).
 */
class TokenConformanceTest extends SharedFakeConformanceTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oboCreateGetListAndDelete(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    User admin = ws.currentUser().me(new MeRequest());

    // when
    CreateOboTokenResponse created = ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.applicationId()).setLifetimeSeconds(86_400L).setComment("cas"));
    String tokenId = created.getTokenInfo().getTokenId();
    TokenInfo fetched = ws.tokenManagement().get(tokenId).getTokenInfo();
    List<TokenInfo> byName = toList(ws.tokenManagement().list(
        new ListTokenManagementRequest().setCreatedByUsername(admin.getUserName())));
    List<TokenInfo> byId = toList(ws.tokenManagement().list(
        new ListTokenManagementRequest().setCreatedById(Long.parseLong(admin.getId()))));
    List<TokenInfo> byOther = toList(ws.tokenManagement().list(
        new ListTokenManagementRequest().setCreatedByUsername("someone@else.test")));
    User me = fx.workspace(mode, created.getTokenValue()).currentUser().me(new MeRequest());
    ws.tokenManagement().delete(tokenId);

    // then
    assertThat(created.getTokenValue()).startsWith("dapi");
    assertThat(fetched.getOwnerId()).isEqualTo(sp.id());
    assertThat(fetched.getCreatedByUsername()).isEqualTo(admin.getUserName());
    assertThat(fetched.getComment()).isEqualTo("cas");
    assertThat(fetched.getExpiryTime() - fetched.getCreationTime()).isEqualTo(86_400_000L);
    assertThat(fetched.getWorkspaceId()).isEqualTo(fx.fake().workspaceId());
    assertThat(byName).extracting(TokenInfo::getTokenId).containsExactly(tokenId);
    assertThat(byId).extracting(TokenInfo::getTokenId).containsExactly(tokenId);
    assertThat(byOther).isEmpty();
    assertThat(me.getUserName()).isEqualTo(sp.applicationId());
    assertThat(fx.fake().workspace().tokens()).isEmpty();
    assertSdkError(() -> ws.tokenManagement().get(tokenId), NotFound.class, "NOT_FOUND");
    assertSdkError(() -> ws.tokenManagement().delete(tokenId), NotFound.class, "NOT_FOUND");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oboForAServicePrincipalWithoutCanUseIsPermissionDenied(Mode mode) {
    // given
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");

    // when / then
    assertSdkError(() -> fx.workspace(mode).tokenManagement().createOboToken(new CreateOboTokenRequest()
            .setApplicationId(sp.applicationId()).setLifetimeSeconds(86_400L)),
        PermissionDenied.class, "PERMISSION_DENIED")
        .hasMessageContaining("User " + sp.applicationId() + " does not have permission to use tokens.");
    assertThat(fx.fake().workspace().tokens()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oboAboveMaxTokenLifetimeDaysIsRefused(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    ws.workspaceConf().setStatus(Map.of("maxTokenLifetimeDays", "1"));

    // when / then
    assertSdkError(() -> ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
            .setApplicationId(sp.applicationId()).setLifetimeSeconds(2 * 86_400L)),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE");
    assertThat(ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.applicationId()).setLifetimeSeconds(86_400L)).getTokenValue()).startsWith("dapi");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServicePrincipalManagesItsOwnTokensWithItsPat(Mode mode) {
    // given
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    String firstPat = fx.seedSpToken(sp);
    WorkspaceClient asSp = fx.workspace(mode, firstPat);

    // when
    User me = asSp.currentUser().me(new MeRequest());
    CreateTokenResponse minted = asSp.tokens().create(new CreateTokenRequest().setLifetimeSeconds(3600L).setComment("self"));
    List<PublicTokenInfo> both = toList(asSp.tokens().list());
    asSp.tokens().delete(minted.getTokenInfo().getTokenId());
    List<PublicTokenInfo> one = toList(asSp.tokens().list());

    // then
    assertThat(me.getUserName()).isEqualTo(sp.applicationId());
    assertThat(minted.getTokenValue()).startsWith("dapi").isNotEqualTo(firstPat);
    assertThat(minted.getTokenInfo().getExpiryTime() - minted.getTokenInfo().getCreationTime()).isEqualTo(3_600_000L);
    assertThat(both).extracting(PublicTokenInfo::getTokenId).hasSize(2).contains(minted.getTokenInfo().getTokenId());
    assertThat(one).extracting(PublicTokenInfo::getTokenId).hasSize(1).doesNotContain(minted.getTokenInfo().getTokenId());
    assertSdkError(() -> fx.workspace(mode, minted.getTokenValue()).currentUser().me(new MeRequest()),
        PermissionDenied.class, "403").hasMessageContaining("Invalid access token.");
    assertSdkError(() -> asSp.tokens().delete(minted.getTokenInfo().getTokenId()),
        ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTokenCreatedWithoutALifetimeLivesTwoYears(Mode mode) {
    // given
    WorkspaceClient asSp = fx.workspace(mode, fx.seedSpToken(fx.seedTokenUser("TD-CAS-Service")));

    // when
    PublicTokenInfo info = asSp.tokens().create(new CreateTokenRequest().setComment("default lifetime")).getTokenInfo();

    // then
    assertThat(info.getExpiryTime() - info.getCreationTime()).isEqualTo(Duration.ofDays(730).toMillis());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServicePrincipalWithoutCanUseCannotUseNorCreateTokens(Mode mode) {
    // given: a PAT issued behind the API's back, but no CAN_USE
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");
    WorkspaceClient asSp = fx.workspace(mode, fx.fake().workspace().issueToken(sp.applicationId(), Duration.ofDays(1)).reveal());

    // when / then
    assertSdkError(() -> asSp.tokens().create(new CreateTokenRequest().setLifetimeSeconds(3600L)),
        PermissionDenied.class, "PERMISSION_DENIED")
        .hasMessageContaining("User " + sp.applicationId() + " does not have permission to use tokens.");
    assertSdkError(() -> asSp.currentUser().me(new MeRequest()), PermissionDenied.class, "PERMISSION_DENIED")
        .hasMessageContaining("User " + sp.applicationId() + " does not have permission to use tokens.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anUnknownTokenGetsInvalidAccessTokenWithANumericErrorCode(Mode mode) {
    // given
    String unknown = "dapi" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
        + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);

    // when / then
    assertSdkError(() -> fx.workspace(mode, unknown).currentUser().me(new MeRequest()), PermissionDenied.class, "403")
        .hasMessageContaining("Invalid access token.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRevokedTokenGetsInvalidAccessToken(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    CreateOboTokenResponse obo = ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.applicationId()).setLifetimeSeconds(86_400L));
    ws.tokenManagement().delete(obo.getTokenInfo().getTokenId());

    // when / then
    assertSdkError(() -> fx.workspace(mode, obo.getTokenValue()).currentUser().me(new MeRequest()),
        PermissionDenied.class, "403").hasMessageContaining("Invalid access token.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anExpiredTokenGetsInvalidAccessTokenOnceTheClockPassesItsExpiry(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    String pat = ws.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.applicationId()).setLifetimeSeconds(3600L)).getTokenValue();
    WorkspaceClient asSp = fx.workspace(mode, pat);
    String before = asSp.currentUser().me(new MeRequest()).getUserName();

    // when
    fx.fake().clock().advance(Duration.ofHours(1));

    // then
    assertThat(before).isEqualTo(sp.applicationId());
    assertSdkError(() -> asSp.currentUser().me(new MeRequest()), PermissionDenied.class, "403")
        .hasMessageContaining("Invalid access token.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deletingTheServicePrincipalEndsItsTokens(Mode mode) {
    // given
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    String pat = fx.seedSpToken(sp);

    // when
    fx.account(mode).servicePrincipals().delete(Long.toString(sp.id()));

    // then
    assertSdkError(() -> fx.workspace(mode, pat).currentUser().me(new MeRequest()), PermissionDenied.class, "403")
        .hasMessageContaining("Invalid access token.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void disablingTokensInWorkspaceConfStopsServicePrincipalPats(Mode mode) {
    // given
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    WorkspaceClient asSp = fx.workspace(mode, fx.seedSpToken(sp));

    // when
    fx.workspace(mode).workspaceConf().setStatus(Map.of("enableTokensConfig", "false"));

    // then
    assertSdkError(() -> asSp.currentUser().me(new MeRequest()), PermissionDenied.class, "PERMISSION_DENIED");
    assertThat(fx.fake().workspace().tokens()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServicePrincipalTokenIsRefusedByAdminOnlyEndpoints(Mode mode) {
    // given
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    String pat = fx.seedSpToken(sp);
    WorkspaceClient asSp = fx.workspace(mode, pat);

    // when / then
    assertSdkError(() -> toList(asSp.tokenManagement().list(new ListTokenManagementRequest())),
        PermissionDenied.class, "PERMISSION_DENIED");
    assertSdkError(() -> asSp.tokenManagement().createOboToken(new CreateOboTokenRequest()
        .setApplicationId(sp.applicationId()).setLifetimeSeconds(60L)), PermissionDenied.class, "PERMISSION_DENIED");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWorkspacePatIsNotAnAccountCredential(Mode mode) {
    // given
    String pat = fx.seedSpToken(fx.seedTokenUser("TD-CAS-Service"));
    AccountClient account = new AccountClient(fx.patConfig(mode, fx.accountHost(mode), pat)
        .setAccountId(fx.fake().accountId()));

    // when / then
    assertSdkError(() -> toList(account.servicePrincipals().list(
            new com.databricks.sdk.service.iam.ListAccountServicePrincipalsRequest())),
        PermissionDenied.class, "403").hasMessageContaining("Invalid access token.");
  }
}
