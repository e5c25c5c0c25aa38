package org.opsframework.common;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * What a trigger function knows about the operation it runs.
 *
 * @param operationId the operation's id
 * @param attempt the attempt number, starting at 1; a fencing token for side effects
 * @param deadline when the worker gives up on this attempt and reports it timed out
 * @param storageRoot the folder all input and output paths are relative to
 * @param progress reports progress and keeps the operation alive in the scheduler's eyes
 */
public record OperationContext(
    UUID operationId, int attempt, Instant deadline, Path storageRoot, ProgressListener progress) {

  /**
   * Resolves a path from the inputs against the storage root, lexically: it does not follow
   * symbolic links, so prefer {@link #source(String)} to read and {@link #target(String)} to write.
   *
   * @throws OperationFailure (permanent) when the path is absolute or leaves the storage root
   */
  public Path resolve(String relativePath) {
    return StoragePaths.resolve(storageRoot, relativePath);
  }

  /**
   * Resolves an input file: the path must stay under the storage root after following symbolic
   * links, and the file must exist.
   *
   * @throws OperationFailure (permanent) when the path leaves the storage root
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   */
  public Path source(String relativePath) throws java.io.IOException {
    return StoragePaths.resolveExisting(storageRoot, relativePath);
  }

  /**
   * Resolves an output file and creates its missing folders, only after checking that the folders
   * on its way stay under the storage root (no symbolic link leads out).
   *
   * @throws OperationFailure (permanent) when the path leaves the storage root
   */
  public Path target(String relativePath) throws java.io.IOException {
    return StoragePaths.resolveForWrite(storageRoot, relativePath);
  }

  /** Tells the scheduler the operation is still running; cheap to call often (rate-limited). */
  public void touch() {
    progress.touch();
  }
}
