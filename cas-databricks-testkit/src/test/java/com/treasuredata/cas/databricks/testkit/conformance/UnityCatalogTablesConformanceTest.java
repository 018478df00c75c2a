package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.catalog.CreateTableRequest;
import com.databricks.sdk.service.catalog.DataSourceFormat;
import com.databricks.sdk.service.catalog.EffectivePermissionsList;
import com.databricks.sdk.service.catalog.EffectivePrivilege;
import com.databricks.sdk.service.catalog.EffectivePrivilegeAssignment;
import com.databricks.sdk.service.catalog.GetEffectiveRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.SecurableType;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableType;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unity Catalog tables as securables, grants on schemas and tables, effective permissions with
 * inheritance, and who may grant (metastore admins, owners, MANAGE holders; not workspace admins as such).
 */
class UnityCatalogTablesConformanceTest extends SharedFakeConformanceTest {

  private static final String CATALOG = "cas_demo_east1";
  private static final String SCHEMA = CATALOG + ".default";
  private static final String TABLE = SCHEMA + ".events";

  private static UpdatePermissions grant(String type, String fullName, String principal, Privilege... privileges) {
    return new UpdatePermissions().setSecurableType(type).setFullName(fullName)
        .setChanges(List.of(new PermissionsChange().setPrincipal(principal).setAdd(List.of(privileges))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tablesCreateGetListExistsAndDelete(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    TableInfo created = ws.tables().create(new CreateTableRequest().setCatalogName(CATALOG).setSchemaName("default")
        .setName("events").setTableType(TableType.MANAGED).setDataSourceFormat(DataSourceFormat.DELTA));
    TableInfo fetched = ws.tables().get(TABLE);
    List<TableInfo> listed = toList(ws.tables().list(CATALOG, "default"));
    boolean existed = ws.tables().exists(TABLE).getTableExists();
    ws.tables().delete(TABLE);

    // then
    assertThat(created.getFullName()).isEqualTo(TABLE);
    assertThat(fetched.getOwner()).isEqualTo(fx.fake().adminUserName());
    assertThat(fetched.getTableType()).isEqualTo(TableType.MANAGED);
    assertThat(listed).extracting(TableInfo::getName).containsExactly("events");
    assertThat(existed).isTrue();
    assertThat(ws.tables().exists(TABLE).getTableExists()).isFalse();
    assertSdkError(() -> ws.tables().get(TABLE), NotFound.class, "TABLE_DOES_NOT_EXIST")
        .hasMessageContaining("Table '" + TABLE + "' does not exist.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void creatingAnExistingTableIsAConflict(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    fx.fake().workspace().createTable(CATALOG, "default", "events");

    // when / then
    assertSdkError(() -> ws.tables().create(new CreateTableRequest().setCatalogName(CATALOG).setSchemaName("default")
        .setName("events")), ResourceConflict.class, "TABLE_ALREADY_EXISTS");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void catalogAndSchemaGrantsShowOnATableAsInherited(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    fx.fake().workspace().createTable(CATALOG, "default", "events");

    // when
    ws.grants().update(grant("catalog", CATALOG, sp.applicationId(), Privilege.USE_CATALOG));
    ws.grants().update(grant("schema", SCHEMA, sp.applicationId(), Privilege.USE_SCHEMA));
    List<PrivilegeAssignment> onTable = List.copyOf(ws.grants().update(grant("table", TABLE, sp.applicationId(),
        Privilege.SELECT)).getPrivilegeAssignments());
    EffectivePermissionsList effective = ws.grants().getEffective(new GetEffectiveRequest()
        .setSecurableType("table").setFullName(TABLE).setPrincipal(sp.applicationId()));
    EffectivePermissionsList onSchema = ws.grants().getEffective("schema", SCHEMA);

    // then
    assertThat(onTable).singleElement().satisfies(a -> assertThat(a.getPrivileges()).containsExactly(Privilege.SELECT));
    assertThat(effective.getPrivilegeAssignments()).singleElement().satisfies(a -> {
      assertThat(a.getPrincipal()).isEqualTo(sp.applicationId());
      assertThat(a.getPrivileges()).extracting(EffectivePrivilege::getPrivilege, EffectivePrivilege::getInheritedFromType,
          EffectivePrivilege::getInheritedFromName).containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(Privilege.SELECT, null, null),
              org.assertj.core.groups.Tuple.tuple(Privilege.USE_SCHEMA, SecurableType.SCHEMA, SCHEMA),
              org.assertj.core.groups.Tuple.tuple(Privilege.USE_CATALOG, SecurableType.CATALOG, CATALOG));
    });
    assertThat(onSchema.getPrivilegeAssignments()).flatExtracting(EffectivePrivilegeAssignment::getPrivileges)
        .extracting(EffectivePrivilege::getPrivilege).containsExactlyInAnyOrder(Privilege.USE_SCHEMA, Privilege.USE_CATALOG);
    assertThat(fx.fake().workspace().tableGrants(CATALOG, "default", "events")).singleElement()
        .satisfies(g -> assertThat(g.privileges()).containsExactly("SELECT"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWorkspaceAdminWhoIsNotAMetastoreAdminCannotGrantUntilMadeOne(Mode mode) {
    // given
    ServicePrincipal admin = fx.seedTokenUser("TD-CAS-Admin");
    fx.fake().workspace().assign(admin.applicationId(), "ADMIN");
    WorkspaceClient asAdmin = fx.workspace(mode, fx.seedSpToken(admin));
    UpdatePermissions selfGrant = grant("catalog", CATALOG, admin.applicationId(), Privilege.USE_CATALOG);

    // when / then
    assertSdkError(() -> asAdmin.grants().update(selfGrant), PermissionDenied.class, "PERMISSION_DENIED")
        .hasMessageContaining("does not have MANAGE on Catalog '" + CATALOG + "'");
    fx.fake().workspace().metastoreAdmin(admin.applicationId(), true);
    assertThat(asAdmin.grants().update(selfGrant).getPrivilegeAssignments()).extracting(PrivilegeAssignment::getPrincipal)
        .containsExactly(admin.applicationId());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void manageOnTheCatalogLetsAPrincipalGrantOnItsTables(Mode mode) {
    // given
    ServicePrincipal steward = fx.seedTokenUser("TD-CAS-Steward");
    ServicePrincipal reader = fx.fake().account().addServicePrincipal("TD-CAS-Reader");
    fx.fake().workspace().createTable(CATALOG, "default", "events");
    fx.workspace(mode).grants().update(grant("catalog", CATALOG, steward.applicationId(), Privilege.MANAGE));
    WorkspaceClient asSteward = fx.workspace(mode, fx.seedSpToken(steward));

    // when
    asSteward.grants().update(grant("table", TABLE, reader.applicationId(), Privilege.SELECT));

    // then
    assertThat(fx.fake().workspace().tableGrants(CATALOG, "default", "events")).singleElement()
        .satisfies(g -> assertThat(g.principal()).isEqualTo(reader.applicationId()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWorkspaceAdminWhoIsNotAMetastoreAdminCannotCreateACatalog(Mode mode) {
    // given
    ServicePrincipal admin = fx.seedTokenUser("TD-CAS-Admin");
    fx.fake().workspace().assign(admin.applicationId(), "ADMIN");
    WorkspaceClient asAdmin = fx.workspace(mode, fx.seedSpToken(admin));

    // when / then
    assertSdkError(() -> asAdmin.catalogs().create(new com.databricks.sdk.service.catalog.CreateCatalog().setName("x")),
        PermissionDenied.class, "PERMISSION_DENIED").hasMessageContaining("CREATE CATALOG on Metastore");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void allPrivilegesDoesNotIncludeManageButManageThroughAGroupCounts(Mode mode) {
    // given
    ServicePrincipal steward = fx.seedTokenUser("TD-CAS-Steward");
    fx.fake().account().addGroupMember("cas-stewards", steward.applicationId());
    fx.workspace(mode).grants().update(grant("catalog", CATALOG, steward.applicationId(), Privilege.ALL_PRIVILEGES));
    WorkspaceClient asSteward = fx.workspace(mode, fx.seedSpToken(steward));
    UpdatePermissions onSchema = grant("schema", SCHEMA, steward.applicationId(), Privilege.USE_SCHEMA);

    // when / then
    assertSdkError(() -> asSteward.grants().update(onSchema), PermissionDenied.class, "PERMISSION_DENIED");
    fx.workspace(mode).grants().update(grant("catalog", CATALOG, "cas-stewards", Privilege.MANAGE));
    assertThat(asSteward.grants().update(onSchema).getPrivilegeAssignments()).extracting(PrivilegeAssignment::getPrincipal)
        .containsExactly(steward.applicationId());
  }
}
