package org.opsframework.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.it.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * The built-in functions through the whole platform: REST submit, dispatch, a worker pool writing
 * files under the storage root, and the results stored on the rows.
 */
class ImageOperationsTest {

  @TempDir static Path storage;
  static TestPlatform platform;
  static ApiClient api;
  static Operations ops;

  @BeforeAll
  static void start() throws IOException {
    copySamples();
    platform = TestPlatform.create("images");
    api = platform.api(platform.startScheduler());
    platform.startWorker(
        "images",
        "generateThumbnail,generateRendition,extractMetadata,computeChecksum",
        2,
        storage);
    ops = new Operations(api);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void every_sample_image_gets_a_thumbnail_a_rendition_metadata_and_a_checksum() {
    List<String> images = sampleImages();
    Map<UUID, String> submitted = submitAll(images);

    for (Map.Entry<UUID, String> entry : submitted.entrySet()) {
      JsonNode op = ops.awaitTerminal(entry.getKey());
      assertThat(op.get("status").asString()).as(entry.getValue()).isEqualTo("SUCCESS");
      assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    }
    assertThat(submitted).hasSize(images.size() * 4);
  }

  @Test
  void thumbnails_of_every_exif_orientation_come_out_upright() throws IOException {
    for (int orientation = 1; orientation <= 8; orientation++) {
      String source = "input/orientation/f" + orientation + "-exif.jpg";
      UUID id =
          ops.submit(
              "generateThumbnail",
              Map.of(
                  "sourcePath",
                  source,
                  "size",
                  64,
                  "targetPath",
                  "upright/f" + orientation + ".jpg"));

      JsonNode result = ops.awaitStatus(id, "SUCCESS").get("result");

      BufferedImage written =
          ImageIO.read(storage.resolve("upright/f" + orientation + ".jpg").toFile());
      assertThat(written.getHeight()).as("f%d height", orientation).isEqualTo(64);
      assertThat(written.getWidth()).as("f%d width", orientation).isEqualTo(32);
      assertThat(result.get("width").asInt()).isEqualTo(32);
      assertThat(result.get("height").asInt()).isEqualTo(64);
    }
  }

  @Test
  void the_checksum_equals_sha256sum_of_the_file() {
    UUID id = ops.submit("computeChecksum", Map.of("sourcePath", "input/camera-exif-sample.jpg"));

    JsonNode result = ops.awaitStatus(id, "SUCCESS").get("result");

    // sha256sum samples/images/camera-exif-sample.jpg
    assertThat(result.get("sha256").asString())
        .isEqualTo("c3034419772b425134fd69f5cdc43143038b36c9202d8a93ca74d207da09aa2e");
    assertThat(result.get("size").asLong()).isEqualTo(80603);
    assertThat(result.get("mimeType").asString()).isEqualTo("image/jpeg");
  }

  @Test
  void metadata_of_the_camera_sample_names_the_camera_and_the_date() {
    UUID id = ops.submit("extractMetadata", Map.of("sourcePath", "input/camera-exif-sample.jpg"));

    JsonNode result = ops.awaitStatus(id, "SUCCESS").get("result");

    assertThat(result.get("camera").get("make").asString()).isEqualTo("NIKON CORPORATION");
    assertThat(result.get("camera").get("model").asString()).isEqualTo("NIKON D2H");
    assertThat(result.get("dateTaken").asString()).isEqualTo("2003-11-23T18:07:37");
    assertThat(result.get("width").asInt()).isEqualTo(500);
    assertThat(result.get("height").asInt()).isEqualTo(375);
  }

  @Test
  void a_file_that_is_not_an_image_fails_at_once_without_retrying() throws IOException {
    Files.writeString(storage.resolve("junk-notes.jpg"), "this is not a JPEG\n");
    UUID id =
        ops.submit(
            "generateThumbnail", Map.of("sourcePath", "junk-notes.jpg"), Map.of("maxRetries", 5));

    JsonNode op = ops.awaitStatus(id, "FAILED");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("errorInfo").get("retryable").asBoolean()).isFalse();
    assertThat(op.get("errorInfo").get("message").asString())
        .contains("'junk-notes.jpg' is not a decodable image");
  }

  @Test
  void a_missing_source_file_fails_with_its_name() {
    UUID id = ops.submit("computeChecksum", Map.of("sourcePath", "input/nope.png"));

    JsonNode op = ops.awaitStatus(id, "FAILED");

    assertThat(op.get("retryCounter").asInt()).isEqualTo(1);
    assertThat(op.get("errorInfo").get("message").asString()).contains("input/nope.png");
  }

  private static Map<UUID, String> submitAll(List<String> images) {
    List<Map<String, Object>> batch = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String image : images) {
      batch.add(op("generateThumbnail", Map.of("sourcePath", image, "size", 200)));
      batch.add(
          op("generateRendition", Map.of("sourcePath", image, "width", 320, "format", "png")));
      batch.add(op("extractMetadata", Map.of("sourcePath", image)));
      batch.add(op("computeChecksum", Map.of("sourcePath", image)));
      for (String fn : List.of("thumbnail", "rendition", "metadata", "checksum")) {
        labels.add(fn + " " + image);
      }
    }
    Response response = api.post("/api/v1/operations/batch", Map.of("operations", batch));
    assertThat(response.status()).isEqualTo(201);
    Map<UUID, String> ids = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode op : response.body().get("operations")) {
      ids.put(UUID.fromString(op.get("id").asString()), labels.get(i++));
    }
    return ids;
  }

  private static Map<String, Object> op(String function, Map<String, Object> inputs) {
    return Map.of("triggerFunction", function, "inputs", inputs);
  }

  private static List<String> sampleImages() {
    try (Stream<Path> files = Files.walk(storage.resolve("input"))) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().endsWith(".txt"))
          .map(f -> storage.relativize(f).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copySamples() throws IOException {
    Path samples = TestPlatform.samples();
    try (Stream<Path> files = Files.walk(samples)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().endsWith(".md")) {
          continue;
        }
        Path target = storage.resolve("input").resolve(samples.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }
}
