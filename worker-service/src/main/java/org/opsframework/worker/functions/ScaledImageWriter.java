package org.opsframework.worker.functions;

import java.awt.image.BufferedImage;
import java.io.IOException;
import net.coobird.thumbnailator.Thumbnails;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.springframework.stereotype.Component;

/**
 * Writes a scaled, upright copy of an image: the steps thumbnails and renditions share.
 *
 * <p>The pixels are scaled in stored order and turned upright afterwards, so the turn works on the
 * small image rather than the full-size one.
 */
@Component
final class ScaledImageWriter {

  private final ImageDecoder decoder;
  private final ImageEncoder encoder;

  ScaledImageWriter(ImageDecoder decoder, ImageEncoder encoder) {
    this.decoder = decoder;
    this.encoder = encoder;
  }

  /** Decodes, scales, orients and writes the image the request names. */
  WrittenImage write(OperationContext context, ScaleRequest request) throws InterruptedException {
    DecodedImage decoded = decoder.decode(request.source());
    Checkpoint.reach(context);

    Dimensions size = request.sizing().apply(decoded.uprightSize());
    Dimensions storedSize =
        ExifOrientation.turnsQuarter(decoded.orientation()) ? size.transposed() : size;
    BufferedImage scaled = scale(request.source(), decoded.pixels(), storedSize);
    BufferedImage upright = ExifOrientation.applyTo(scaled, decoded.orientation());
    Checkpoint.reach(context);

    StoredFile target = request.target().apply(size);
    long bytes = encoder.write(upright, request.format(), request.quality(), target);
    return new WrittenImage(target.relativePath(), size, request.format(), bytes);
  }

  private static BufferedImage scale(StoredFile source, BufferedImage pixels, Dimensions size) {
    // A plain RGB(A) result: scaling into the source's own type would re-quantize palettes.
    int type =
        pixels.getColorModel().hasAlpha()
            ? BufferedImage.TYPE_INT_ARGB
            : BufferedImage.TYPE_INT_RGB;
    try {
      return Thumbnails.of(pixels)
          .forceSize(size.width(), size.height())
          .imageType(type)
          .asBufferedImage();
    } catch (IOException e) {
      throw OperationFailure.permanent(
          "could not scale '" + source.relativePath() + "' (" + e.getMessage() + ")", e);
    }
  }
}
