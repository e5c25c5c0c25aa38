package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.common.OperationFailure;

class AtomicFileWriterTest {

  @TempDir Path root;

  @Test
  void writes_the_content_creating_the_folders() throws Exception {
    StoredFile target = stored("a/b/c.txt");

    long bytes = AtomicFileWriter.write(target, out -> out.write(bytes("new")));

    assertThat(bytes).isEqualTo(3);
    assertThat(target.path()).hasContent("new");
  }

  @Test
  void the_written_file_is_readable_by_everyone_but_writable_by_the_owner_only() throws Exception {
    StoredFile target = stored("shared/c.txt");

    AtomicFileWriter.write(target, out -> out.write(bytes("new")));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.path())))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file() throws Exception {
    Path existing = Files.writeString(root.resolve("c.txt"), "old");
    StoredFile target = stored("c.txt");

    assertThatThrownBy(
            () ->
                AtomicFileWriter.write(
                    target,
                    out -> {
                      out.write(bytes("half"));
                      throw new IOException("disk full");
                    }))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isTrue())
        .hasMessage("could not write 'c.txt' (java.io.IOException: disk full)");

    assertThat(existing).hasContent("old");
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files).containsExactly(existing);
    }
  }

  @Test
  void nothing_is_written_or_created_through_a_folder_linked_out_of_the_root(@TempDir Path outside)
      throws Exception {
    Files.createSymbolicLink(root.resolve("linkdir"), outside);

    assertThatThrownBy(
            () -> AtomicFileWriter.write(stored("linkdir/sub/x.txt"), out -> out.write(1)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("path 'linkdir/sub/x.txt' leaves the storage root through a symbolic link");

    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void a_link_that_appears_at_the_target_while_writing_is_replaced_not_written_through(
      @TempDir Path outside) throws Exception {
    Path secret = Files.writeString(outside.resolve("secret.txt"), "outside");
    StoredFile target = stored("c.txt");

    AtomicFileWriter.write(
        target,
        out -> {
          // the check before writing found no link; one made now must not be followed
          Files.createSymbolicLink(target.path(), secret);
          out.write(bytes("new"));
        });

    assertThat(secret).hasContent("outside");
    assertThat(Files.isSymbolicLink(target.path())).isFalse();
    assertThat(target.path()).hasContent("new");
  }

  private StoredFile stored(String relativePath) {
    return new StoredFile(root, relativePath, root.resolve(relativePath));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
