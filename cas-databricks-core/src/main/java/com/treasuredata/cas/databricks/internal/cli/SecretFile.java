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
