package org.opsframework.common;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rules for file paths in operation inputs. Inputs name files relative to a storage root that
 * scheduler and workers share; a path must never reach outside it.
 *
 * <p>By convention, an input field holds a storage path when its name is {@code path} or ends in
 * {@code Path} (for example {@code sourcePath}, {@code targetPath}). The scheduler checks those
 * fields before it stores an operation; the worker checks again when it resolves them.
 */
public final class StoragePaths {

  private StoragePaths() {}

  /** Whether an input field name, by the naming convention, holds a storage path. */
  public static boolean isPathField(String fieldName) {
    return fieldName.equals("path") || fieldName.endsWith("Path");
  }

  /**
   * Checks a relative path without touching the file system.
   *
   * @return why the path is refused, or empty when it is acceptable
   */
  public static Optional<String> problem(String relativePath) {
    if (relativePath.isBlank()) {
      return Optional.of("is empty");
    }
    if (relativePath.indexOf('\0') >= 0) {
      return Optional.of("contains a NUL character");
    }
    if (relativePath.startsWith("/") || relativePath.startsWith("\\")) {
      return Optional.of("is absolute; paths are relative to the storage root");
    }
    Path normalized;
    try {
      normalized = Path.of(relativePath).normalize();
    } catch (InvalidPathException e) {
      return Optional.of("is not a valid path: " + e.getReason());
    }
    if (normalized.isAbsolute()) {
      return Optional.of("is absolute; paths are relative to the storage root");
    }
    if (normalized.startsWith("..")) {
      return Optional.of("leaves the storage root");
    }
    return Optional.empty();
  }

  /**
   * Resolves a relative path against the storage root.
   *
   * @throws OperationFailure (permanent) when the path is refused by {@link #problem(String)}
   */
  public static Path resolve(Path storageRoot, String relativePath) {
    Optional<String> problem = problem(relativePath);
    if (problem.isPresent()) {
      throw OperationFailure.permanent("path '" + relativePath + "' " + problem.get());
    }
    Path root = storageRoot.toAbsolutePath().normalize();
    Path resolved = root.resolve(relativePath).normalize();
    if (!resolved.startsWith(root)) {
      throw OperationFailure.permanent("path '" + relativePath + "' leaves the storage root");
    }
    return resolved;
  }
}
