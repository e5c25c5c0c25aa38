package org.opsframework.worker.functions;

import java.awt.image.BufferedImage;

/**
 * Decoded pixels as stored in the file, with the EXIF orientation still to be applied.
 *
 * @param pixels the pixels in stored order
 * @param orientation the EXIF orientation, 1 to 8; 1 when the file has none
 */
record DecodedImage(BufferedImage pixels, int orientation) {

  /** The size in stored order. */
  Dimensions storedSize() {
    return new Dimensions(pixels.getWidth(), pixels.getHeight());
  }

  /** The size once the orientation is applied; orientations 5 to 8 turn the picture a quarter. */
  Dimensions uprightSize() {
    return ExifOrientation.turnsQuarter(orientation) ? storedSize().transposed() : storedSize();
  }
}
