package org.opsframework.worker.functions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.opsframework.common.OperationContext;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A storage root in a temporary folder, filled with sample images, and contexts that use it. */
final class SampleStorage {

  /** The repository's sample images, seen from the worker-service module folder. */
  static final Path SAMPLES = Path.of("..", "samples", "images");

  private final Path root;
  private final AtomicInteger touches = new AtomicInteger();

  SampleStorage(Path root) {
    this.root = root;
  }

  /** Copies a sample (for example {@code orientation/f6-exif.jpg}) to the same relative path. */
  String copy(String samplePath) throws IOException {
    Path target = root.resolve(samplePath);
    Files.createDirectories(target.getParent());
    Files.write(target, Files.readAllBytes(SAMPLES.resolve(samplePath)));
    return samplePath;
  }

  /** Writes a text file under the root. */
  String write(String relativePath, String text) throws IOException {
    Path target = root.resolve(relativePath);
    Files.createDirectories(target.getParent());
    Files.writeString(target, text, StandardCharsets.UTF_8);
    return relativePath;
  }

  /** The absolute location of a path under the root. */
  Path resolve(String relativePath) {
    return root.resolve(relativePath);
  }

  /** A first-attempt context on this root that counts progress signals. */
  OperationContext context() {
    return new OperationContext(
        UUID.randomUUID(), 1, Instant.now().plusSeconds(60), root, touches::incrementAndGet);
  }

  /** How often functions signalled progress through {@link #context()}. */
  int touches() {
    return touches.get();
  }

  /** Inputs from alternating names and values (strings, integers, doubles). */
  static ObjectNode inputs(Object... namesAndValues) {
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      Object value = namesAndValues[i + 1];
      if (value instanceof Integer number) {
        inputs.put(name, number);
      } else if (value instanceof Double number) {
        inputs.put(name, number);
      } else {
        inputs.put(name, (String) value);
      }
    }
    return inputs;
  }
}
