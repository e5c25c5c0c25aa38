package org.opsframework.demo;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The operations the demo submits: four per image, in one batch. */
final class OperationRequests {

  /** The {@code owner} of every operation the demo submits. */
  static final String OWNER = "demo";

  /** Folder below the storage root that the images are copied into. */
  static final String INPUT_FOLDER = "input";

  static final int THUMBNAIL_SIZE = 200;
  static final int RENDITION_WIDTH = 640;
  static final String RENDITION_FORMAT = "png";

  private OperationRequests() {}

  /** The path of an image relative to the storage root, as operations name it. */
  static String sourcePath(DemoImage image) {
    return INPUT_FOLDER + "/" + image.relativePath();
  }

  /** {@code {"operations":[...]}} with, per image, thumbnail, rendition, metadata, checksum. */
  static ObjectNode batch(List<DemoImage> images, JsonMapper json) {
    ObjectNode body = json.createObjectNode();
    ArrayNode operations = body.putArray("operations");

    for (DemoImage image : images) {
      String source = sourcePath(image);
      inputs(operations, "generateThumbnail", source).put("size", THUMBNAIL_SIZE);
      inputs(operations, "generateRendition", source)
          .put("width", RENDITION_WIDTH)
          .put("format", RENDITION_FORMAT);
      inputs(operations, "extractMetadata", source);
      inputs(operations, "computeChecksum", source);
    }
    return body;
  }

  /** Appends an operation request and returns its inputs, holding {@code sourcePath} so far. */
  private static ObjectNode inputs(ArrayNode operations, String function, String sourcePath) {
    ObjectNode request = operations.addObject();
    request.put("triggerFunction", function);
    ObjectNode inputs = request.putObject("inputs");
    inputs.put("sourcePath", sourcePath);
    request.put("owner", OWNER);
    return inputs;
  }
}
