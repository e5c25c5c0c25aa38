package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.opsframework.worker.functions.SampleStorage.inputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.common.OperationFailure;
import tools.jackson.databind.JsonNode;

/** Expected values come from exiftool 12.57, run on the sample files. */
class ExtractMetadataTest {

  @TempDir Path root;

  private SampleStorage storage;
  private ExtractMetadata extract;

  @BeforeEach
  void set_up() {
    storage = new SampleStorage(root);
    extract = new ExtractMetadata(new ImageDecoder());
  }

  @Test
  void is_named_extract_metadata() {
    assertThat(extract.name()).isEqualTo("extractMetadata");
  }

  @Test
  void reads_camera_date_orientation_and_position_from_exif() throws Exception {
    String source = storage.copy("camera-exif-sample.jpg");

    JsonNode result = extract.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("width").intValue()).isEqualTo(500);
    assertThat(result.get("height").intValue()).isEqualTo(375);
    assertThat(result.get("mimeType").stringValue()).isEqualTo("image/jpeg");
    assertThat(result.get("format").stringValue()).isEqualTo("jpeg");
    assertThat(result.get("camera").get("make").stringValue()).isEqualTo("NIKON CORPORATION");
    assertThat(result.get("camera").get("model").stringValue()).isEqualTo("NIKON D2H");
    assertThat(result.get("dateTaken").stringValue()).isEqualTo("2003-11-23T18:07:37");
    assertThat(result.get("orientation").intValue()).isEqualTo(1);
    assertThat(result.get("gps").get("latitude").doubleValue())
        .isCloseTo(39.9155555555556, within(1e-9));
    assertThat(result.get("gps").get("longitude").doubleValue())
        .isCloseTo(116.390833333333, within(1e-9));
    assertThat(names(result.get("directories")))
        .contains("Exif IFD0", "Exif SubIFD", "GPS", "XMP", "Photoshop")
        .doesNotContain("File Type", "File")
        .doesNotHaveDuplicates();
  }

  @Test
  void leaves_out_what_the_file_does_not_hold() throws Exception {
    String source = storage.copy("coffee.png");

    JsonNode result = extract.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("width").intValue()).isEqualTo(600);
    assertThat(result.get("height").intValue()).isEqualTo(400);
    assertThat(result.get("mimeType").stringValue()).isEqualTo("image/png");
    assertThat(result.get("format").stringValue()).isEqualTo("png");
    assertThat(names(result.get("directories"))).contains("PNG-IHDR");
    assertThat(result.propertyNames())
        .containsExactly("width", "height", "mimeType", "format", "directories");
  }

  @Test
  void reports_the_stored_pixel_size_and_the_orientation_of_a_turned_photo() throws Exception {
    String source = storage.copy("orientation/f6-exif.jpg");

    JsonNode result = extract.run(storage.context(), inputs("sourcePath", source));

    assertThat(result.get("width").intValue()).isEqualTo(80);
    assertThat(result.get("height").intValue()).isEqualTo(40);
    assertThat(result.get("orientation").intValue()).isEqualTo(6);
  }

  @Test
  void describes_webp_tiff_and_bmp() throws Exception {
    JsonNode webp =
        extract.run(
            storage.context(), inputs("sourcePath", storage.copy("blue-purple-pink.lossy.webp")));
    JsonNode tiff =
        extract.run(
            storage.context(),
            inputs("sourcePath", storage.copy("blue-purple-pink.lzwcompressed.tiff")));
    JsonNode bmp =
        extract.run(storage.context(), inputs("sourcePath", storage.copy("colormap.bmp")));

    assertThat(webp.get("mimeType").stringValue()).isEqualTo("image/webp");
    assertThat(webp.get("format").stringValue()).isEqualTo("webp");
    assertThat(webp.get("width").intValue()).isEqualTo(150);
    assertThat(webp.get("height").intValue()).isEqualTo(100);
    assertThat(tiff.get("mimeType").stringValue()).isEqualTo("image/tiff");
    assertThat(tiff.get("format").stringValue()).isEqualTo("tiff");
    assertThat(tiff.get("orientation").intValue()).isEqualTo(1);
    assertThat(bmp.get("mimeType").stringValue()).isEqualTo("image/bmp");
    assertThat(bmp.get("format").stringValue()).isEqualTo("bmp");
    assertThat(bmp.get("width").intValue()).isEqualTo(150);
    assertThat(bmp.get("height").intValue()).isEqualTo(103);
  }

  @Test
  void a_text_file_is_a_permanent_failure() throws Exception {
    String source = storage.write("notes.txt", "not an image");

    assertThatThrownBy(() -> extract.run(storage.context(), inputs("sourcePath", source)))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessageStartingWith("'notes.txt' is not a decodable image (");
  }

  @Test
  void a_missing_source_path_input_is_named_in_the_failure() {
    assertThatThrownBy(() -> extract.run(storage.context(), inputs("sourcePath", 42)))
        .isInstanceOf(OperationFailure.class)
        .hasMessage("input 'sourcePath' must be a non-empty string, got 42");
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add(name.stringValue()));
    return names;
  }
}
