package org.opsframework.worker.functions;

import java.util.Arrays;
import java.util.List;

/** The image formats the functions can be asked to write. */
enum OutputFormat {
  JPEG("jpeg", "jpg", true),
  PNG("png", "png", false),
  WEBP("webp", "webp", true);

  private final String inputName;
  private final String extension;
  private final boolean lossy;

  OutputFormat(String inputName, String extension, boolean lossy) {
    this.inputName = inputName;
    this.extension = extension;
    this.lossy = lossy;
  }

  /** The name used in the {@code format} input and in results; also the ImageIO format name. */
  String inputName() {
    return inputName;
  }

  /** The file name extension of default target paths. */
  String extension() {
    return extension;
  }

  /** Whether the {@code quality} input applies. */
  boolean lossy() {
    return lossy;
  }

  /**
   * The format the {@code format} input names, which must be one of {@code allowed}; the first of
   * them when the input is absent.
   */
  static OutputFormat fromInput(Inputs inputs, OutputFormat... allowed) {
    List<String> names = Arrays.stream(allowed).map(OutputFormat::inputName).toList();
    return named(inputs.oneOf("format", names.get(0), names));
  }

  /** The format with this input name. */
  static OutputFormat named(String inputName) {
    return Arrays.stream(values())
        .filter(format -> format.inputName.equals(inputName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no output format " + inputName));
  }
}
