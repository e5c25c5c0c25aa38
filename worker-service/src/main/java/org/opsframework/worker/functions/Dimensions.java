package org.opsframework.worker.functions;

/**
 * The size of an image in pixels.
 *
 * @param width the width, at least 1
 * @param height the height, at least 1
 */
record Dimensions(int width, int height) {

  /** The largest size with this aspect ratio that fits in the box, enlarging when needed. */
  Dimensions fitInside(int maxWidth, int maxHeight) {
    // Compare the ratios in integers so the limiting edge comes out exactly at the box edge.
    boolean widthLimits = (long) width * maxHeight >= (long) height * maxWidth;
    return widthLimits ? scaledToWidth(maxWidth) : scaledToHeight(maxHeight);
  }

  /** Like {@link #fitInside}, but never larger than this size. */
  Dimensions shrinkToFit(int maxWidth, int maxHeight) {
    return width <= maxWidth && height <= maxHeight ? this : fitInside(maxWidth, maxHeight);
  }

  /** This aspect ratio at the given width. */
  Dimensions scaledToWidth(int newWidth) {
    return new Dimensions(newWidth, scale(height, newWidth, width));
  }

  /** This aspect ratio at the given height. */
  Dimensions scaledToHeight(int newHeight) {
    return new Dimensions(scale(width, newHeight, height), newHeight);
  }

  /** Width and height swapped, as after a quarter turn. */
  Dimensions transposed() {
    return new Dimensions(height, width);
  }

  /** The number of pixels. */
  long area() {
    return (long) width * height;
  }

  private static int scale(int length, int numerator, int denominator) {
    return (int) Math.max(1, Math.round((double) length * numerator / denominator));
  }
}
