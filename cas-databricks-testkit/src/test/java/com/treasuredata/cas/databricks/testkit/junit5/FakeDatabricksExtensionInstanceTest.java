package com.treasuredata.cas.databricks.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance registration: a fake of its own for every test. */
class FakeDatabricksExtensionInstanceTest {

  private static final Set<FakeDatabricks> seen = Collections.synchronizedSet(
      Collections.newSetFromMap(new IdentityHashMap<>()));

  @RegisterExtension
  final FakeDatabricksExtension databricks = FakeDatabricksExtension.create();

  @RepeatedTest(3)
  void eachTestGetsANewFake(FakeDatabricks fake) {
    // given
    Requests.get(fake, "/api/2.0/preview/scim/v2/Me");

    // when
    boolean firstTimeSeen = seen.add(fake);

    // then
    assertThat(firstTimeSeen).isTrue();
    assertThat(fake).isSameAs(databricks.fake());
    assertThat(fake.journal().count()).isEqualTo(1);
  }
}
