package org.opsframework.worker.functions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.opsframework.common.OperationFailure;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a partial
 * file, even when an attempt dies half-way and a retry writes the same target again.
 */
final class AtomicFileWriter {

  /**
   * rw-r--r--: other services on the shared volume, often running as another user, read the
   * outputs. A temporary file is created owner-only, and a rename keeps the mode.
   */
  static final Set<PosixFilePermission> PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

  /** Produces the content of the file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFileWriter() {}

  /**
   * Writes {@code content} to a temporary file in the target's folder, then moves it over the
   * target in one atomic step. The target's folders are created only after {@link
   * StoredFile#prepareForWrite()} found the way there under the storage root. Where the file system
   * has POSIX permissions, the file is readable by all ({@link #PERMISSIONS}).
   *
   * @return the number of bytes written
   * @throws OperationFailure (permanent) when the target is a folder or cannot be written under the
   *     storage root (a symbolic link on the way leads out, a folder on the way is a file), or
   *     (retryable) when writing fails
   * @throws InterruptedException when the thread is interrupted while writing
   */
  static long write(StoredFile target, Content content) throws InterruptedException {
    if (Files.isDirectory(target.path())) {
      throw OperationFailure.permanent(
          "target '" + target.relativePath() + "' is a folder, not a file");
    }
    Path temporary = null;
    try {
      target.prepareForWrite();
      Path folder = target.path().getParent();
      // Same folder as the target, so the move is a rename within one file system. A rename
      // replaces a symbolic link that appears at the target meanwhile; it never writes through it.
      temporary = Files.createTempFile(folder, "." + target.path().getFileName() + ".", ".tmp");
      makeReadableByAll(temporary);
      writeDurably(temporary, content);
      long bytes = Files.size(temporary);
      Files.move(
          temporary,
          target.path(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return bytes;
    } catch (ClosedByInterruptException e) {
      Thread.interrupted();
      throw new InterruptedException("interrupted while writing '" + target.relativePath() + "'");
    } catch (IOException e) {
      Checkpoint.stopIfInterrupted();
      throw OperationFailure.retryable(
          "could not write '" + target.relativePath() + "' (" + e + ")", e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void makeReadableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PERMISSIONS);
    }
  }

  // Forced to disk before the rename: after a crash the target must not be an empty file.
  private static void writeDurably(Path file, Content content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
      content.writeTo(out);
      out.flush();
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException ignored) {
      // A leftover hidden temporary file is harmless; the outcome already says what happened.
    }
  }
}
