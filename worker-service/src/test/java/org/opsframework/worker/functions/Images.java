package org.opsframework.worker.functions;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads written images back in tests, independently of the code under test. */
final class Images {

  private Images() {}

  static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException("no reader for " + file);
    }
    return image;
  }

  /** The ImageIO format name of the file's content, lower case. */
  static String formatOf(Path file) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      return readers.next().getFormatName().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the pixel is closer to black than to white. */
  static boolean dark(BufferedImage image, int x, int y) {
    int rgb = image.getRGB(x, y);
    int luminance = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
    return luminance < 128;
  }
}
