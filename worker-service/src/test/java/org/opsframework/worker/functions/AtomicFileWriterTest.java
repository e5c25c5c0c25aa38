package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.common.OperationFailure;

class AtomicFileWriterTest {

  @TempDir Path root;

  @Test
  void writes_the_content_creating_the_folders() throws Exception {
    StoredFile target = new StoredFile("a/b/c.txt", root.resolve("a/b/c.txt"));

    long bytes =
        AtomicFileWriter.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertThat(bytes).isEqualTo(3);
    assertThat(target.path()).hasContent("new");
  }

  @Test
  void a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file() throws Exception {
    Path existing = Files.writeString(root.resolve("c.txt"), "old");
    StoredFile target = new StoredFile("c.txt", existing);

    assertThatThrownBy(
            () ->
                AtomicFileWriter.write(
                    target,
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
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
}
