package com.treasuredata.cas.databricks.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @ExtendWith} on the class: like a static registration, one fake for the class, reset per test. */
@ExtendWith(FakeDatabricksExtension.class)
class FakeDatabricksExtensionDeclarativeTest {

  private static final AtomicReference<FakeDatabricks> first = new AtomicReference<>();

  @RepeatedTest(2)
  void sharesOneFakeResetBeforeEachTest(FakeDatabricks fake) {
    // given
    first.compareAndSet(null, fake);

    // when
    Requests.get(fake, "/api/2.0/preview/scim/v2/Me");

    // then
    assertThat(fake).isSameAs(first.get());
    assertThat(fake.journal().count()).isEqualTo(1);
  }
}
