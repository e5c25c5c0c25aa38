package org.opsframework.worker.functions;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * An ImageIO plugin for tests that reads files starting with {@link #MAGIC} as 4000 x 3000 images
 * and, when asked for the pixels, fails the way the JDK's readers do when the heap runs out: with
 * an {@link IIOException} caused by an {@link OutOfMemoryError}. No memory is actually used up.
 */
final class OutOfMemoryReaderSpi extends ImageReaderSpi {

  static final byte[] MAGIC = "OPS-TEST-OUT-OF-MEMORY".getBytes(StandardCharsets.US_ASCII);
  static final int WIDTH = 4000;
  static final int HEIGHT = 3000;

  OutOfMemoryReaderSpi() {
    super(
        "opsframework tests",
        "1",
        new String[] {"out-of-memory-test"},
        new String[] {"oomtest"},
        new String[] {"image/x-out-of-memory-test"},
        Reader.class.getName(),
        new Class<?>[] {ImageInputStream.class},
        null,
        false,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        null,
        null);
  }

  @Override
  public boolean canDecodeInput(Object source) throws IOException {
    if (!(source instanceof ImageInputStream input)) {
      return false;
    }
    byte[] head = new byte[MAGIC.length];
    input.mark();
    try {
      input.readFully(head);
    } catch (EOFException tooShort) {
      return false;
    } finally {
      input.reset();
    }
    return Arrays.equals(head, MAGIC);
  }

  @Override
  public ImageReader createReaderInstance(Object extension) {
    return new Reader(this);
  }

  @Override
  public String getDescription(Locale locale) {
    return "a test reader whose decoding runs out of memory";
  }

  private static final class Reader extends ImageReader {

    Reader(ImageReaderSpi provider) {
      super(provider);
    }

    @Override
    public int getNumImages(boolean allowSearch) {
      return 1;
    }

    @Override
    public int getWidth(int imageIndex) {
      return WIDTH;
    }

    @Override
    public int getHeight(int imageIndex) {
      return HEIGHT;
    }

    @Override
    public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
      return List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_ARGB))
          .iterator();
    }

    @Override
    public IIOMetadata getStreamMetadata() {
      return null;
    }

    @Override
    public IIOMetadata getImageMetadata(int imageIndex) {
      return null;
    }

    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) throws IIOException {
      throw new IIOException(
          "Caught exception during read: ", new OutOfMemoryError("Java heap space"));
    }
  }
}
