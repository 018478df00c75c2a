package com.treasuredata.cas.databricks.testkit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ScimFilterTest {

  private static ObjectNode sp(String id, String name) {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("displayName", name);
    n.put("active", true);
    return n;
  }

  @Test
  void andBindsTighterThanOrAndParenthesesOverride() {
    // given
    ScimFilter plain = ScimFilter.parse("displayName eq \"a\" or displayName eq \"b\" and id eq \"2\"");
    ScimFilter grouped = ScimFilter.parse("(displayName eq \"a\" or displayName eq \"b\") and id eq \"2\"");

    // then
    assertThat(plain.test(sp("1", "a"))).isTrue();
    assertThat(grouped.test(sp("1", "a"))).isFalse();
    assertThat(grouped.test(sp("2", "b"))).isTrue();
  }

  @Test
  void quotedValuesMayHoldSpacesAndEscapes() {
    // then
    assertThat(ScimFilter.parse("displayName eq \"TD CAS \\\"x\\\"\"").test(sp("1", "TD CAS \"x\""))).isTrue();
    assertThat(ScimFilter.parse("displayName eq 'two words'").test(sp("1", "two words"))).isTrue();
  }

  @Test
  void attributeNamesIgnoreCaseAndPrWorks() {
    // then
    assertThat(ScimFilter.parse("DISPLAYNAME sw \"ab\"").test(sp("1", "abc"))).isTrue();
    assertThat(ScimFilter.parse("externalId pr").test(sp("1", "abc"))).isFalse();
    assertThat(ScimFilter.parse("active eq true").test(sp("1", "abc"))).isTrue();
  }

  @Test
  void malformedFiltersAreRejected() {
    // then
    assertThatThrownBy(() -> ScimFilter.parse("displayName eq")).isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> ScimFilter.parse("(displayName eq \"a\"")).isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> ScimFilter.parse("displayName eq \"a")).isInstanceOf(ApiError.class);
  }

  @Test
  void aSingleEqualityRulesOutOtherValuesBeforeAnyJsonIsBuiltAndAgreesWithTheFullFilter() {
    // given
    ScimFilter byName = ScimFilter.parse("displayName eq \"TD-CAS\"");
    ScimFilter either = ScimFilter.parse("displayName eq \"a\" or displayName eq \"b\"");
    ScimFilter negated = ScimFilter.parse("not displayName eq \"a\"");
    ScimFilter both = ScimFilter.parse("displayName eq \"a\" and id eq \"2\"");

    // then: the pre-check uses the same case rules as eq (names fold case, ids do not)
    assertThat(byName.mayMatch("displayName", "td-cas")).isTrue().isEqualTo(byName.test(sp("1", "td-cas")));
    assertThat(byName.mayMatch("displayName", "other")).isFalse().isEqualTo(byName.test(sp("1", "other")));
    assertThat(byName.mayMatch("applicationId", "anything")).isTrue();
    assertThat(ScimFilter.parse("id eq \"Ab\"").mayMatch("id", "ab")).isFalse();
    // and it never rules out what a combined filter could still match
    assertThat(either.mayMatch("displayName", "b")).isTrue();
    assertThat(negated.mayMatch("displayName", "z")).isTrue();
    assertThat(both.mayMatch("displayName", "z")).isTrue();
  }
}
