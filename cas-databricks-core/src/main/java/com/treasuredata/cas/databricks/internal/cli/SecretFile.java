package com.treasuredata.cas.databricks.internal.cli;

import com.treasuredata.cas.databricks.Secret;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a token's value to a file only its owner can read and write ({@code rw-------}). The file
 * is made under a temporary name with those permissions from the start and then moved into place,
 * so the value is never readable by others, not even for a moment, and a reader never sees half a file.
 */
final class SecretFile {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SecretFile() {}

  /**
   * Returns why {@code file} cannot take a secret, or null when it can. Checked before any request,
   * because a token minted into a file that cannot be written would be lost.
   */
  static String problem(Path file) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      return "--secret-file " + file + " is a directory; expected a file name";
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return "--secret-file " + file + ": directory " + dir + " does not exist";
    }
    if (!Files.isWritable(dir)) {
      return "--secret-file " + file + ": directory " + dir + " is not writable";
    }
    return null;
  }

  /**
   * Returns why the token cannot be read from {@code file}, or null when it can. Checked before any
   * request; names the file, never its content.
   */
  static String unreadable(Path file) {
    if (!Files.isRegularFile(file)) {
      return "--secret-file " + file + " does not exist; expected the file apply wrote (the service principal's token)";
    }
    if (!Files.isReadable(file)) {
      return "--secret-file " + file + " is not readable";
    }
    return null;
  }

  /** Reads the token {@code file} holds (surrounding white space dropped), e.g. the one {@link #write} wrote. */
  static Secret read(Path file) throws IOException {
    String value = Files.readString(file).strip();
    if (value.isEmpty()) {
      throw new IOException("--secret-file " + file + " is empty; expected the service principal's token");
    }
    return Secret.of(value);
  }

  /** Writes {@code secret} (the value only, no line break) to {@code file}, replacing it; returns its absolute path. */
  static Path write(Path file, Secret secret) throws IOException {
    Path absolute = file.toAbsolutePath();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path temp = posix
        ? Files.createTempFile(absolute.getParent(), ".cas-databricks-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(absolute.getParent(), ".cas-databricks-", ".tmp");
    try {
      Files.writeString(temp, secret.reveal());
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return absolute;
  }
}
