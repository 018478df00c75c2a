package com.treasuredata.cas.databricks.internal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.Secret;
import com.treasuredata.cas.databricks.internal.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The outcome of a command that may mint a token ({@code apply}, {@code renew}): the token's value
 * goes to the secret file, or to stdout only with {@code --reveal}; also after a failure, since a
 * token minted before it would otherwise be lost.
 *
 * @param table the result's table ({@code toString()}), which masks the token
 * @param json the result's JSON ({@code toJson()}), which masks the token
 * @param token the minted token, if any
 */
record TokenOutput(String table, String json, Optional<Secret> token) {

  /**
   * Writes the token to {@code secretFile} unless {@code reveal}, then prints the outcome on {@code out};
   * returns {@code code}, or {@link ExitCodes#FAILED} when the file could not be written.
   */
  int print(PrintWriter out, PrintWriter err, Path secretFile, boolean reveal, boolean asJson, int code, String lostAdvice) {
    Optional<Path> written = Optional.empty();
    int exit = code;
    if (token.isPresent() && !reveal) {
      try {
        written = Optional.of(SecretFile.write(secretFile, token.get()));
      } catch (IOException e) {
        err.println("cas-databricks: the token was minted but its value could not be written to " + secretFile + " ("
            + e.getMessage() + "); nobody holds it now: " + lostAdvice);
        exit = ExitCodes.FAILED;
      }
    }
    out.println(asJson ? Json.write(toJson(written, reveal)) : CliWording.forCommandLine(toTable(written, reveal)));
    return exit;
  }

  private String toTable(Optional<Path> written, boolean reveal) {
    StringBuilder out = new StringBuilder(table);
    written.ifPresent(path -> out.append(System.lineSeparator()).append("  token value written to ").append(path).append(" (rw-------)"));
    if (reveal) {
      token.ifPresent(t -> out.append(System.lineSeparator()).append("  token value: ").append(t.reveal()));
    }
    return out.toString();
  }

  private ObjectNode toJson(Optional<Path> written, boolean reveal) {
    ObjectNode root = (ObjectNode) Json.parse(json);
    if (token.isPresent()) {
      ObjectNode node = root.get("token") instanceof ObjectNode ? (ObjectNode) root.get("token") : root.putObject("token");
      written.ifPresent(path -> node.put("secretFile", path.toString()));
      if (reveal) {
        node.put("value", token.get().reveal());
      }
    }
    return root;
  }
}
