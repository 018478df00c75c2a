package com.treasuredata.cas.databricks.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The testkit's standalone jar running as its own process ({@code java -jar cas-databricks-testkit.jar}),
 * known through its ready line, with a Databricks config file whose profiles point at it, and a
 * way to run other jars as a user would (with a clean environment: no {@code DATABRICKS_*}, a
 * temporary {@code HOME}).
 */
final class StandaloneFake implements AutoCloseable {

  /** The core's standalone jar, with the command line. */
  static final Path CORE_JAR = jar("cas.coreJar", "../cas-databricks-core/target/cas-databricks.jar");
  /** The testkit's standalone jar, with the fake. */
  static final Path TESTKIT_JAR = jar("cas.testkitJar", "target/cas-databricks-testkit.jar");

  private final Process process;
  final JsonNode ready;
  final Path home;
  final Path configFile;

  private StandaloneFake(Process process, JsonNode ready, Path home) throws IOException {
    this.process = process;
    this.ready = ready;
    this.home = home;
    this.configFile = home.resolve(".databrickscfg");
    Files.writeString(configFile, String.join("\n",
        "[fake]",
        "host = " + ready.get("workspace_host").asText(),
        "token = " + ready.get("admin_token").asText(),
        "",
        "[fake-account]",
        "host = " + ready.get("account_host").asText(),
        "token = " + ready.get("admin_token").asText(),
        "account_id = " + ready.get("account_id").asText(),
        ""));
  }

  /** Starts the fake and writes {@code home/.databrickscfg} with profiles {@code fake} and {@code fake-account}. */
  static StandaloneFake start(Path home) throws Exception {
    Process process = new ProcessBuilder(java(), "-jar", TESTKIT_JAR.toString(), "--port", "0")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return stdout.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(line).as("the fake's ready line").isNotNull();
    return new StandaloneFake(process, new ObjectMapper().readTree(line), home);
  }

  String workspaceHost() {
    return ready.get("workspace_host").asText();
  }

  String adminToken() {
    return ready.get("admin_token").asText();
  }

  /** Returns the HTTP status of {@code GET /Me} with {@code token} on the fake's workspace. */
  int meStatus(String token) throws Exception {
    HttpResponse<String> me = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(workspaceHost()).resolve("/api/2.0/preview/scim/v2/Me"))
            .header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    return me.statusCode();
  }

  /** Revokes every token of the caller of {@code token} (the token API lists only the caller's own): drift for a health check. */
  void revokeOwnTokens(String token) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI host = URI.create(workspaceHost());
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(host.resolve("/api/2.0/token/list"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    for (JsonNode info : new ObjectMapper().readTree(list.body()).path("token_infos")) {
      HttpResponse<String> delete = http.send(HttpRequest.newBuilder(host.resolve("/api/2.0/token/delete"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"token_id\":\"" + info.get("token_id").asText() + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(delete.statusCode()).isEqualTo(200);
    }
  }

  /** Returns the fake's request journal, oldest first (the control API's entries). */
  List<JsonNode> journal() throws Exception {
    HttpResponse<String> journal = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(workspaceHost()).resolve("/__fake/journal")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(journal.statusCode()).isEqualTo(200);
    List<JsonNode> entries = new ArrayList<>();
    new ObjectMapper().readTree(journal.body()).path("entries").forEach(entries::add);
    return entries;
  }

  /** What a finished process printed and returned. */
  record Run(int exitCode, String stdout, String stderr) {}

  /** Runs {@code command} in {@code dir} with {@code HOME} set to this fake's home; see {@link #run(Path, Path, Map, String, List)}. */
  Run run(Path dir, Map<String, String> env, String stdin, List<String> command) throws Exception {
    return run(dir, home, env, stdin, command);
  }

  /**
   * Runs {@code command} in {@code dir} with {@code HOME} set to {@code home}, no
   * {@code DATABRICKS_*} variable but those in {@code env}, and {@code stdin} as its input.
   */
  static Run run(Path dir, Path home, Map<String, String> env, String stdin, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DATABRICKS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    Process p = builder.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s exited", command).isTrue();
    return new Run(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
  }

  /** Runs the command line of the core's standalone jar with {@code args}. */
  Run cli(Path dir, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", CORE_JAR.toString()));
    command.addAll(List.of(args));
    return run(dir, env, "", command);
  }

  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path jar(String property, String fallback) {
    return Paths.get(System.getProperty(property, fallback)).toAbsolutePath().normalize();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
