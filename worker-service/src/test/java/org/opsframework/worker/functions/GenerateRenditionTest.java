package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opsframework.worker.functions.SampleStorage.inputs;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opsframework.common.OperationFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class GenerateRenditionTest {

  @TempDir Path root;

  private SampleStorage storage;
  private GenerateRendition rendition;

  @BeforeEach
  void set_up() {
    storage = new SampleStorage(root);
    ImageEncoder encoder = new ImageEncoder();
    rendition = new GenerateRendition(new ScaledImageWriter(new ImageDecoder(), encoder), encoder);
  }

  @Test
  void is_named_generate_rendition() {
    assertThat(rendition.name()).isEqualTo("generateRendition");
  }

  @Test
  void a_width_alone_keeps_the_aspect_ratio() throws Exception {
    String source = storage.copy("hubble_deep_field.jpg");

    JsonNode result = rendition.run(storage.context(), inputs("sourcePath", source, "width", 300));

    assertThat(result.get("targetPath").stringValue())
        .isEqualTo("renditions/hubble_deep_field-300x262.jpg");
    assertThat(result.get("width").intValue()).isEqualTo(300);
    assertThat(result.get("height").intValue()).isEqualTo(262);
    assertThat(result.get("format").stringValue()).isEqualTo("jpeg");
    assertThat(result.get("quality").doubleValue()).isEqualTo(0.85);
    Path written = storage.resolve("renditions/hubble_deep_field-300x262.jpg");
    assertThat(result.get("bytes").longValue()).isEqualTo(Files.size(written));
    BufferedImage image = Images.read(written);
    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(image.getHeight()).isEqualTo(262);
  }

  @Test
  void a_height_alone_keeps_the_aspect_ratio() throws Exception {
    String source = storage.copy("hubble_deep_field.jpg");

    JsonNode result = rendition.run(storage.context(), inputs("sourcePath", source, "height", 100));

    assertThat(result.get("width").intValue()).isEqualTo(115);
    assertThat(result.get("height").intValue()).isEqualTo(100);
  }

  @ParameterizedTest
  @CsvSource({
    "hubble_deep_field.jpg, 300, 262",
    "grace_hopper.jpg, 256, 300",
    "colormap.bmp, 300, 206",
  })
  void a_width_and_a_height_fit_the_image_inside_the_box(String sample, int width, int height)
      throws Exception {
    String source = storage.copy(sample);

    JsonNode result =
        rendition.run(storage.context(), inputs("sourcePath", source, "width", 300, "height", 300));

    assertThat(result.get("width").intValue()).isEqualTo(width);
    assertThat(result.get("height").intValue()).isEqualTo(height);
    BufferedImage image = Images.read(storage.resolve(result.get("targetPath").stringValue()));
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @Test
  void the_size_applies_to_the_upright_picture() throws Exception {
    String source = storage.copy("orientation/f8-exif.jpg");

    JsonNode result = rendition.run(storage.context(), inputs("sourcePath", source, "width", 20));

    assertThat(result.get("width").intValue()).isEqualTo(20);
    assertThat(result.get("height").intValue()).isEqualTo(40);
    BufferedImage image = Images.read(storage.resolve("renditions/f8-exif-20x40.jpg"));
    assertThat(Images.dark(image, 0, 39)).as("bottom left").isTrue();
    assertThat(Images.dark(image, 19, 39)).as("bottom right").isFalse();
  }

  @Test
  void png_renditions_have_no_quality() throws Exception {
    String source = storage.copy("blue-purple-pink.lossy.webp");

    JsonNode result =
        rendition.run(
            storage.context(),
            inputs("sourcePath", source, "width", 75, "format", "png", "targetPath", "r/b.png"));

    assertThat(result.get("targetPath").stringValue()).isEqualTo("r/b.png");
    assertThat(result.get("width").intValue()).isEqualTo(75);
    assertThat(result.get("height").intValue()).isEqualTo(50);
    assertThat(result.get("format").stringValue()).isEqualTo("png");
    assertThat(result.has("quality")).isFalse();
    assertThat(Images.formatOf(storage.resolve("r/b.png"))).isEqualTo("png");
  }

  @Test
  void a_lower_quality_writes_a_smaller_jpeg() throws Exception {
    String source = storage.copy("astronaut.png");
    ObjectNode low = inputs("sourcePath", source, "width", 256, "quality", 0.3);
    low.put("targetPath", "low.jpg");
    ObjectNode high = inputs("sourcePath", source, "width", 256, "quality", 0.95);
    high.put("targetPath", "high.jpg");

    JsonNode lowResult = rendition.run(storage.context(), low);
    JsonNode highResult = rendition.run(storage.context(), high);

    assertThat(lowResult.get("quality").doubleValue()).isEqualTo(0.3);
    assertThat(highResult.get("quality").doubleValue()).isEqualTo(0.95);
    assertThat(lowResult.get("bytes").longValue()).isLessThan(highResult.get("bytes").longValue());
  }

  @Test
  void webp_without_a_writer_is_a_permanent_failure_listing_the_writable_formats()
      throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () ->
                rendition.run(
                    storage.context(),
                    inputs("sourcePath", source, "width", 100, "format", "webp")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "input 'format' is 'webp', but no image writer for it is installed;"
                + " writable formats: jpeg, png");
  }

  @Test
  void neither_width_nor_height_is_a_permanent_failure_naming_both() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(() -> rendition.run(storage.context(), inputs("sourcePath", source)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("inputs 'width' and 'height' are both missing; give at least one");
  }

  @Test
  void a_quality_above_one_is_a_permanent_failure_naming_the_input() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () ->
                rendition.run(
                    storage.context(), inputs("sourcePath", source, "width", 100, "quality", 1.5)))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'quality' must be a number between 0.0 and 1.0, got 1.5");
  }

  @Test
  void a_fractional_width_is_a_permanent_failure_naming_the_input() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () -> rendition.run(storage.context(), inputs("sourcePath", source, "width", 10.5)))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'width' must be an integer between 1 and 8192, got 10.5");
  }

  @Test
  void a_text_file_is_a_permanent_failure() throws Exception {
    String source = storage.write("docs/readme.jpg", "text with an image's name");

    assertThatThrownBy(
            () -> rendition.run(storage.context(), inputs("sourcePath", source, "width", 10)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessageStartingWith("'docs/readme.jpg' is not a decodable image (");
  }

  @Test
  void a_target_below_an_existing_file_is_a_permanent_failure() throws Exception {
    String source = storage.copy("coffee.png");

    assertThatThrownBy(
            () ->
                rendition.run(
                    storage.context(),
                    inputs("sourcePath", source, "width", 10, "targetPath", "coffee.png/x.jpg")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "path 'coffee.png/x.jpg' cannot be written: 'coffee.png' is a file, not a folder");
  }

  @Test
  void no_folder_is_created_through_a_folder_linked_out_of_the_storage_root(@TempDir Path outside)
      throws Exception {
    String source = storage.copy("coffee.png");
    Files.createSymbolicLink(storage.resolve("linkdir"), outside);

    assertThatThrownBy(
            () ->
                rendition.run(
                    storage.context(),
                    inputs(
                        "sourcePath",
                        source,
                        "width",
                        10,
                        "format",
                        "png",
                        "targetPath",
                        "linkdir/sub/pwned2.png")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "path 'linkdir/sub/pwned2.png' leaves the storage root through a symbolic link");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void a_renditions_folder_linked_out_of_the_storage_root_is_refused(@TempDir Path outside)
      throws Exception {
    String source = storage.copy("coffee.png");
    Files.createSymbolicLink(storage.resolve("renditions"), outside);

    assertThatThrownBy(
            () -> rendition.run(storage.context(), inputs("sourcePath", source, "width", 30)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "path 'renditions/coffee-30x20.jpg' leaves the storage root through a symbolic link");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void a_target_that_is_a_folder_is_a_permanent_failure() throws Exception {
    String source = storage.copy("coffee.png");
    Files.createDirectories(storage.resolve("taken.jpg"));

    assertThatThrownBy(
            () ->
                rendition.run(
                    storage.context(),
                    inputs("sourcePath", source, "width", 10, "targetPath", "taken.jpg")))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage("target 'taken.jpg' is a folder, not a file");
  }
}
