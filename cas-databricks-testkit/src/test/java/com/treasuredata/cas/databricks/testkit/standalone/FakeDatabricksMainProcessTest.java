package com.treasuredata.cas.databricks.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standalone fake as a new user meets it: a separate JVM started with nothing but a class path
 * and {@code --port 0}, read through its one ready line.
 */
class FakeDatabricksMainProcessTest {

  private static Process launch(String... args) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
        System.getProperty("java.class.path"), FakeDatabricksMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void startsPrintsOneReadyLineAndServesTheAdminToken() throws Exception {
    // given
    Process process = launch("--port", "0");
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

      // when
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return stdout.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      JsonNode ready = new ObjectMapper().readTree(line);
      URI workspace = URI.create(ready.get("workspace_host").asText());
      HttpResponse<String> me = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(workspace.resolve("/api/2.0/preview/scim/v2/Me"))
              .header("Authorization", "Bearer " + ready.get("admin_token").asText()).build(),
          HttpResponse.BodyHandlers.ofString());

      // then
      assertThat(ready.get("account_host").asText()).startsWith("http://127.0.0.1:");
      assertThat(ready.get("workspace_id").isNumber()).isTrue();
      assertThat(ready.get("account_id").asText()).isNotBlank();
      assertThat(workspace.getHost()).isEqualTo("127.0.0.1");
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(process.isAlive()).isTrue();
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void exitsWith2NamingABadArgument() throws Exception {
    // given
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        FakeDatabricksMain.class.getName(), "--port", "-5").start();

    // when
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    // then
    assertThat(exited).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).contains("--port must be in 0..65535, was -5");
    assertThat(stdout).isEmpty();
  }
}
