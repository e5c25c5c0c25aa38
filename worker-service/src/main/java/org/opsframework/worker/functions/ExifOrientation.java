package org.opsframework.worker.functions;

import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.util.OptionalInt;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The EXIF orientation tag: how a camera says to turn or mirror the stored pixels. */
final class ExifOrientation {

  /** The stored pixels are already upright. */
  static final int UPRIGHT = 1;

  private static final Logger log = LoggerFactory.getLogger(ExifOrientation.class);

  private ExifOrientation() {}

  /** The orientation in {@code metadata}, when it holds a valid one. */
  static OptionalInt in(Metadata metadata) {
    for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
      Integer value = directory.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
      if (value != null && value >= 1 && value <= 8) {
        return OptionalInt.of(value);
      }
    }
    return OptionalInt.empty();
  }

  /** The orientation of a decodable image file; {@link #UPRIGHT} when it cannot be read. */
  static int of(StoredFile image) {
    try {
      return in(EmbeddedMetadata.read(image)).orElse(UPRIGHT);
    } catch (Exception e) {
      // The pixels decoded, so show them as stored rather than fail over a broken EXIF block.
      log.debug("Ignoring unreadable metadata of '{}': {}", image.relativePath(), e.toString());
      return UPRIGHT;
    }
  }

  /** Whether the orientation turns the picture by a quarter, swapping width and height. */
  static boolean turnsQuarter(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** The pixels turned and mirrored as the orientation says, so that they come out upright. */
  static BufferedImage applyTo(BufferedImage pixels, int orientation) {
    if (orientation == UPRIGHT) {
      return pixels;
    }
    return ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation)).apply(pixels);
  }
}
