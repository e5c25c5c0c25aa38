package org.opsframework.worker.functions;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** Reads the metadata embedded in a file (EXIF, IPTC, XMP and format headers). */
final class EmbeddedMetadata {

  private EmbeddedMetadata() {}

  /**
   * Reads the metadata of {@code file}.
   *
   * @throws ImageProcessingException when the extractor does not know the file's format
   * @throws IOException when the file cannot be read
   */
  static Metadata read(StoredFile file) throws ImageProcessingException, IOException {
    // From a stream rather than a File, so the result holds what is in the file, not the
    // extractor's "File" directory of file-system attributes.
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()))) {
      return ImageMetadataReader.readMetadata(in, Files.size(file.path()));
    }
  }
}
