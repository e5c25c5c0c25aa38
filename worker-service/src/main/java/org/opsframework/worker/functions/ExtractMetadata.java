package org.opsframework.worker.functions;

import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.TriggerFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code extractMetadata}: describes an image from its header and its EXIF, IPTC and XMP blocks.
 *
 * <p>Input: {@code sourcePath}. Result: {@code width} and {@code height} (pixels as stored), {@code
 * mimeType}, {@code format}, and when the file holds them {@code camera} {@code {make, model}},
 * {@code dateTaken} (the EXIF DateTimeOriginal as an ISO-8601 local date-time), {@code orientation}
 * (the EXIF value) and {@code gps} {@code {latitude, longitude}} (decimal degrees); then {@code
 * directories}, the names of the metadata directories found. Absent values are left out, never
 * null.
 */
@Component
public class ExtractMetadata implements TriggerFunction {

  private static final Logger log = LoggerFactory.getLogger(ExtractMetadata.class);

  private final ImageDecoder decoder;

  ExtractMetadata(ImageDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public String name() {
    return "extractMetadata";
  }

  @Override
  public JsonNode run(OperationContext context, ObjectNode values) throws InterruptedException {
    String sourcePath = new Inputs(values).requiredString("sourcePath");
    StoredFile source = StoredFile.existing(context, "sourcePath", sourcePath);
    Checkpoint.reach(context);

    ProbedImage image = decoder.probe(source);
    Checkpoint.reach(context);

    Metadata metadata = metadataOf(source);
    Checkpoint.reach(context);
    return MetadataDescription.of(image, metadata);
  }

  private static Metadata metadataOf(StoredFile source) throws InterruptedException {
    try {
      return EmbeddedMetadata.read(source);
    } catch (ImageProcessingException | RuntimeException e) {
      // The image itself was recognised; a container or block the extractor cannot parse leaves
      // the header facts, which are still worth returning.
      log.debug("No readable metadata in '{}': {}", source.relativePath(), e.toString());
      return new Metadata();
    } catch (ClosedByInterruptException e) {
      Thread.interrupted();
      throw new InterruptedException("interrupted while reading '" + source.relativePath() + "'");
    } catch (IOException e) {
      throw OperationFailure.retryable(
          "could not read source file '" + source.relativePath() + "' (" + e + ")", e);
    }
  }
}
