package org.opsframework.worker.functions;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.TriggerFunction;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code generateRendition}: writes an upright copy of an image at a requested size and format.
 *
 * <p>Inputs: {@code sourcePath} (required); {@code width} and/or {@code height} (1 to 8192, at
 * least one: with both the image fits inside the box, with one the other follows the aspect ratio;
 * the image is enlarged when needed); {@code format} ({@code jpeg}, the default, {@code png}, or
 * {@code webp} where an ImageIO writer for it is installed); {@code quality} (0.0 to 1.0, default
 * 0.85, for jpeg); {@code targetPath} (default {@code renditions/<name>-<width>x<height>.<ext>},
 * with the output size).
 *
 * <p>Result: {@code {"targetPath", "width", "height", "format", "bytes", "quality"}}, where {@code
 * quality} is present only for lossy formats, the only ones it affects.
 */
@Component
public class GenerateRendition implements TriggerFunction {

  static final int MAX_EDGE = 8192;

  private final ScaledImageWriter writer;
  private final ImageEncoder encoder;

  GenerateRendition(ScaledImageWriter writer, ImageEncoder encoder) {
    this.writer = writer;
    this.encoder = encoder;
  }

  @Override
  public String name() {
    return "generateRendition";
  }

  @Override
  public JsonNode run(OperationContext context, ObjectNode values) throws InterruptedException {
    Inputs inputs = new Inputs(values);
    String sourcePath = inputs.requiredString("sourcePath");
    UnaryOperator<Dimensions> sizing =
        sizing(
            inputs.optionalInteger("width", 1, MAX_EDGE),
            inputs.optionalInteger("height", 1, MAX_EDGE));
    OutputFormat format = OutputFormat.fromInput(inputs, OutputFormat.values());
    encoder.requireWritable("format", format);
    double quality = inputs.number("quality", ImageEncoder.DEFAULT_QUALITY, 0.0, 1.0);
    Optional<StoredFile> target =
        inputs
            .optionalString("targetPath")
            .map(path -> StoredFile.resolve(context, "targetPath", path));
    StoredFile source = StoredFile.existing(context, "sourcePath", sourcePath);
    Checkpoint.reach(context);

    ScaleRequest request =
        new ScaleRequest(
            source,
            sizing,
            format,
            quality,
            size ->
                target.orElseGet(
                    () ->
                        StoredFile.resolve(
                            context,
                            "targetPath",
                            DefaultTargetPaths.rendition(source, size, format))));
    ObjectNode result = writer.write(context, request).toJson();
    if (format.lossy()) {
      result.put("quality", quality);
    }
    return result;
  }

  private static UnaryOperator<Dimensions> sizing(OptionalInt width, OptionalInt height) {
    if (width.isPresent() && height.isPresent()) {
      return upright -> upright.fitInside(width.getAsInt(), height.getAsInt());
    }
    if (width.isPresent()) {
      return upright -> upright.scaledToWidth(width.getAsInt());
    }
    if (height.isPresent()) {
      return upright -> upright.scaledToHeight(height.getAsInt());
    }
    throw OperationFailure.permanent(
        "inputs 'width' and 'height' are both missing; give at least one");
  }
}
