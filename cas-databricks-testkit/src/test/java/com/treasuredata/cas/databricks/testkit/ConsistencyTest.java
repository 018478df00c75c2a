package com.treasuredata.cas.databricks.testkit;

import static com.treasuredata.cas.databricks.testkit.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistencyTest {

  private final FakeDatabricks fake = FakeDatabricks.create();
  private final Onboard onboard = new Onboard(fake);
  private final Api ws = Api.workspace(fake);

  @Test
  void aNewPrincipalIsInvisibleToAssignmentForNReads() {
    // given
    fake.consistency(ConsistencyDelay.reads(2));
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp first = onboard.assign(sp, "USER");
    Api.Resp second = onboard.assign(sp, "USER");
    Api.Resp third = onboard.assign(sp, "USER");

    // then
    assertThat(first.status()).isEqualTo(404);
    assertThat(first.message()).isEqualTo("Principal " + sp.id() + " not in workspace " + fake.workspaceId());
    assertThat(second.status()).isEqualTo(404);
    assertThat(third.status()).isEqualTo(200);
  }

  @Test
  void aNewPrincipalIsInvisibleForADurationOfVirtualTime() {
    // given
    fake.consistency(ConsistencyDelay.duration(Duration.ofSeconds(10)));
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    int early = onboard.assign(sp, "USER").status();
    fake.clock().advance(Duration.ofSeconds(9));
    int stillEarly = onboard.assign(sp, "USER").status();
    fake.clock().advance(Duration.ofSeconds(1));
    int visible = onboard.assign(sp, "USER").status();

    // then
    assertThat(early).isEqualTo(404);
    assertThat(stillEarly).isEqualTo(404);
    assertThat(visible).isEqualTo(200);
  }

  @Test
  void invisiblePrincipalsAnswerLikeUnknownOnesForAclOboAndGrants() {
    // given: visible long enough to be assigned, then invisible again to the other APIs
    Onboard.Sp sp = onboard.createSp("cas");
    onboard.assign(sp, "USER");
    fake.consistency(ConsistencyDelay.reads(3));
    Onboard.Sp fresh = onboard.createSp("fresh");
    fake.workspace().assign(fresh.appId(), "USER");

    // when
    Api.Resp acl = onboard.grantCanUse(fresh);
    Api.Resp obo = onboard.obo(fresh, 3600);
    Api.Resp grant = ws.patch("/api/2.1/unity-catalog/permissions/catalog/cas_demo_east1",
        json("changes", List.of(Map.of("principal", fresh.appId(), "add", List.of("SELECT")))));
    Api.Resp aclLater = onboard.grantCanUse(fresh);

    // then
    assertThat(acl.message()).isEqualTo("Principal: ServicePrincipalName(" + fresh.appId() + ") does not exist");
    assertThat(obo.status()).isEqualTo(403);
    assertThat(grant.errorCode()).isEqualTo("PRINCIPAL_DOES_NOT_EXIST");
    assertThat(aclLater.status()).isEqualTo(200);
  }

  @Test
  void theAccountScimApiSeesANewPrincipalAtOnce() {
    // given
    fake.consistency(ConsistencyDelay.reads(5));
    Onboard.Sp sp = onboard.createSp("cas");

    // when
    Api.Resp r = onboard.account.get(onboard.account.accountPath("/scim/v2/ServicePrincipals/" + sp.id()));

    // then
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void seededPrincipalsAreVisibleAtOnce() {
    // given
    fake.consistency(ConsistencyDelay.reads(5));
    var sp = fake.account().addServicePrincipal("seeded");

    // when
    Api.Resp r = onboard.assign(new Onboard.Sp(Long.toString(sp.id()), sp.applicationId()), "USER");

    // then
    assertThat(r.status()).isEqualTo(200);
  }
}
