package org.opsframework.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the images in a folder and its sub-folders, by file extension. Symbolic links inside the
 * folder are skipped, to files and folders alike: they could lead anywhere on the machine, and the
 * demo copies and checksums what it finds.
 */
final class ImageFinder {

  /** Extensions (lower case, without the dot) of the files the demo treats as images. */
  static final List<String> EXTENSIONS =
      List.of("jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp");

  private static final Set<String> EXTENSION_SET = Set.copyOf(EXTENSIONS);

  private ImageFinder() {}

  /**
   * Lists the images below {@code folder}, sorted by relative path, and counts the symbolic links
   * skipped. The folder itself may be a link; the links below it are not followed.
   *
   * @throws DemoFailure (usage) when the folder is missing, not a folder, or holds no image
   */
  static FoundImages find(Path folder) {
    if (!Files.exists(folder)) {
      throw DemoFailure.usage("image folder " + folder.toAbsolutePath() + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      throw DemoFailure.usage(folder.toAbsolutePath() + " is not a folder");
    }

    List<DemoImage> images = new ArrayList<>();
    int skippedLinks = 0;
    try {
      // A walk does not follow links, not even the one it starts from.
      Path start = Files.isSymbolicLink(folder) ? folder.toRealPath() : folder;
      try (Stream<Path> files = Files.walk(start)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (Files.isSymbolicLink(file)) {
            skippedLinks++;
          } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isImage(file)) {
            images.add(new DemoImage(file, relativePath(start, file)));
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw DemoFailure.usage("cannot read image folder " + folder.toAbsolutePath() + ": " + e);
    }
    images.sort(Comparator.comparing(DemoImage::relativePath));

    if (images.isEmpty()) {
      throw DemoFailure.usage(
          "no images in "
              + folder.toAbsolutePath()
              + " (looked for "
              + String.join(", ", EXTENSIONS)
              + ", in sub-folders too"
              + (skippedLinks > 0 ? "; skipped " + linkCount(skippedLinks) : "")
              + ")");
    }
    return new FoundImages(List.copyOf(images), skippedLinks);
  }

  /** {@code 1 symbolic link}, {@code 2 symbolic links}. */
  static String linkCount(int links) {
    return links + (links == 1 ? " symbolic link" : " symbolic links");
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
