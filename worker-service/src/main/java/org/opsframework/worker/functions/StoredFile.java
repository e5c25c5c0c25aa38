package org.opsframework.worker.functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.StoragePaths;

/**
 * A file under the storage root, known both by the relative path the inputs use (for messages and
 * results) and by its resolved location.
 *
 * @param storageRoot the storage root the path is relative to
 * @param relativePath the path as given in the inputs, relative to the storage root
 * @param path the resolved, absolute path
 */
record StoredFile(Path storageRoot, String relativePath, Path path) {

  /**
   * Resolves a path input without touching the file system; {@link #prepareForWrite()} checks the
   * symbolic links on the way when the file is about to be written.
   *
   * @throws OperationFailure (permanent) when the path is absolute or leaves the storage root
   */
  static StoredFile resolve(OperationContext context, String inputName, String relativePath) {
    try {
      return new StoredFile(context.storageRoot(), relativePath, context.resolve(relativePath));
    } catch (OperationFailure refused) {
      throw refusedInput(inputName, refused);
    }
  }

  /**
   * Resolves a path input that must name an existing regular file, reached through no symbolic link
   * that leads out of the storage root.
   *
   * @throws OperationFailure (permanent) when the path is refused or names no regular file, or
   *     (retryable) when the storage cannot be read
   */
  static StoredFile existing(OperationContext context, String inputName, String relativePath) {
    StoredFile file = resolve(context, inputName, relativePath);
    try {
      StoragePaths.resolveExisting(context.storageRoot(), relativePath);
    } catch (NoSuchFileException e) {
      throw OperationFailure.permanent(
          "source file '" + relativePath + "' does not exist under the storage root");
    } catch (OperationFailure refused) {
      throw refusedInput(inputName, refused);
    } catch (IOException e) {
      throw OperationFailure.retryable(
          "could not read source file '" + relativePath + "' (" + e + ")", e);
    }
    if (!Files.isRegularFile(file.path())) {
      throw OperationFailure.permanent("source file '" + relativePath + "' is not a regular file");
    }
    return file;
  }

  /**
   * Makes the file ready to be written: checks that no symbolic link on the way leads out of the
   * storage root and that the file itself is no link, then creates its missing folders.
   *
   * @throws OperationFailure (permanent) when the path cannot hold a file under the storage root
   * @throws IOException when the storage cannot be read or the folders cannot be created
   */
  void prepareForWrite() throws IOException {
    StoragePaths.resolveForWrite(storageRoot, relativePath);
  }

  /** The file name without its last extension: {@code photo} for {@code a/photo.jpg}. */
  String baseName() {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static OperationFailure refusedInput(String inputName, OperationFailure refused) {
    return OperationFailure.permanent(
        "input '" + inputName + "': " + refused.getMessage(), refused);
  }
}
