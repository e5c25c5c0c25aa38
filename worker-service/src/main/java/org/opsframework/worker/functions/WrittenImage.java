package org.opsframework.worker.functions;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An image file a function wrote.
 *
 * @param targetPath where, relative to the storage root
 * @param size its pixel size
 * @param format its format
 * @param bytes its file size
 */
record WrittenImage(String targetPath, Dimensions size, OutputFormat format, long bytes) {

  /** {@code {"targetPath", "width", "height", "format", "bytes"}}. */
  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("targetPath", targetPath);
    json.put("width", size.width());
    json.put("height", size.height());
    json.put("format", format.inputName());
    json.put("bytes", bytes);
    return json;
  }
}
