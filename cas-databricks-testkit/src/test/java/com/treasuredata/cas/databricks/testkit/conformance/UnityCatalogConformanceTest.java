package com.treasuredata.cas.databricks.testkit.conformance;

import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.assertSdkError;
import static com.treasuredata.cas.databricks.testkit.conformance.ConformanceFixture.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.EffectivePermissionsList;
import com.databricks.sdk.service.catalog.EffectivePrivilege;
import com.databricks.sdk.service.catalog.EffectivePrivilegeAssignment;
import com.databricks.sdk.service.catalog.GetEffectiveRequest;
import com.databricks.sdk.service.catalog.GetGrantRequest;
import com.databricks.sdk.service.catalog.GetPermissionsResponse;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.SecurableType;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.UpdatePermissionsResponse;
import com.treasuredata.cas.databricks.testkit.ConsistencyDelay;
import com.treasuredata.cas.databricks.testkit.state.ServicePrincipal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unity Catalog catalogs, schemas, grants and effective permissions (reference §f). */
class UnityCatalogConformanceTest extends SharedFakeConformanceTest {

  private static final String CATALOG = "cas_demo_east1";
  private static final List<Privilege> DATA_READER =
      List.of(Privilege.USE_CATALOG, Privilege.USE_SCHEMA, Privilege.BROWSE, Privilege.EXECUTE, Privilege.SELECT);

  @ParameterizedTest
  @EnumSource(Mode.class)
  void catalogsCreateGetListAndDelete(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    CatalogInfo created = ws.catalogs().create(new CreateCatalog().setName("cas_test").setComment("conformance"));
    CatalogInfo fetched = ws.catalogs().get("cas_test");
    List<CatalogInfo> listed = toList(ws.catalogs().list(new ListCatalogsRequest()));
    ws.catalogs().delete("cas_test");

    // then
    assertThat(created.getName()).isEqualTo("cas_test");
    assertThat(fetched.getFullName()).isEqualTo("cas_test");
    assertThat(fetched.getComment()).isEqualTo("conformance");
    assertThat(fetched.getMetastoreId()).isNotBlank();
    assertThat(listed).extracting(CatalogInfo::getName).contains(CATALOG, "cas_test");
    assertSdkError(() -> ws.catalogs().get("cas_test"), NotFound.class, "CATALOG_DOES_NOT_EXIST")
        .hasMessageContaining("Catalog 'cas_test' does not exist.");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void creatingAnExistingCatalogIsAConflict(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when / then
    assertSdkError(() -> ws.catalogs().create(new CreateCatalog().setName(CATALOG)),
        ResourceConflict.class, "CATALOG_ALREADY_EXISTS");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void schemasCreateGetListAndDelete(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);

    // when
    SchemaInfo created = ws.schemas().create(new CreateSchema().setCatalogName(CATALOG).setName("events"));
    SchemaInfo fetched = ws.schemas().get(CATALOG + ".events");
    List<SchemaInfo> listed = toList(ws.schemas().list(CATALOG));
    ws.schemas().delete(CATALOG + ".events");

    // then
    assertThat(created.getFullName()).isEqualTo(CATALOG + ".events");
    assertThat(fetched.getCatalogName()).isEqualTo(CATALOG);
    assertThat(listed).extracting(SchemaInfo::getName).contains("default", "events");
    assertSdkError(() -> ws.schemas().get(CATALOG + ".events"), NotFound.class, "SCHEMA_DOES_NOT_EXIST");
    assertSdkError(() -> toList(ws.schemas().list("no_such_catalog")), NotFound.class, "CATALOG_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void grantsUpdateGetAndInheritedEffectivePermissions(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    UpdatePermissions grant = new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal(sp.applicationId()).setAdd(DATA_READER)));

    // when
    UpdatePermissionsResponse updated = ws.grants().update(grant);
    UpdatePermissionsResponse again = ws.grants().update(grant);
    List<PrivilegeAssignment> direct = List.copyOf(ws.grants().get("catalog", CATALOG).getPrivilegeAssignments());
    EffectivePermissionsList onSchema = ws.grants().getEffective(new GetEffectiveRequest()
        .setSecurableType("schema").setFullName(CATALOG + ".default").setPrincipal(sp.applicationId()));
    EffectivePermissionsList onCatalog = ws.grants().getEffective("catalog", CATALOG);
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal(sp.applicationId()).setRemove(List.of(Privilege.BROWSE)))));

