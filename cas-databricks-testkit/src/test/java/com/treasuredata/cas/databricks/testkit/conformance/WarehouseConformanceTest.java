package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.GetWarehouseResponse;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import com.databricks.sdk.service.sql.WarehouseAccessControlRequest;
import com.databricks.sdk.service.sql.WarehousePermissionLevel;
import com.databricks.sdk.service.sql.WarehousePermissions;
import com.databricks.sdk.service.sql.WarehousePermissionsRequest;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import com.treasuredata.cas.databricks.testkit.state.WarehousePermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SQL warehouses, their permissions and the Statement Execution API, through the official SDK. */
class WarehouseConformanceTest extends SharedFakeConformanceTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listAndGetAnswerTheSdkModelWithTheWarehouseHttpPath(Mode mode) {
    // given
    String id = fx.fake().workspace().addWarehouse("cas-warehouse", "PRO", true, "STOPPED");
    WorkspaceClient ws = fx.workspace(mode);

    // when
    List<EndpointInfo> listed = ConformanceFixture.toList(ws.warehouses().list(new ListWarehousesRequest()));
    GetWarehouseResponse one = ws.warehouses().get(id);

    // then
    assertThat(listed).singleElement().satisfies(w -> assertThat(w.getName()).isEqualTo("cas-warehouse"));
    assertThat(one.getState().toString()).isEqualTo("STOPPED");
    assertThat(one.getWarehouseType().toString()).isEqualTo("PRO");
    assertThat(one.getEnableServerlessCompute()).isTrue();
    assertThat(one.getOdbcParams().getPath()).isEqualTo("/sql/1.0/warehouses/" + id);
    assertThat(one.getOdbcParams().getPort()).isEqualTo(443L);
    assertSdkError(() -> ws.warehouses().get("0123456789abcdef"), ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void patchAddsCanUseAndPutReplacesTheDirectEntriesKeepingTheOwner(Mode mode) {
    // given
    String id = fx.fake().workspace().addWarehouse("cas-warehouse");
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    ServicePrincipal other = fx.fake().account().addServicePrincipal("bi-tool");
    fx.fake().workspace().assign(sp.applicationId(), "USER");
    fx.fake().workspace().assign(other.applicationId(), "USER");
    fx.fake().workspace().grantWarehousePermission(id, WarehousePermission.servicePrincipal(other.applicationId(), "CAN_MONITOR"));
    WorkspaceClient ws = fx.workspace(mode);

    // when
    WarehousePermissions patched = ws.warehouses().updatePermissions(new WarehousePermissionsRequest().setWarehouseId(id).setAccessControlList(
        List.of(new WarehouseAccessControlRequest().setServicePrincipalName(sp.applicationId()).setPermissionLevel(WarehousePermissionLevel.CAN_USE))));

    // then
    assertThat(patched.getObjectId()).isEqualTo("/sql/warehouses/" + id);
    assertThat(fx.fake().workspace().warehouse(id).levelOf(sp.applicationId())).isEqualTo("CAN_USE");
    assertThat(fx.fake().workspace().warehouse(id).levelOf(other.applicationId())).isEqualTo("CAN_MONITOR");
    assertThat(ws.warehouses().getPermissions(id).getAccessControlList())
        .anySatisfy(e -> assertThat(e.getGroupName()).isEqualTo("admins"));

    // when: PUT with only the other principal
    ws.warehouses().setPermissions(new WarehousePermissionsRequest().setWarehouseId(id).setAccessControlList(
        List.of(new WarehouseAccessControlRequest().setServicePrincipalName(other.applicationId()).setPermissionLevel(WarehousePermissionLevel.CAN_MONITOR))));

    // then
    assertThat(fx.fake().workspace().warehouse(id).levelOf(sp.applicationId())).isNull();
    assertThat(fx.fake().workspace().warehouse(id).levelOf(fx.fake().adminUserName())).isEqualTo("IS_OWNER");
    assertSdkError(() -> ws.warehouses().updatePermissions(new WarehousePermissionsRequest().setWarehouseId(id).setAccessControlList(
            List.of(new WarehouseAccessControlRequest().setServicePrincipalName("00000000-0000-4000-8000-000000000000")
                .setPermissionLevel(WarehousePermissionLevel.CAN_USE)))),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("Principal: ServicePrincipalName(00000000-0000-4000-8000-000000000000) does not exist");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void statementsRunAsTheServicePrincipalWithCanUseAndFailOnAMissingGrant(Mode mode) {
    // given
    String id = fx.fake().workspace().addWarehouse("cas-warehouse");
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().assign(sp.applicationId(), "USER");
    fx.fake().workspace().grantTokenPermission(com.treasuredata.cas.databricks.testkit.state.TokenPermission.servicePrincipal(sp.applicationId(), "CAN_USE"));
    String catalog = fx.fake().workspace().catalogs().get(0).name();
    WorkspaceClient asSp = fx.workspace(mode, fx.fake().workspace().issueToken(sp.applicationId(), Duration.ofDays(1)).reveal());

    // then: no CAN_USE yet
    assertSdkError(() -> asSp.statementExecution().executeStatement(new ExecuteStatementRequest().setWarehouseId(id).setStatement("SELECT 1")),
        PermissionDenied.class, "PERMISSION_DENIED").hasMessageContaining("permission to use warehouse " + id);

    // when
    fx.fake().workspace().grantWarehousePermission(id, WarehousePermission.servicePrincipal(sp.applicationId(), "CAN_USE"));
    StatementResponse one = asSp.statementExecution().executeStatement(new ExecuteStatementRequest().setWarehouseId(id).setStatement("SELECT 1").setWaitTimeout("50s"));
    StatementResponse schemas = asSp.statementExecution().executeStatement(
        new ExecuteStatementRequest().setWarehouseId(id).setStatement("SHOW SCHEMAS IN " + catalog));

    // then
    assertThat(one.getStatus().getState()).isEqualTo(StatementState.SUCCEEDED);
    assertThat(one.getResult().getDataArray()).containsExactly(List.of("1"));
    assertThat(schemas.getStatus().getState()).isEqualTo(StatementState.FAILED);
    assertThat(schemas.getStatus().getError().getMessage())
        .isEqualTo("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have USE CATALOG on Catalog '" + catalog + "'. SQLSTATE: 42501");
    assertThat(asSp.statementExecution().getStatement(schemas.getStatementId()).getStatus().getState()).isEqualTo(StatementState.FAILED);
  }
}
