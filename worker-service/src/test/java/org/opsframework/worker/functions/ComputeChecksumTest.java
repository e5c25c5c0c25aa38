package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opsframework.worker.functions.SampleStorage.inputs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.common.OperationFailure;
import tools.jackson.databind.JsonNode;

/** Expected digests come from running {@code sha256sum} on the same bytes. */
class ComputeChecksumTest {

  @TempDir Path root;

  private SampleStorage storage;
  private ComputeChecksum checksum;

  @BeforeEach
  void set_up() {
    storage = new SampleStorage(root);
    checksum = new ComputeChecksum();
  }

  @Test
  void is_named_compute_checksum() {
    assertThat(checksum.name()).isEqualTo("computeChecksum");
  }

  @Test
  void digests_a_jpeg() throws Exception {
    String source = storage.copy("camera-exif-sample.jpg");

    JsonNode result = checksum.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("sha256").stringValue())
        .isEqualTo("c3034419772b425134fd69f5cdc43143038b36c9202d8a93ca74d207da09aa2e");
    assertThat(result.get("size").longValue()).isEqualTo(80_603);
    assertThat(result.get("mimeType").stringValue()).isEqualTo("image/jpeg");
    assertThat(result.propertyNames()).containsExactly("sha256", "size", "mimeType");
  }

  @Test
  void digests_a_large_png_read_in_many_chunks() throws Exception {
    String source = storage.copy("astronaut.png");

    JsonNode result = checksum.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("sha256").stringValue())
        .isEqualTo("88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5");
    assertThat(result.get("size").longValue()).isEqualTo(791_555);
    assertThat(result.get("mimeType").stringValue()).isEqualTo("image/png");
    assertThat(storage.touches()).isGreaterThan(10);
  }

  @Test
  void detects_webp_from_its_content() throws Exception {
    String source = storage.copy("blue-purple-pink.lossy.webp");

    JsonNode result = checksum.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("sha256").stringValue())
        .isEqualTo("af8e87f21fa9fcb8e74c12d31d61a56b1d8e06819038efd10119b0f0726bfab4");
    assertThat(result.get("mimeType").stringValue()).isEqualTo("image/webp");
  }

  @Test
  void unknown_content_is_an_octet_stream() throws Exception {
    String source = storage.write("hello.jpg", "hello\n");

    JsonNode result = checksum.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("sha256").stringValue())
        .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    assertThat(result.get("size").longValue()).isEqualTo(6);
    assertThat(result.get("mimeType").stringValue()).isEqualTo("application/octet-stream");
  }

  @Test
  void an_empty_file_has_the_empty_digest() throws Exception {
    String source = storage.write("empty", "");

    JsonNode result = checksum.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("sha256").stringValue())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(result.get("size").longValue()).isZero();
    assertThat(result.get("mimeType").stringValue()).isEqualTo("application/octet-stream");
  }

  @Test
  void a_folder_is_a_permanent_failure() throws Exception {
    storage.write("folder/inside.txt", "x");

    assertThatThrownBy(() -> checksum.run(storage.context(), inputs("sourcePath", "folder")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("source file 'folder' is not a regular file");
  }

  @Test
  void an_absolute_path_is_a_permanent_failure() {
    assertThatThrownBy(
            () -> checksum.run(storage.context(), inputs("sourcePath", "/outside/x.jpg")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessageStartingWith("input 'sourcePath': path '/outside/x.jpg' is absolute");
  }

  @Test
  void a_link_leading_out_of_the_storage_root_is_a_permanent_failure(@TempDir Path elsewhere)
      throws Exception {
    Path outside = Files.writeString(elsewhere.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(storage.resolve("link.txt"), outside);

    assertThatThrownBy(() -> checksum.run(storage.context(), inputs("sourcePath", "link.txt")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "input 'sourcePath': path 'link.txt' leaves the storage root through a symbolic link");
  }

  @Test
  void a_file_in_a_folder_linked_out_of_the_storage_root_is_a_permanent_failure(
      @TempDir Path elsewhere) throws Exception {
    Files.writeString(elsewhere.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(storage.resolve("linkdir"), elsewhere);

    assertThatThrownBy(
            () -> checksum.run(storage.context(), inputs("sourcePath", "linkdir/secret.txt")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "input 'sourcePath': path 'linkdir/secret.txt' leaves the storage root through a"
                + " symbolic link");
  }

  @Test
  void a_missing_source_path_input_is_named_in_the_failure() {
    assertThatThrownBy(() -> checksum.run(storage.context(), inputs()))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'sourcePath' is required");
  }

  @Test
  void stops_when_the_worker_interrupts_the_thread() throws Exception {
    String source = storage.copy("astronaut.png");

    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> checksum.run(storage.context(), inputs("sourcePath", source)))
        .isInstanceOf(InterruptedException.class);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
