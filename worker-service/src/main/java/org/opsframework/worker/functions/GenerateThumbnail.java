package org.opsframework.worker.functions;

import java.util.Optional;
import org.opsframework.common.OperationContext;
import org.opsframework.common.TriggerFunction;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code generateThumbnail}: writes an upright copy of an image that fits in a square box.
 *
 * <p>Inputs: {@code sourcePath} (required), {@code size} (the box edge in pixels, 16 to 4096,
 * default 200), {@code format} ({@code jpeg}, the default, or {@code png}) and {@code targetPath}
 * (default {@code thumbnails/<name>-<size>.<jpg|png>}). The EXIF orientation is applied; images
 * already smaller than the box keep their size, since a thumbnail never enlarges.
 *
 * <p>Result: {@code {"targetPath", "width", "height", "format", "bytes"}}.
 */
@Component
public class GenerateThumbnail implements TriggerFunction {

  static final int DEFAULT_SIZE = 200;
  static final int MIN_SIZE = 16;
  static final int MAX_SIZE = 4096;

  private final ScaledImageWriter writer;

  GenerateThumbnail(ScaledImageWriter writer) {
    this.writer = writer;
  }

  @Override
  public String name() {
    return "generateThumbnail";
  }

  @Override
  public JsonNode run(OperationContext context, ObjectNode values) throws InterruptedException {
    Inputs inputs = new Inputs(values);
    String sourcePath = inputs.requiredString("sourcePath");
    int size = inputs.integer("size", DEFAULT_SIZE, MIN_SIZE, MAX_SIZE);
    OutputFormat format = OutputFormat.fromInput(inputs, OutputFormat.JPEG, OutputFormat.PNG);
    Optional<StoredFile> target =
        inputs
            .optionalString("targetPath")
            .map(path -> StoredFile.resolve(context, "targetPath", path));
    StoredFile source = StoredFile.existing(context, "sourcePath", sourcePath);
    StoredFile defaultTarget =
        StoredFile.resolve(
            context, "targetPath", DefaultTargetPaths.thumbnail(source, size, format));
    Checkpoint.reach(context);

    ScaleRequest request =
        new ScaleRequest(
            source,
            upright -> upright.shrinkToFit(size, size),
            format,
            ImageEncoder.DEFAULT_QUALITY,
            scaled -> target.orElse(defaultTarget));
    return writer.write(context, request).toJson();
  }
}
