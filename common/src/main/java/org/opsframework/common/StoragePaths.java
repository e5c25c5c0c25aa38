package org.opsframework.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rules for file paths in operation inputs. Inputs name files relative to a storage root that
 * scheduler and workers share; a path must never reach outside it.
 *
 * <p>By convention, an input field holds a storage path when its name is {@code path} or ends in
 * {@code Path} (for example {@code sourcePath}, {@code targetPath}). The scheduler checks those
 * fields before it stores an operation; the worker checks again when it resolves them, and, before
 * it reads or writes, follows the symbolic links on the way to make sure they stay under the root.
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
   * Resolves a relative path against the storage root, lexically: symbolic links are not followed,
   * so a link under the root may still lead out of it. Use {@link #resolveExisting} before reading
   * and {@link #resolveForWrite} before writing.
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

  /**
   * Resolves a relative path that names something that exists, and makes sure that following the
   * symbolic links on the way (the file itself included) ends under the storage root.
   *
   * @return the path as {@link #resolve} gives it, not the links' destination
   * @throws OperationFailure (permanent) when {@link #resolve} refuses the path or a symbolic link
   *     on it leads out of the storage root
   * @throws NoSuchFileException when nothing exists there, or a link on the way leads nowhere
   * @throws IOException when the storage root or the path cannot be read
   */
  public static Path resolveExisting(Path storageRoot, String relativePath) throws IOException {
    Path resolved = resolve(storageRoot, relativePath);
    Path realRoot = storageRoot.toRealPath();
    if (!resolved.toRealPath().startsWith(realRoot)) {
      throw leavesThroughLink(relativePath);
    }
    return resolved;
  }

  /**
   * Resolves a relative path for a file about to be written, and creates the folders it needs.
   *
   * <p>Nothing is created before the deepest folder on the path that already exists is checked: its
   * real location, links followed, must be under the storage root's. The path itself must not be a
   * symbolic link, so writing never goes through one.
   *
   * @return the path as {@link #resolve} gives it; its folder exists
   * @throws OperationFailure (permanent) when {@link #resolve} refuses the path, a symbolic link on
   *     it leads out of the storage root or nowhere, a part that must be a folder is a file, or the
   *     path is a symbolic link or the storage root itself
   * @throws IOException when the storage cannot be read or the folders cannot be created
   */
  public static Path resolveForWrite(Path storageRoot, String relativePath) throws IOException {
    Path target = resolve(storageRoot, relativePath);
    Path root = storageRoot.toAbsolutePath().normalize();
    if (target.equals(root)) {
      throw OperationFailure.permanent(
          "path '" + relativePath + "' is the storage root itself, not a file in it");
    }
    Path realRoot = storageRoot.toRealPath();

    Path folder = target.getParent();
    requireFolderUnderRoot(deepestExisting(folder, root), root, realRoot, relativePath);
    Files.createDirectories(folder);
    // Checked again now that the folders exist: one may have been swapped for a link meanwhile.
    requireFolderUnderRoot(folder, root, realRoot, relativePath);

    if (Files.isSymbolicLink(target)) {
      throw OperationFailure.permanent(
          "path '" + relativePath + "' is a symbolic link; a link is never written through");
    }
    return target;
  }

  private static Path deepestExisting(Path folder, Path root) {
    Path existing = folder;
    while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    return existing;
  }

  private static void requireFolderUnderRoot(
      Path folder, Path root, Path realRoot, String relativePath) throws IOException {
    Path real;
    try {
      real = folder.toRealPath();
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(folder)) {
        throw OperationFailure.permanent(
            "path '"
                + relativePath
                + "' goes through a symbolic link that leads nowhere ('"
                + root.relativize(folder)
                + "')");
      }
      throw e;
    }
    if (!real.startsWith(realRoot)) {
      throw leavesThroughLink(relativePath);
    }
    if (!Files.isDirectory(real)) {
      throw OperationFailure.permanent(
          "path '"
              + relativePath
              + "' cannot be written: '"
              + root.relativize(folder)
              + "' is a file, not a folder");
    }
  }

  private static OperationFailure leavesThroughLink(String relativePath) {
    return OperationFailure.permanent(
        "path '" + relativePath + "' leaves the storage root through a symbolic link");
  }
}
