package org.opsframework.worker.functions;

/** Where functions write their output when the inputs give no {@code targetPath}. */
final class DefaultTargetPaths {

  private DefaultTargetPaths() {}

  /** {@code thumbnails/<name>-<size>.<ext>}. */
  static String thumbnail(StoredFile source, int size, OutputFormat format) {
    return derived("thumbnails", source, String.valueOf(size), format);
  }

  /** {@code renditions/<name>-<width>x<height>.<ext>}, with the output size. */
  static String rendition(StoredFile source, Dimensions size, OutputFormat format) {
    return derived("renditions", source, size.width() + "x" + size.height(), format);
  }

  // FIXME(flat default folders): sources with the same name in different folders share a default
  // target; callers that care pass targetPath.
  private static String derived(
      String folder, StoredFile source, String suffix, OutputFormat format) {
    return folder + "/" + source.baseName() + "-" + suffix + "." + format.extension();
  }
}
