package com.treasuredata.cas.databricks.testkit.junit5;

import com.treasuredata.cas.databricks.testkit.FakeDatabricks;
import com.treasuredata.cas.databricks.testkit.FakeRequest;
import com.treasuredata.cas.databricks.testkit.FakeResponse;
import java.util.Map;

/** Sends requests to a fake in-process, as its admin. */
final class Requests {

  private Requests() {}

  static FakeResponse get(FakeDatabricks fake, String path) {
    return fake.handle(new FakeRequest("GET", path, null,
        Map.of("Authorization", "Bearer " + fake.adminToken().reveal()), "", "127.0.0.1",
        fake.workspaceHost().toString()));
  }
}
