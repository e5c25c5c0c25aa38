package org.opsframework.worker.functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;

/**
 * A file under the storage root, known both by the relative path the inputs use (for messages and
 * results) and by its resolved location.
 *
 * @param relativePath the path as given in the inputs, relative to the storage root
 * @param path the resolved, absolute path
 */
record StoredFile(String relativePath, Path path) {

  /**
   * Resolves a path input without touching the file system.
   *
   * @throws OperationFailure (permanent) when the path is absolute or leaves the storage root
   */
  static StoredFile resolve(OperationContext context, String inputName, String relativePath) {
    try {
      return new StoredFile(relativePath, context.resolve(relativePath));
    } catch (OperationFailure refused) {
      throw OperationFailure.permanent(
          "input '" + inputName + "': " + refused.getMessage(), refused);
    }
  }

  /**
   * Resolves a path input that must name an existing regular file.
   *
   * @throws OperationFailure (permanent) when the path is refused or names no regular file, or
   *     (retryable) when the storage cannot be read
   */
  static StoredFile existing(OperationContext context, String inputName, String relativePath) {
    StoredFile file = resolve(context, inputName, relativePath);
    if (!Files.exists(file.path())) {
      throw OperationFailure.permanent(
          "source file '" + relativePath + "' does not exist under the storage root");
    }
    if (!Files.isRegularFile(file.path())) {
      throw OperationFailure.permanent("source file '" + relativePath + "' is not a regular file");
    }
    file.refuseLinksLeavingTheRoot(context);
    return file;
  }

  /** The file name without its last extension: {@code photo} for {@code a/photo.jpg}. */
  String baseName() {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  // The path check in OperationContext is lexical; a symbolic link inside the root could still
  // point anywhere on the worker's file system.
  private void refuseLinksLeavingTheRoot(OperationContext context) {
    try {
      Path realRoot = context.storageRoot().toRealPath();
      if (!path.toRealPath().startsWith(realRoot)) {
        throw OperationFailure.permanent(
            "source file '" + relativePath + "' is a link that leaves the storage root");
      }
    } catch (IOException e) {
      throw OperationFailure.retryable(
          "could not read source file '" + relativePath + "' (" + e.getMessage() + ")", e);
    }
  }
}
