package com.treasuredata.cas.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrivilegeTest {

  @Test
  void dataReaderPresetIsTreasureDatasFivePrivileges() {
    // then
    assertThat(Privilege.DATA_READER)
        .containsExactlyInAnyOrder(Privilege.USE_CATALOG, Privilege.USE_SCHEMA, Privilege.BROWSE, Privilege.EXECUTE, Privilege.SELECT);
    assertThat(CatalogGrant.dataReader("c").writePrivileges()).isEmpty();
  }

  @Test
  void writePrivilegesAreAllPrivilegesManageModifyAndEveryCreateAndWrite() {
    // when
    Set<Privilege> writes = EnumSet.allOf(Privilege.class).stream().filter(Privilege::isWrite).collect(Collectors.toSet());

    // then
    assertThat(writes).contains(Privilege.ALL_PRIVILEGES, Privilege.MANAGE, Privilege.MODIFY, Privilege.CREATE, Privilege.CREATE_TABLE,
        Privilege.CREATE_SCHEMA, Privilege.WRITE_VOLUME, Privilege.WRITE_FILES, Privilege.APPLY_TAG);
    assertThat(writes).doesNotContain(Privilege.SELECT, Privilege.USE_CATALOG, Privilege.USE_SCHEMA, Privilege.BROWSE, Privilege.EXECUTE,
        Privilege.READ_VOLUME, Privilege.READ_FILES);
    assertThat(EnumSet.allOf(Privilege.class)).hasSize(51);
  }

  @Test
  void grantsCopyTheirPrivilegeSetsAndAllowWritesOnlyOnACopy() {
    // given
    Set<Privilege> mutable = EnumSet.of(Privilege.SELECT, Privilege.MODIFY);

    // when
    CatalogGrant grant = CatalogGrant.of("cas", mutable);
    mutable.clear();
    CatalogGrant allowed = grant.allowWritePrivileges();

    // then
    assertThat(grant.privileges()).containsExactlyInAnyOrder(Privilege.SELECT, Privilege.MODIFY);
    assertThat(grant.writePrivilegesAllowed()).isFalse();
    assertThat(allowed.writePrivilegesAllowed()).isTrue();
    assertThat(grant.writePrivileges()).containsExactly(Privilege.MODIFY);
  }
}
