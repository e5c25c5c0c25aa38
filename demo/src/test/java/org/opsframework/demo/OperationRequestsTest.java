package org.opsframework.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OperationRequestsTest {

  @Test
  void each_image_gets_thumbnail_rendition_metadata_and_checksum_in_that_order() {
    List<DemoImage> images =
        List.of(
            new DemoImage(Path.of("/x/coffee.png"), "coffee.png"),
            new DemoImage(Path.of("/x/orientation/f1.jpg"), "orientation/f1.jpg"));

    JsonNode batch = OperationRequests.batch(images, Operations.JSON);

    assertThat(batch.propertyNames()).containsExactly("operations");
    JsonNode operations = batch.path("operations");
    assertThat(operations.size()).isEqualTo(8);
    assertThat(operations.get(0))
        .isEqualTo(
            Operations.JSON.readTree(
                "{\"triggerFunction\":\"generateThumbnail\","
                    + "\"inputs\":{\"sourcePath\":\"input/coffee.png\",\"size\":200},"
                    + "\"owner\":\"demo\"}"));
    assertThat(operations.get(1))
        .isEqualTo(
            Operations.JSON.readTree(
                "{\"triggerFunction\":\"generateRendition\","
                    + "\"inputs\":{\"sourcePath\":\"input/coffee.png\",\"width\":640,"
                    + "\"format\":\"png\"},\"owner\":\"demo\"}"));
    assertThat(operations.get(2))
        .isEqualTo(
            Operations.JSON.readTree(
                "{\"triggerFunction\":\"extractMetadata\","
                    + "\"inputs\":{\"sourcePath\":\"input/coffee.png\"},\"owner\":\"demo\"}"));
    assertThat(operations.get(3))
        .isEqualTo(
            Operations.JSON.readTree(
                "{\"triggerFunction\":\"computeChecksum\","
                    + "\"inputs\":{\"sourcePath\":\"input/coffee.png\"},\"owner\":\"demo\"}"));
    assertThat(operations.get(7).path("inputs").path("sourcePath").stringValue())
        .isEqualTo("input/orientation/f1.jpg");
  }
}
