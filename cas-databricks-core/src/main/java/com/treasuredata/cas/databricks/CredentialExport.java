package com.treasuredata.cas.databricks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.treasuredata.cas.databricks.internal.Json;
import com.treasuredata.cas.databricks.internal.auth.Hosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Hands the service principal's credential on: a result as JSON (secrets masked unless asked), or
 * a {@code .databrickscfg} profile the Databricks SDKs and CLI load ({@code host} plus
 * {@code token}, or {@code client_id} plus {@code client_secret}), written with owner-only
 * permissions ({@code rw-------}).
 *
 * <pre>{@code
 * OnboardingResult result = onboarding.apply();
 * CredentialExport.writeTokenProfile(Path.of(System.getProperty("user.home"), ".databrickscfg"), "cas",
 *     result.workspaceHost(), result.token().orElseThrow());
 * // new WorkspaceClient(new DatabricksConfig().setProfile("cas")) now authenticates as the service principal
 * }</pre>
 */
public final class CredentialExport {

  private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private CredentialExport() {}

  /**
   * Returns {@code result} as JSON; with {@code includeSecrets}, the token and OAuth secret values
   * are included instead of masked (keep such JSON out of logs).
   *
   * @param result an onboarding result
   * @param includeSecrets whether to include the secret values
   * @return the JSON text
   */
  public static String json(OnboardingResult result, boolean includeSecrets) {
    ObjectNode root = (ObjectNode) Json.parse(Objects.requireNonNull(result, "result").toJson());
    if (includeSecrets) {
      result.token().ifPresent(t -> ((ObjectNode) root.path("token")).put("value", t.reveal()));
      result.oauthSecret().ifPresent(s -> ((ObjectNode) root.path("oauth")).put("secret", s.reveal()));
    }
    return Json.write(root);
  }

  /**
   * Returns {@code result} as JSON; with {@code includeSecrets}, the new token's value is included.
   *
   * @param result a renewal result
   * @param includeSecrets whether to include the secret value
   * @return the JSON text
   */
  public static String json(RenewalResult result, boolean includeSecrets) {
    ObjectNode root = (ObjectNode) Json.parse(Objects.requireNonNull(result, "result").toJson());
    if (includeSecrets) {
      result.token().ifPresent(t -> ((ObjectNode) root.path("token")).put("value", t.reveal()));
    }
    return Json.write(root);
  }

  /**
   * Writes (or replaces) profile {@code profile} with {@code host} and {@code token} in {@code file}.
   *
   * @param file the config file, e.g. {@code ~/.databrickscfg}; created with {@code rw-------}
   * @param profile the profile name (letters, digits, {@code _ . -})
   * @param host the workspace URL
   * @param token the service principal's personal access token
   * @throws IllegalArgumentException naming a bad profile name or host
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void writeTokenProfile(Path file, String profile, URI host, Secret token) {
    Objects.requireNonNull(token, "token");
    write(file, profile, List.of("host = " + checkedHost(host), "token = " + token.reveal()));
  }

  /**
   * Writes (or replaces) profile {@code profile} for OAuth M2M: {@code host}, {@code client_id}
   * (the applicationId) and {@code client_secret}.
   *
   * @param file the config file; created with {@code rw-------}
   * @param profile the profile name (letters, digits, {@code _ . -})
   * @param host the workspace URL
   * @param clientId the service principal's applicationId
   * @param secret the OAuth secret
   * @throws IllegalArgumentException naming a bad profile name, host or client id
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void writeOAuthProfile(Path file, String profile, URI host, String clientId, Secret secret) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
    if (clientId.isBlank() || clientId.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException("client id '" + clientId + "' is invalid; expected the service principal's applicationId");
    }
    write(file, profile, List.of("host = " + checkedHost(host), "client_id = " + clientId, "client_secret = " + secret.reveal()));
  }

  private static String checkedHost(URI host) {
    String h = Hosts.validate(Objects.requireNonNull(host, "host")).toString();
    return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
  }

  private static void write(Path file, String profile, List<String> entries) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(profile, "profile");
    if (!PROFILE.matcher(profile).matches()) {
      throw new IllegalArgumentException("profile name '" + profile + "' is invalid; allowed: letters, digits, '_', '.', '-' (up to 64)");
    }
    try {
      List<String> out = new ArrayList<>();
      if (Files.exists(file)) {
        boolean skipping = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String t = line.trim();
          if (t.startsWith("[") && t.endsWith("]")) {
            skipping = t.substring(1, t.length() - 1).trim().equals(profile);
          }
          if (!skipping) {
            out.add(line);
          }
        }
        if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
          out.add("");
        }
      }
      out.add("[" + profile + "]");
      out.addAll(entries);
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = posix()
          ? Files.createTempFile(dir, ".databrickscfg", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, ".databrickscfg", ".tmp");
      try {
        Files.write(tmp, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (posix()) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write profile '" + profile + "' to " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

}
