package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A null where the API expects a value is a {@link NullPointerException} whose message names the
 * argument and says what is allowed, never a bare argument name.
 */
class NullArgumentMessagesTest {

  private static final String SHAPE = "(?s).*\\S+.* is null; allowed: .+";

  @Test
  void everyBuilderMethodTakingAnObjectNamesTheNullArgumentAndWhatIsAllowed() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Method method : CasOnboardingBuilder.class.getMethods()) {
      if (method.getDeclaringClass() == Object.class || method.getParameterCount() == 0
          || method.getParameterTypes()[0].isPrimitive()) {
        continue;
      }
      // when
      Object[] nulls = new Object[method.getParameterCount()];
      Throwable thrown = invoke(method, CasOnboarding.builder(), nulls);

      // then
      assertThat(thrown).as(method.toString()).isInstanceOf(NullPointerException.class);
      assertThat(thrown.getMessage()).as(method.toString()).matches(SHAPE);
      checked.add(method.getName());
    }
    assertThat(checked).contains("workspace", "account", "servicePrincipal", "adoptServicePrincipal", "token", "grant",
        "allowIps", "addStep", "transport", "retryPolicy", "clock", "sleeper", "executor", "listener", "userAgentSuffix");
  }

  @Test
  void servicePrincipalNullSaysWhichCallAndWhatNameIsAllowed() {
    // when
    Throwable thrown = catchThrowable(() -> CasOnboarding.builder().servicePrincipal(null));

    // then
    assertThat(thrown).isInstanceOf(NullPointerException.class)
        .hasMessage("servicePrincipal(displayName) is null; allowed: a display name such as \"TD-CAS-Service\"");
  }

  @Test
  void valueFactoriesNameTheNullArgumentAndWhatIsAllowed() {
    List<Supplier<Object>> calls = List.of(
        () -> DatabricksTarget.profile(null),
        () -> DatabricksTarget.profile("admin", (Path) null),
        () -> DatabricksTarget.pat("https://dbc-1234.cloud.databricks.com", null),
        () -> DatabricksTarget.oauth("https://dbc-1234.cloud.databricks.com", null, Secret.of("s")),
        () -> DatabricksTarget.oauth("https://dbc-1234.cloud.databricks.com", "id", null),
        () -> CatalogGrant.dataReader(null),
        () -> CatalogGrant.of("c", null),
        () -> IpAllowList.of(null, "203.0.113.10"),
        () -> IpAllowList.of("TreasureData", (String[]) null),
        () -> IpAddressRange.parse(null),
        () -> TokenPolicy.reuseOrMint(null),
        () -> Secret.of(null),
        () -> RetryPolicy.builder().totalDeadline(null).build());
    for (int i = 0; i < calls.size(); i++) {
      // when
      Throwable thrown = catchThrowable(calls.get(i)::get);

      // then
      assertThat(thrown).as("call %d", i).isInstanceOf(NullPointerException.class);
      assertThat(thrown.getMessage()).as("call %d", i).matches(SHAPE);
    }
  }

  @Test
  void retryPolicyPrintsDurationsInWordsNotIso() {
    // when
    String text = RetryPolicy.builder().totalDeadline(Duration.ofMinutes(5)).build().toString();
    Throwable negative = catchThrowable(() -> RetryPolicy.builder().totalDeadline(Duration.ofHours(-2)).build());

    // then
    assertThat(text).contains("totalDeadline=5 minutes").doesNotContainPattern("PT\\d");
    assertThat(negative).hasMessageContaining("-2 hours").hasMessageNotContaining("PT");
  }

  private static Throwable invoke(Method method, Object target, Object[] args) throws IllegalAccessException {
    try {
      method.invoke(target, args);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
  }
}
