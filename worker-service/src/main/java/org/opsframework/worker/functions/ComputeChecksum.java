package org.opsframework.worker.functions;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.TriggerFunction;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code computeChecksum}: the SHA-256, size and content type of any file, read in one pass.
 *
 * <p>Input: {@code sourcePath}. Result: {@code {"sha256", "size", "mimeType"}}: lower-case hex,
 * bytes, and the MIME type detected from the content ({@code application/octet-stream} when
 * unknown).
 */
@Component
public class ComputeChecksum implements TriggerFunction {

  static final String UNKNOWN_MIME_TYPE = "application/octet-stream";

  private static final int CHUNK = 64 * 1024;

  @Override
  public String name() {
    return "computeChecksum";
  }

  @Override
  public JsonNode run(OperationContext context, ObjectNode values) throws InterruptedException {
    String sourcePath = new Inputs(values).requiredString("sourcePath");
    StoredFile source = StoredFile.existing(context, "sourcePath", sourcePath);
    Checkpoint.reach(context);

    MessageDigest sha256 = sha256();
    long size = 0;
    FileType type;
    // The buffer sits above the digest so that sniffing the type, which marks and resets within
    // the buffer, does not feed the first bytes to the digest twice.
    try (InputStream in =
        new BufferedInputStream(
            new DigestInputStream(Files.newInputStream(source.path()), sha256), CHUNK)) {
      type = FileTypeDetector.detectFileType(in);
      byte[] chunk = new byte[CHUNK];
      for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
        size += read;
        Checkpoint.reach(context);
      }
    } catch (ClosedByInterruptException e) {
      Thread.interrupted();
      throw new InterruptedException("interrupted while reading '" + sourcePath + "'");
    } catch (IOException e) {
      throw OperationFailure.retryable(
          "could not read source file '" + sourcePath + "' (" + e + ")", e);
    }

    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("sha256", HexFormat.of().formatHex(sha256.digest()));
    result.put("size", size);
    result.put("mimeType", type.getMimeType() == null ? UNKNOWN_MIME_TYPE : type.getMimeType());
    return result;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
