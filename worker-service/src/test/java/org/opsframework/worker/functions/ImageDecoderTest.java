package org.opsframework.worker.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsframework.common.OperationFailure;

class ImageDecoderTest {

  private static final long MIB = 1024 * 1024;

  @TempDir Path root;

  private final OutOfMemoryReaderSpi outOfMemoryReader = new OutOfMemoryReaderSpi();

  @AfterEach
  void remove_the_test_reader() {
    IIORegistry.getDefaultInstance().deregisterServiceProvider(outOfMemoryReader);
  }

  @Test
  void an_image_too_large_for_the_heap_fails_permanently_before_decoding() throws Exception {
    // Only the header: a decoder that tried would fail on the missing pixels instead.
    StoredFile source = stored("huge.png", pngHeader(9999, 9999));
    ImageDecoder decoder = new ImageDecoder(512 * MIB);

    assertThatThrownBy(() -> decoder.decode(source))
        .isInstanceOfSatisfying(
            OperationFailure.class, failure -> assertThat(failure.retryable()).isFalse())
        .hasMessage(
            "'huge.png' is too large for this worker's memory: 9999 x 9999 pixels take about 381"
                + " MiB decoded, more than 1/2 of its 512 MiB maximum heap");
  }

  @Test
  void an_image_that_fits_the_heap_is_decoded() throws Exception {
    StoredFile source =
        stored("coffee.png", Files.readAllBytes(SampleStorage.SAMPLES.resolve("coffee.png")));

    // 600 x 400 pixels take 0.9 MiB decoded, within half of 2 MiB
    DecodedImage decoded = new ImageDecoder(2 * MIB).decode(source);

    assertThat(decoded.storedSize()).isEqualTo(new Dimensions(600, 400));
  }

  @Test
  void running_out_of_memory_while_decoding_is_retryable_and_says_so() throws Exception {
    ImageDecoder decoder = new ImageDecoder(1024 * MIB);
    IIORegistry.getDefaultInstance()
        .registerServiceProvider(outOfMemoryReader, ImageReaderSpi.class);
    StoredFile source = stored("big.oom", OutOfMemoryReaderSpi.MAGIC);

    assertThatThrownBy(() -> decoder.decode(source))
        .isInstanceOfSatisfying(
            OperationFailure.class,
            failure -> {
              assertThat(failure.retryable()).isTrue();
              assertThat(failure).hasRootCauseInstanceOf(OutOfMemoryError.class);
            })
        .hasMessage(
            "the worker ran out of memory decoding 'big.oom' (4000 x 3000 = 12000000 pixels);"
                + " another attempt may find more free memory");
  }

  private StoredFile stored(String relativePath, byte[] content) throws IOException {
    Path file = Files.write(root.resolve(relativePath), content);
    return new StoredFile(root, relativePath, file);
  }

  /** The PNG signature and an IHDR chunk for 8-bit RGBA, with no image data after it. */
  private static byte[] pngHeader(int width, int height) throws IOException {
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    DataOutputStream ihdr = new DataOutputStream(chunk);
    ihdr.write("IHDR".getBytes(StandardCharsets.US_ASCII));
    ihdr.writeInt(width);
    ihdr.writeInt(height);
    ihdr.write(new byte[] {8, 6, 0, 0, 0});
    CRC32 crc = new CRC32();
    crc.update(chunk.toByteArray());

    ByteArrayOutputStream png = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(png);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    out.writeInt(13);
    out.write(chunk.toByteArray());
    out.writeInt((int) crc.getValue());
    return png.toByteArray();
  }
}
