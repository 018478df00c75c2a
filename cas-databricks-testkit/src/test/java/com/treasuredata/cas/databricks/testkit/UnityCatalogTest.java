package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnityCatalogTest {

  private static final String UC = "/api/2.1/unity-catalog";
  private static final List<String> DATA_READER = List.of("USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT");

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Onboard onboard = new Onboard(fake);
  private final Api ws = Api.workspace(fake);

  private Api.Resp grant(String type, String name, String principal, List<String> add, List<String> remove) {
    return ws.patch(UC + "/permissions/" + type + "/" + name,
        json("changes", List.of(Map.of("principal", principal, "add", add, "remove", remove))));
  }

  @Test
  void theDefaultCatalogExistsWithSchemaDefault() {
    // when
    Api.Resp catalog = ws.get(UC + "/catalogs/cas_demo_east1");
    Api.Resp schemas = ws.get(UC + "/schemas?catalog_name=cas_demo_east1");

    // then
    assertThat(catalog.status()).isEqualTo(200);
    assertThat(catalog.text("/name")).isEqualTo("cas_demo_east1");
    assertThat(catalog.text("/catalog_type")).isEqualTo("MANAGED_CATALOG");
    assertThat(schemas.json().path("schemas").findValuesAsText("full_name")).containsExactly("cas_demo_east1.default");
  }

  @Test
  void aMissingCatalogIsCatalogDoesNotExist() {
    // when
    Api.Resp r = ws.get(UC + "/catalogs/nope");

    // then
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("CATALOG_DOES_NOT_EXIST");
    assertThat(r.message()).isEqualTo("Catalog 'nope' does not exist.");
  }

  @Test
  void catalogsAndSchemasCanBeCreatedListedAndDeleted() {
    // when
    Api.Resp created = ws.post(UC + "/catalogs", json("name", "extra", "comment", "c"));
    Api.Resp dup = ws.post(UC + "/catalogs", json("name", "extra"));
    Api.Resp schema = ws.post(UC + "/schemas", json("name", "sales", "catalog_name", "extra"));
    Api.Resp getSchema = ws.get(UC + "/schemas/extra.sales");
    Api.Resp list = ws.get(UC + "/catalogs");
    Api.Resp notEmpty = ws.delete(UC + "/catalogs/extra");
    Api.Resp forced = ws.delete(UC + "/catalogs/extra?force=true");
    Api.Resp missingSchema = ws.get(UC + "/schemas/cas_demo_east1.nope");

    // then
    assertThat(created.status()).isEqualTo(200);
    assertThat(dup.status()).isEqualTo(409);
    assertThat(schema.text("/full_name")).isEqualTo("extra.sales");
    assertThat(getSchema.status()).isEqualTo(200);
    assertThat(list.json().path("catalogs").findValuesAsText("name")).containsExactly("cas_demo_east1", "extra");
    assertThat(notEmpty.status()).isEqualTo(400);
    assertThat(forced.status()).isEqualTo(200);
    assertThat(fake.workspace().catalogs()).extracting(c -> c.name()).containsExactly("cas_demo_east1");
    assertThat(missingSchema.errorCode()).isEqualTo("SCHEMA_DOES_NOT_EXIST");
  }

  @Test
  void grantingTheDataReaderPresetToAnSpIsSetLikeAndIdempotent() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp first = grant("catalog", "cas_demo_east1", sp.appId(), DATA_READER, List.of());
    Api.Resp again = grant("catalog", "cas_demo_east1", sp.appId(), DATA_READER, List.of());
    Api.Resp get = ws.get(UC + "/permissions/catalog/cas_demo_east1");

    // then
    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(fake.workspace().privileges("cas_demo_east1", sp.appId()))
        .containsExactlyInAnyOrder("USE_CATALOG", "USE_SCHEMA", "BROWSE", "EXECUTE", "SELECT");
    JsonNode assignment = get.json().path("privilege_assignments").get(0);
    assertThat(assignment.path("principal").asText()).isEqualTo(sp.appId());
    assertThat(assignment.path("privileges")).hasSize(5);
  }

  @Test
  void removeTakesPrivilegesAwayAndSpacesAreNormalised() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    grant("catalog", "cas_demo_east1", sp.appId(), List.of("USE CATALOG", "SELECT"), List.of());

    // when
    grant("catalog", "cas_demo_east1", sp.appId(), List.of(), List.of("SELECT"));

    // then
    assertThat(fake.workspace().privileges("cas_demo_east1", sp.appId())).containsExactly("USE_CATALOG");
  }

  @Test
  void theSamePrivilegeInAddAndRemoveIsInvalidParameterValue() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp r = grant("catalog", "cas_demo_east1", sp.appId(), List.of("SELECT"), List.of("SELECT"));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(r.message()).isEqualTo("Duplicate privileges to add and delete for principal " + sp.appId() + ".");
  }

  @Test
  void anUnknownPrincipalOrAWorkspaceLocalGroupIsPrincipalDoesNotExist() {
    // when
    Api.Resp byName = grant("catalog", "cas_demo_east1", "TD-CAS-Service", List.of("SELECT"), List.of());
    Api.Resp admins = grant("catalog", "cas_demo_east1", "admins", List.of("SELECT"), List.of());

    // then
    assertThat(byName.status()).isEqualTo(400);
    assertThat(byName.errorCode()).isEqualTo("PRINCIPAL_DOES_NOT_EXIST");
    assertThat(byName.message()).isEqualTo("Could not find principal with name TD-CAS-Service");
    assertThat(admins.errorCode()).isEqualTo("PRINCIPAL_DOES_NOT_EXIST");
  }

  @Test
  void unknownPrincipalStatusIsConfigurable() {
    // given
    FakeDatabricks custom = FakeDatabricks.builder().behaviours(Behaviours.defaults().withUcUnknownPrincipalStatus(404)).build();

    // when
    Api.Resp r = Api.workspace(custom).patch(UC + "/permissions/catalog/cas_demo_east1",
        json("changes", List.of(Map.of("principal", "nobody", "add", List.of("SELECT")))));

    // then
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("PRINCIPAL_DOES_NOT_EXIST");
  }

  @Test
  void accountGroupsAndTheAdminUserAreValidPrincipals() {
    // given
    fake.account().addGroup("data-readers");

    // when
    Api.Resp group = grant("catalog", "cas_demo_east1", "data-readers", List.of("SELECT"), List.of());
    Api.Resp user = grant("catalog", "cas_demo_east1", fake.adminUserName(), List.of("SELECT"), List.of());

    // then
    assertThat(group.status()).isEqualTo(200);
    assertThat(user.status()).isEqualTo(200);
  }

  @Test
  void grantsOnAMissingCatalogAreCatalogDoesNotExist() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp patch = grant("catalog", "nope", sp.appId(), List.of("SELECT"), List.of());
    Api.Resp get = ws.get(UC + "/permissions/catalog/nope");

    // then
    assertThat(patch.status()).isEqualTo(404);
    assertThat(patch.errorCode()).isEqualTo("CATALOG_DOES_NOT_EXIST");
    assertThat(get.errorCode()).isEqualTo("CATALOG_DOES_NOT_EXIST");
  }

  @Test
  void invalidPrivilegeNamesAreRejected() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp r = grant("catalog", "cas_demo_east1", sp.appId(), List.of("READ_EVERYTHING"), List.of());

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void uppercaseSecurableTypeIsAcceptedByDefaultAndRefusedWhenConfigured() {
    // given
    FakeDatabricks strict = FakeDatabricks.builder()
        .behaviours(Behaviours.defaults().withUcAcceptsUppercaseSecurableType(false)).build();

    // when
    Api.Resp lenient = ws.get(UC + "/permissions/CATALOG/cas_demo_east1");
    Api.Resp refused = Api.workspace(strict).get(UC + "/permissions/CATALOG/cas_demo_east1");

    // then
    assertThat(lenient.status()).isEqualTo(200);
    assertThat(refused.status()).isEqualTo(400);
  }

  @Test
  void effectivePermissionsShowInheritanceFromTheCatalog() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    grant("catalog", "cas_demo_east1", sp.appId(), List.of("SELECT"), List.of());
    grant("schema", "cas_demo_east1.default", sp.appId(), List.of("USE_SCHEMA"), List.of());

    // when
    Api.Resp onCatalog = ws.get(UC + "/effective-permissions/catalog/cas_demo_east1?principal=" + sp.appId());
    Api.Resp onSchema = ws.get(UC + "/effective-permissions/schema/cas_demo_east1.default?principal=" + sp.appId());

    // then
    JsonNode direct = onCatalog.json().at("/privilege_assignments/0/privileges/0");
    assertThat(direct.path("privilege").asText()).isEqualTo("SELECT");
    assertThat(direct.has("inherited_from_type")).isFalse();
    JsonNode privs = onSchema.json().at("/privilege_assignments/0/privileges");
    assertThat(privs).hasSize(2);
    assertThat(privs.get(1).path("privilege").asText()).isEqualTo("SELECT");
    assertThat(privs.get(1).path("inherited_from_type").asText()).isEqualTo("CATALOG");
    assertThat(privs.get(1).path("inherited_from_name").asText()).isEqualTo("cas_demo_east1");
  }

  @Test
  void anSpWithoutManageCannotGrant() {
    // given
    Onboard.Sp sp = onboard.createSp("cas");
    var pat = onboard.onboarded(sp);

    // when
    Api.Resp r = ws.as(pat).patch(UC + "/permissions/catalog/cas_demo_east1",
        json("changes", List.of(Map.of("principal", sp.appId(), "add", List.of("SELECT")))));

    // then
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.message()).isEqualTo("User does not have MANAGE on Catalog 'cas_demo_east1'.");
  }

  @Test
  void aChangeWithoutPrincipalIsRejected() {
    // when
    Api.Resp r = ws.patch(UC + "/permissions/catalog/cas_demo_east1", json("changes", List.of(Map.of("add", List.of("SELECT")))));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("at least one of 'principal' or 'principal_id' must be set");
  }

  @Test
  void maxResultsBetweenOneAndHundredFortyNineIsInvalid() {
    // when
    Api.Resp r = ws.get(UC + "/permissions/catalog/cas_demo_east1?max_results=10");

    // then
    assertThat(r.status()).isEqualTo(400);
  }
}
