package org.opsframework.demo;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The fresh folder of one demo run, {@code demo-output/<timestamp>/}. It is the workers' storage
 * root: the images are copied into {@code input/}, the workers write their outputs beside it, and
 * the services' logs go to {@code logs/}.
 *
 * @param root the folder itself
 * @param name its name, the run's timestamp
 */
record RunFolder(Path root, String name) {

  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** Creates a new, empty run folder below {@code parent}, named after {@code now}. */
  static RunFolder create(Path parent, LocalDateTime now) {
    String timestamp = TIMESTAMP.format(now);
    try {
      Files.createDirectories(parent);
      for (int suffix = 1; ; suffix++) {
        // two runs in the same second get distinct folders, and so distinct queues
        String name = suffix == 1 ? timestamp : timestamp + "-" + suffix;
        try {
          Path root = Files.createDirectory(parent.resolve(name));
          Files.createDirectory(root.resolve("logs"));
          return new RunFolder(root.toAbsolutePath(), name);
        } catch (FileAlreadyExistsException taken) {
          // try the next suffix
        }
      }
    } catch (IOException e) {
      throw DemoFailure.failed("cannot create the output folder in " + parent + ": " + e, e);
    }
  }

  Path logs() {
    return root.resolve("logs");
  }

  /** Removes the folder when the run stopped before putting anything but the empty logs in it. */
  void discardIfUnused() {
    try {
      Files.deleteIfExists(logs());
      Files.deleteIfExists(root);
    } catch (IOException e) {
      // not empty after all, or not ours to remove: it stays, which is harmless
    }
  }

  /** Copies the images into {@code input/}, keeping their sub-folders. */
  void copyInputs(List<DemoImage> images) {
    for (DemoImage image : images) {
      Path target = root.resolve(OperationRequests.sourcePath(image));
      try {
        Files.createDirectories(target.getParent());
        Files.copy(image.file(), target, StandardCopyOption.COPY_ATTRIBUTES);
      } catch (IOException e) {
        throw DemoFailure.failed("cannot copy " + image.file() + " to " + target + ": " + e, e);
      }
    }
  }
}
