package com.treasuredata.cas.databricks.testkit.internal.engine;

import com.treasuredata.cas.databricks.testkit.state.User;

/** The immutable view of a {@link Model.User}. */
record UserView(long id, String userName, String displayName, boolean active) implements User {

  static UserView of(Model.User u) {
    return new UserView(u.id, u.userName, u.displayName, u.active);
  }
}
