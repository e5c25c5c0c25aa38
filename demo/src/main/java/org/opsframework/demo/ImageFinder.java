package org.opsframework.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the images in a folder and its sub-folders, by file extension. */
final class ImageFinder {

  /** Extensions (lower case, without the dot) of the files the demo treats as images. */
  static final List<String> EXTENSIONS =
      List.of("jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp");

  private static final Set<String> EXTENSION_SET = Set.copyOf(EXTENSIONS);

  private ImageFinder() {}

  /**
   * Lists the images below {@code folder}, sorted by relative path.
   *
   * @throws DemoFailure (usage) when the folder is missing, not a folder, or holds no image
   */
  static List<DemoImage> find(Path folder) {
    if (!Files.exists(folder)) {
      throw DemoFailure.usage("image folder " + folder.toAbsolutePath() + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      throw DemoFailure.usage(folder.toAbsolutePath() + " is not a folder");
    }

    List<DemoImage> images;
    try (Stream<Path> files = Files.walk(folder)) {
      images =
          files
              .filter(Files::isRegularFile)
              .filter(ImageFinder::isImage)
              .map(file -> new DemoImage(file, relativePath(folder, file)))
              .sorted(Comparator.comparing(DemoImage::relativePath))
              .collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      throw DemoFailure.usage("cannot read image folder " + folder.toAbsolutePath() + ": " + e);
    }

    if (images.isEmpty()) {
      throw DemoFailure.usage(
          "no images in "
              + folder.toAbsolutePath()
              + " (looked for "
              + String.join(", ", EXTENSIONS)
              + ", in sub-folders too)");
    }
    return images;
  }

  static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      return false;
    }
    return EXTENSION_SET.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String relativePath(Path folder, Path file) {
    Path relative = folder.relativize(file);
    return Stream.iterate(0, i -> i < relative.getNameCount(), i -> i + 1)
        .map(i -> relative.getName(i).toString())
        .collect(Collectors.joining("/"));
  }
}