    // then
    assertThat(updated.getPrivilegeAssignments()).singleElement()
        .satisfies(a -> assertThat(a.getPrivileges()).containsExactlyInAnyOrderElementsOf(DATA_READER));
    assertThat(again.getPrivilegeAssignments()).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyInAnyOrderElementsOf(updated.getPrivilegeAssignments());
    assertThat(direct).singleElement().satisfies(a -> {
      assertThat(a.getPrincipal()).isEqualTo(sp.applicationId());
      assertThat(a.getPrivileges()).containsExactlyInAnyOrderElementsOf(DATA_READER);
    });
    EffectivePrivilegeAssignment effective = onSchema.getPrivilegeAssignments().iterator().next();
    assertThat(effective.getPrincipal()).isEqualTo(sp.applicationId());
    assertThat(effective.getPrivileges()).extracting(EffectivePrivilege::getPrivilege)
        .containsExactlyInAnyOrderElementsOf(DATA_READER);
    assertThat(effective.getPrivileges()).allSatisfy(p -> {
      assertThat(p.getInheritedFromType()).isEqualTo(SecurableType.CATALOG);
      assertThat(p.getInheritedFromName()).isEqualTo(CATALOG);
    });
    assertThat(onCatalog.getPrivilegeAssignments()).singleElement().satisfies(a -> assertThat(a.getPrivileges())
        .allSatisfy(p -> assertThat(p.getInheritedFromType()).isNull()));
    assertThat(fx.fake().workspace().privileges(CATALOG, sp.applicationId()))
        .containsExactlyInAnyOrder("USE_CATALOG", "USE_SCHEMA", "EXECUTE", "SELECT");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void grantsHonourTheMaxResultsRules(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal(sp.applicationId()).setAdd(DATA_READER))));

    // when
    GetPermissionsResponse serverPaged = ws.grants().get(new GetGrantRequest().setSecurableType("catalog")
        .setFullName(CATALOG).setMaxResults(0L));
    GetPermissionsResponse filtered = ws.grants().get(new GetGrantRequest().setSecurableType("catalog")
        .setFullName(CATALOG).setPrincipal("someone-else@fake-databricks.test"));

    // then: 0 means a server-chosen page, the last one without next_page_token; 1..149 is invalid
    assertThat(serverPaged.getPrivilegeAssignments()).extracting(PrivilegeAssignment::getPrincipal)
        .containsExactly(sp.applicationId());
    assertThat(serverPaged.getNextPageToken()).isNull();
    assertThat(filtered.getPrivilegeAssignments()).isNullOrEmpty();
    assertSdkError(() -> ws.grants().get(new GetGrantRequest().setSecurableType("catalog").setFullName(CATALOG)
        .setMaxResults(10L)), InvalidParameterValue.class, "INVALID_PARAMETER_VALUE");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void grantsOnAMissingCatalogAreCatalogDoesNotExist(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");

    // when / then
    assertSdkError(() -> ws.catalogs().get("no_such_catalog"), NotFound.class, "CATALOG_DOES_NOT_EXIST");
    assertSdkError(() -> ws.grants().get("catalog", "no_such_catalog"), NotFound.class, "CATALOG_DOES_NOT_EXIST");
    assertSdkError(() -> ws.grants().update(new UpdatePermissions().setSecurableType("catalog")
            .setFullName("no_such_catalog").setChanges(List.of(new PermissionsChange()
                .setPrincipal(sp.applicationId()).setAdd(List.of(Privilege.USE_CATALOG))))),
        NotFound.class, "CATALOG_DOES_NOT_EXIST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void grantsToAnUnknownPrincipalAreRefusedAndChangeNothing(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    fx.fake().account().addServicePrincipal("TD-CAS-Service");

    // when / then: a display name and a workspace-local group are not UC principals
    for (String principal : List.of("TD-CAS-Service", "admins")) {
      assertSdkError(() -> ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
              .setChanges(List.of(new PermissionsChange().setPrincipal(principal).setAdd(List.of(Privilege.SELECT))))),
          BadRequest.class, "PRINCIPAL_DOES_NOT_EXIST")
          .hasMessageContaining("Could not find principal with name " + principal);
    }
    assertThat(fx.fake().workspace().grants(CATALOG)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anAccountGroupIsAValidPrincipal(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    fx.fake().account().addGroup("cas-readers");

    // when
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal("cas-readers").setAdd(List.of(Privilege.USE_CATALOG)))));

    // then
    assertThat(fx.fake().workspace().privileges(CATALOG, "cas-readers")).containsExactly("USE_CATALOG");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theSamePrivilegeInAddAndRemoveIsInvalidParameterValue(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");

    // when / then
    assertSdkError(() -> ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
            .setChanges(List.of(new PermissionsChange().setPrincipal(sp.applicationId())
                .setAdd(List.of(Privilege.SELECT)).setRemove(List.of(Privilege.SELECT))))),
        InvalidParameterValue.class, "INVALID_PARAMETER_VALUE")
        .hasMessageContaining("Duplicate privileges to add and delete for principal " + sp.applicationId() + ".");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void removingAllPrivilegesRevokesEveryPrivilegeHeldBeforeTheAddsApply(Mode mode) {
    // given
    WorkspaceClient ws = fx.workspace(mode);
    ServicePrincipal sp = fx.fake().account().addServicePrincipal("TD-CAS-Service");
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal(sp.applicationId())
            .setAdd(List.of(Privilege.USE_CATALOG, Privilege.SELECT, Privilege.BROWSE)))));

    // when
    ws.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal(sp.applicationId())
            .setAdd(List.of(Privilege.USE_CATALOG)).setRemove(List.of(Privilege.ALL_PRIVILEGES)))));

    // then
    assertThat(fx.fake().workspace().privileges(CATALOG, sp.applicationId())).containsExactly("USE_CATALOG");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNewPrincipalCanStayInvisibleToGrantsForOneRead(Mode mode) {
    // given
    fx.fake().consistency(ConsistencyDelay.reads(1));
    WorkspaceClient ws = fx.workspace(mode);
    String appId = fx.account(mode).servicePrincipals()
        .create(new com.databricks.sdk.service.iam.ServicePrincipal().setDisplayName("TD-CAS-Service")).getApplicationId();
    UpdatePermissions grant = new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
        .setChanges(List.of(new PermissionsChange().setPrincipal(appId).setAdd(List.of(Privilege.USE_CATALOG))));

    // when / then: answered as for an unknown principal, then visible
    assertSdkError(() -> ws.grants().update(grant), BadRequest.class, "PRINCIPAL_DOES_NOT_EXIST");
    assertThat(ws.grants().update(grant).getPrivilegeAssignments()).extracting(PrivilegeAssignment::getPrincipal)
        .containsExactly(appId);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServicePrincipalWithoutManageCannotGrant(Mode mode) {
    // given
    ServicePrincipal sp = fx.seedTokenUser("TD-CAS-Service");
    WorkspaceClient asSp = fx.workspace(mode, fx.seedSpToken(sp));

    // when / then
    assertSdkError(() -> asSp.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName(CATALOG)
            .setChanges(List.of(new PermissionsChange().setPrincipal(sp.applicationId())
                .setAdd(List.of(Privilege.SELECT))))),
        PermissionDenied.class, "PERMISSION_DENIED")
        .hasMessageContaining("does not have MANAGE on Catalog '" + CATALOG + "'");
  }
}
