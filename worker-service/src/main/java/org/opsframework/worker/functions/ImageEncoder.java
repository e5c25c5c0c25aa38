package org.opsframework.worker.functions;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.opsframework.common.OperationFailure;
import org.springframework.stereotype.Component;

/** Writes images through ImageIO into files under the storage root, atomically. */
@Component
final class ImageEncoder {

  /** The JPEG quality used when the inputs give none. */
  static final double DEFAULT_QUALITY = 0.85;

  /** Whether an ImageIO writer for the format is installed. */
  boolean canWrite(OutputFormat format) {
    return ImageIO.getImageWritersByFormatName(format.inputName()).hasNext();
  }

  /**
   * Refuses a format no installed writer can produce (the WebP plugin, for one, only reads).
   *
   * @throws OperationFailure (permanent) naming the formats that can be written
   */
  void requireWritable(String inputName, OutputFormat format) {
    if (!canWrite(format)) {
      List<String> writable =
          Arrays.stream(OutputFormat.values())
              .filter(this::canWrite)
              .map(OutputFormat::inputName)
              .toList();
      throw OperationFailure.permanent(
          "input '"
              + inputName
              + "' is '"
              + format.inputName()
              + "', but no image writer for it is installed; writable formats: "
              + String.join(", ", writable));
    }
  }

  /**
   * Encodes {@code image} into {@code target}.
   *
   * @param quality 0.0 to 1.0; used by lossy formats only
   * @return the size of the written file in bytes
   * @throws OperationFailure (retryable) when the file cannot be written
   * @throws IllegalStateException when no writer for the format is installed; callers check {@link
   *     #requireWritable} first
   */
  long write(BufferedImage image, OutputFormat format, double quality, StoredFile target)
      throws InterruptedException {
    BufferedImage pixels = format == OutputFormat.JPEG ? withoutAlpha(image) : image;

    return AtomicFileWriter.write(
        target,
        out -> {
          ImageWriter writer = writerFor(format);
          try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(
                null, new IIOImage(pixels, null, null), parameters(writer, format, quality));
          } finally {
            writer.dispose();
          }
        });
  }

  private static ImageWriter writerFor(OutputFormat format) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.inputName());
    if (!writers.hasNext()) {
      throw new IllegalStateException("no image writer for " + format.inputName());
    }
    return writers.next();
  }

  private static ImageWriteParam parameters(
      ImageWriter writer, OutputFormat format, double quality) {
    ImageWriteParam parameters = writer.getDefaultWriteParam();
    if (format.lossy() && parameters.canWriteCompressed()) {
      parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      parameters.setCompressionQuality((float) quality);
    }
    return parameters;
  }

  // JPEG has no alpha channel; transparent areas would otherwise come out black.
  private static BufferedImage withoutAlpha(BufferedImage image) {
    if (!image.getColorModel().hasAlpha()) {
      return image;
    }
    BufferedImage opaque =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = opaque.createGraphics();
    try {
      graphics.drawImage(image, 0, 0, Color.WHITE, null);
    } finally {
      graphics.dispose();
    }
    return opaque;
  }
}
