package org.opsframework.worker.functions;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.opsframework.common.OperationFailure;
import org.springframework.stereotype.Component;

/**
 * Reads image files through ImageIO, with the TwelveMonkeys plugins for JPEG (including CMYK and
 * broken EXIF), WebP, TIFF and BMP. A file no reader can decode is a permanent failure: trying
 * again would fail the same way. So is an image whose decoded pixels could never fit in this
 * worker's heap; running out of memory on one that could fit, because other operations hold memory
 * at the same time, is retryable.
 */
@Component
final class ImageDecoder {

  /** Images with more pixels are refused rather than risk exhausting the worker's memory. */
  static final long MAX_PIXELS = 100_000_000L;

  /** Decoded pixels take at most 4 bytes each (8-bit ARGB) in the images readers produce. */
  static final int BYTES_PER_PIXEL = 4;

  /**
   * The decoded image may take at most 1/{@value} of the maximum heap: scaling needs more on top,
   * and the rest of the worker needs some too.
   */
  static final int HEAP_SHARE = 2;

  private static final long MIB = 1024 * 1024;

  private final long maxHeapBytes;

  ImageDecoder() {
    this(Runtime.getRuntime().maxMemory());
  }

  /** A decoder that measures decoded images against {@code maxHeapBytes} of heap. */
  ImageDecoder(long maxHeapBytes) {
    this.maxHeapBytes = maxHeapBytes;
    // ImageIO looks for plugins through the class loader of the thread that first uses it; in a
    // Spring Boot jar that can miss the TwelveMonkeys readers, so register them from here, on the
    // thread that creates the beans with the application's class loader.
    ImageIO.scanForPlugins();
  }

  /** Reads the size and format from the file's header without decoding the pixels. */
  ProbedImage probe(StoredFile source) throws InterruptedException {
    return withReader(
        source,
        reader -> {
          ImageReaderSpi provider = reader.getOriginatingProvider();
          return new ProbedImage(
              sizeOf(reader),
              provider.getFormatNames()[0].toLowerCase(Locale.ROOT),
              provider.getMIMETypes()[0]);
        });
  }

  /** Decodes the first image in the file and reads its EXIF orientation. */
  DecodedImage decode(StoredFile source) throws InterruptedException {
    BufferedImage pixels =
        withReader(
            source,
            reader -> {
              Dimensions size = sizeOf(reader);
              if (size.area() > MAX_PIXELS) {
                throw OperationFailure.permanent(
                    String.format(
                        "'%s' is too large to process (%d x %d pixels; the limit is %d)",
                        source.relativePath(), size.width(), size.height(), MAX_PIXELS));
              }
              requireRoomInTheHeap(source, size);
              reader.addIIOReadProgressListener(new AbortWhenInterrupted());
              try {
                return reader.read(0);
              } catch (IOException | RuntimeException | OutOfMemoryError e) {
                if (causedByOutOfMemory(e)) {
                  throw ranOutOfMemory(source, size, e);
                }
                throw e;
              }
            });
    Checkpoint.stopIfInterrupted();
    return new DecodedImage(pixels, ExifOrientation.of(source));
  }

  private void requireRoomInTheHeap(StoredFile source, Dimensions size) {
    long decodedBytes = size.area() * BYTES_PER_PIXEL;
    if (decodedBytes > maxHeapBytes / HEAP_SHARE) {
      throw OperationFailure.permanent(
          String.format(
              "'%s' is too large for this worker's memory: %d x %d pixels take about %d MiB"
                  + " decoded, more than 1/%d of its %d MiB maximum heap",
              source.relativePath(),
              size.width(),
              size.height(),
              decodedBytes / MIB,
              HEAP_SHARE,
              maxHeapBytes / MIB));
    }
  }

  // ImageIO readers wrap what goes wrong while decoding, an OutOfMemoryError included, in an
  // IIOException; the file is then fine, and the attempt merely met a busy heap.
  private static boolean causedByOutOfMemory(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
      depth++;
    }
    return false;
  }

  private static OperationFailure ranOutOfMemory(
      StoredFile source, Dimensions size, Throwable cause) {
    return OperationFailure.retryable(
        String.format(
            "the worker ran out of memory decoding '%s' (%d x %d = %d pixels); another attempt"
                + " may find more free memory",
            source.relativePath(), size.width(), size.height(), size.area()),
        cause);
  }

  private static Dimensions sizeOf(ImageReader reader) throws IOException {
    return new Dimensions(reader.getWidth(0), reader.getHeight(0));
  }

  private <T> T withReader(StoredFile source, ReaderTask<T> task) throws InterruptedException {
    try (ImageInputStream input = new FileImageInputStream(source.path().toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw notDecodable(source, "no image reader recognises its content", null);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        T result = task.runWith(reader);
        Checkpoint.stopIfInterrupted();
        return result;
      } catch (OperationFailure | InterruptedException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        Checkpoint.stopIfInterrupted();
        throw notDecodable(source, e.getMessage() == null ? e.toString() : e.getMessage(), e);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      // Opening or sniffing the file failed before any decoding: the storage, not the content.
      throw OperationFailure.retryable(
          "could not read source file '" + source.relativePath() + "' (" + e + ")", e);
    }
  }

  private static OperationFailure notDecodable(StoredFile source, String reason, Throwable cause) {
    return OperationFailure.permanent(
        "'" + source.relativePath() + "' is not a decodable image (" + reason + ")", cause);
  }

  /** Work done with a reader positioned on the file. */
  @FunctionalInterface
  private interface ReaderTask<T> {
    T runWith(ImageReader reader) throws IOException, InterruptedException;
  }

  /** Stops a long decode soon after the worker interrupts the thread on the deadline. */
  private static final class AbortWhenInterrupted implements IIOReadProgressListener {

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
      if (Thread.currentThread().isInterrupted()) {
        source.abort();
      }
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {}

    @Override
    public void sequenceComplete(ImageReader source) {}

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {}

    @Override
    public void imageComplete(ImageReader source) {}

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {}

    @Override
    public void thumbnailComplete(ImageReader source) {}

    @Override
    public void readAborted(ImageReader source) {}
  }
}
