package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.UpdateWorkspaceAssignments;
import com.databricks.sdk.service.iam.WorkspacePermission;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A second workspace in the same account (reference §2: workspaces are addressed by host, or by
 * {@code X-Databricks-Workspace-Id} on a shared host): state and PATs stay per workspace.
 */
class MultiWorkspaceConformanceTest {

  private static final long SECOND = 2_222_222_222_222_222L;

  private static ConformanceFixture fx;

  @BeforeAll
  static void startFake() {
    fx = ConformanceFixture.start();
  }

  @AfterAll
  static void stopFake() {
    fx.close();
  }

  @BeforeEach
  void resetFake() {
    fx.reset();
    fx.fake().addWorkspace(SECOND, "cas-west", "cas_demo_west1");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void eachWorkspaceServesItsOwnCatalogs(Mode mode) {
    // given
    WorkspaceClient first = fx.workspace(mode, fx.fake().workspaceId());
    WorkspaceClient second = fx.workspace(mode, SECOND);

    // when
    List<CatalogInfo> firstCatalogs = toList(first.catalogs().list(new ListCatalogsRequest()));
    List<CatalogInfo> secondCatalogs = toList(second.catalogs().list(new ListCatalogsRequest()));

    // then
    assertThat(firstCatalogs).extracting(CatalogInfo::getName).containsExactly("cas_demo_east1");
    assertThat(secondCatalogs).extracting(CatalogInfo::getName).containsExactly("cas_demo_west1");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPatOfOneWorkspaceIsInvalidInAnother(Mode mode) {
    // given
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    fx.account(mode).workspaceAssignment().update(new UpdateWorkspaceAssignments().setWorkspaceId(SECOND)
        .setPrincipalId(sp.id()).setPermissions(List.of(WorkspacePermission.USER)));
    String firstPat = fx.seedSpToken(sp);
    var host = mode == Mode.HTTP ? fx.server().url() : fx.fake().workspace(SECOND).host();
    WorkspaceClient secondAsSp = new WorkspaceClient(fx.patConfig(mode, host, firstPat)
        .setWorkspaceId(Long.toString(SECOND)));

    // when / then
    assertThat(fx.workspace(mode, firstPat).currentUser().me(new MeRequest()).getUserName())
        .isEqualTo(sp.applicationId());
    assertSdkError(() -> secondAsSp.currentUser().me(new MeRequest()), PermissionDenied.class, "403")
        .hasMessageContaining("Invalid access token.");
  }
}
