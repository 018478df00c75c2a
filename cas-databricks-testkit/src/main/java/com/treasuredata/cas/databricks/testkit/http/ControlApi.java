package com.treasuredata.cas.databricks.testkit.http;

/** Serves the {@code /__fake/} test controls. */
final class ControlApi {
  record Reply(int status, String body) {}
  private final FakeDatabricksServer server;
  ControlApi(FakeDatabricksServer server) { this.server = server; }
  Reply handle(HttpRequestReader.ParsedRequest request, String socketAddress) {
    return new Reply(404, "{}");
  }
}
