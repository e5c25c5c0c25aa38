package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opsframework.worker.functions.SampleStorage.inputs;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opsframework.common.OperationFailure;
import tools.jackson.databind.JsonNode;

class GenerateThumbnailTest {

  @TempDir Path root;

  private SampleStorage storage;
  private GenerateThumbnail thumbnail;

  @BeforeEach
  void set_up() {
    storage = new SampleStorage(root);
    thumbnail =
        new GenerateThumbnail(new ScaledImageWriter(new ImageDecoder(), new ImageEncoder()));
  }

  @Test
  void is_named_generate_thumbnail() {
    assertThat(thumbnail.name()).isEqualTo("generateThumbnail");
  }

  @Test
  void writes_a_200_pixel_jpeg_under_thumbnails_by_default() throws Exception {
    String source = storage.copy("hubble_deep_field.jpg");

    JsonNode result = thumbnail.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("targetPath").stringValue())
        .isEqualTo("thumbnails/hubble_deep_field-200.jpg");
    assertThat(result.get("width").intValue()).isEqualTo(200);
    assertThat(result.get("height").intValue()).isEqualTo(174);
    assertThat(result.get("format").stringValue()).isEqualTo("jpeg");
    Path written = storage.resolve("thumbnails/hubble_deep_field-200.jpg");
    assertThat(result.get("bytes").longValue()).isEqualTo(Files.size(written));
    assertThat(Images.formatOf(written)).isEqualTo("jpeg");
    BufferedImage image = Images.read(written);
    assertThat(image.getWidth()).isEqualTo(200);
    assertThat(image.getHeight()).isEqualTo(174);
    assertThat(result.properties()).hasSize(5);
  }

  @Test
  void writes_png_at_the_requested_size_to_the_requested_target() throws Exception {
    String source = storage.copy("astronaut.png");

    JsonNode result =
        thumbnail.run(
            storage.context(),
            inputs("sourcePath", source, "size", 64, "format", "png", "targetPath", "out/a.png"));

    assertThat(result.get("targetPath").stringValue()).isEqualTo("out/a.png");
    assertThat(result.get("width").intValue()).isEqualTo(64);
    assertThat(result.get("height").intValue()).isEqualTo(64);
    assertThat(result.get("format").stringValue()).isEqualTo("png");
    assertThat(Images.formatOf(storage.resolve("out/a.png"))).isEqualTo("png");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void turns_every_exif_orientation_upright(int orientation) throws Exception {
    String source = storage.copy("orientation/f" + orientation + "-exif.jpg");

    JsonNode result =
        thumbnail.run(storage.context(), inputs("sourcePath", source, "format", "png"));

    // The upright picture is a 40 x 80 letter F; a thumbnail never enlarges it.
    assertThat(result.get("width").intValue()).isEqualTo(40);
    assertThat(result.get("height").intValue()).isEqualTo(80);
    BufferedImage image = Images.read(storage.resolve(result.get("targetPath").stringValue()));
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(image.getHeight()).isEqualTo(80);
    assertThat(Images.dark(image, 0, 0)).as("top left").isTrue();
    assertThat(Images.dark(image, 39, 0)).as("top right").isTrue();
    assertThat(Images.dark(image, 0, 79)).as("bottom left").isTrue();
    assertThat(Images.dark(image, 39, 79)).as("bottom right").isFalse();
  }

  @Test
  void applies_the_orientation_before_fitting_the_box() throws Exception {
    String source = storage.copy("orientation/f6-exif.jpg");

    JsonNode result = thumbnail.run(storage.context(), inputs("sourcePath", source, "size", 20));

    assertThat(result.get("width").intValue()).isEqualTo(10);
    assertThat(result.get("height").intValue()).isEqualTo(20);
  }

  @ParameterizedTest
  @CsvSource({
    "blue-purple-pink.lossy.webp, 100, 67",
    "blue-purple-pink.lzwcompressed.tiff, 100, 67",
    "colormap.bmp, 100, 69",
    "coffee.png, 100, 67",
    "go-turns-two-280x360.jpeg, 78, 100",
  })
  void reads_webp_tiff_bmp_png_and_jpeg(String sample, int width, int height) throws Exception {
    String source = storage.copy(sample);

    JsonNode result = thumbnail.run(storage.context(), inputs("sourcePath", source, "size", 100));

    assertThat(result.get("width").intValue()).isEqualTo(width);
    assertThat(result.get("height").intValue()).isEqualTo(height);
    BufferedImage image = Images.read(storage.resolve(result.get("targetPath").stringValue()));
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @Test
  void running_again_replaces_the_thumbnail_and_leaves_no_temporary_files() throws Exception {
    String source = storage.copy("chelsea.png");

    JsonNode first = thumbnail.run(storage.context(), inputs("sourcePath", source));
    JsonNode second = thumbnail.run(storage.context(), inputs("sourcePath", source));

    assertThat(second).isEqualTo(first);
    try (Stream<Path> files = Files.list(storage.resolve("thumbnails"))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactly("chelsea-200.jpg");
    }
  }

  @Test
  void signals_progress_while_working() throws Exception {
    String source = storage.copy("coffee.png");

    thumbnail.run(storage.context(), inputs("sourcePath", source));

    assertThat(storage.touches()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void a_text_file_is_a_permanent_failure() throws Exception {
    String source = storage.write("notes.txt", "not an image");

    assertThatThrownBy(() -> thumbnail.run(storage.context(), inputs("sourcePath", source)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessageStartingWith("'notes.txt' is not a decodable image (");
    assertThat(storage.resolve("thumbnails")).doesNotExist();
  }

  @Test
  void a_missing_source_is_a_permanent_failure() {
    assertThatThrownBy(() -> thumbnail.run(storage.context(), inputs("sourcePath", "gone.jpg")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("source file 'gone.jpg' does not exist under the storage root");
  }

  @Test
  void a_source_outside_the_storage_root_is_a_permanent_failure() {
    assertThatThrownBy(() -> thumbnail.run(storage.context(), inputs("sourcePath", "../x.jpg")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("input 'sourcePath': path '../x.jpg' leaves the storage root");
  }

  @Test
  void a_target_outside_the_storage_root_is_a_permanent_failure() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () ->
                thumbnail.run(
                    storage.context(), inputs("sourcePath", source, "targetPath", "../x.jpg")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("input 'targetPath': path '../x.jpg' leaves the storage root");
  }

  @Test
  void a_target_in_a_folder_linked_out_of_the_storage_root_is_refused(@TempDir Path outside)
      throws Exception {
    String source = storage.copy("coffee.png");
    Files.createSymbolicLink(storage.resolve("linkdir"), outside);

    assertThatThrownBy(
            () ->
                thumbnail.run(
                    storage.context(),
                    inputs("sourcePath", source, "targetPath", "linkdir/pwned.jpg")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("path 'linkdir/pwned.jpg' leaves the storage root through a symbolic link");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void a_thumbnails_folder_linked_out_of_the_storage_root_is_refused(@TempDir Path outside)
      throws Exception {
    String source = storage.copy("coffee.png");
    Files.createSymbolicLink(storage.resolve("thumbnails"), outside);

    assertThatThrownBy(() -> thumbnail.run(storage.context(), inputs("sourcePath", source)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "path 'thumbnails/coffee-200.jpg' leaves the storage root through a symbolic link");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void the_thumbnail_is_readable_by_other_users_of_the_storage() throws Exception {
    String source = storage.copy("coffee.png");

    JsonNode result = thumbnail.run(storage.context(), inputs("sourcePath", source));

    Path written = storage.resolve(result.get("targetPath").stringValue());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void a_missing_source_path_input_is_named_in_the_failure() {
    assertThatThrownBy(() -> thumbnail.run(storage.context(), inputs()))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("input 'sourcePath' is required");
  }

  @Test
  void a_size_out_of_range_is_a_permanent_failure_naming_the_input() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () -> thumbnail.run(storage.context(), inputs("sourcePath", source, "size", 8)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("input 'size' must be an integer between 16 and 4096, got 8");
  }

  @Test
  void a_size_that_is_not_a_number_is_a_permanent_failure_naming_the_input() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () -> thumbnail.run(storage.context(), inputs("sourcePath", source, "size", "big")))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'size' must be an integer between 16 and 4096, got \"big\"");
  }

  @Test
  void a_format_other_than_jpeg_or_png_is_a_permanent_failure() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () -> thumbnail.run(storage.context(), inputs("sourcePath", source, "format", "gif")))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'format' must be one of jpeg, png, got \"gif\"");
  }

  @Test
  void stops_when_the_worker_interrupts_the_thread() throws Exception {
    String source = storage.copy("coffee.png");

    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> thumbnail.run(storage.context(), inputs("sourcePath", source)))
        .isInstanceOf(InterruptedException.class);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(storage.resolve("thumbnails")).doesNotExist();
  }
}
