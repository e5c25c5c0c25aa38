package org.opsframework.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository the demo belongs to, where the services' jars and the samples are. */
final class RepoRoot {

  /** System property that {@code bin/demo} sets to the repository's absolute path. */
  static final String PROPERTY = "demo.root";

  private RepoRoot() {}

  /**
   * The folder named by {@code -Ddemo.root}, or else the nearest folder at or above the working
   * directory that looks like the repository, or else the working directory.
   */
  static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (looksLikeRepo(dir)) {
        return dir;
      }
    }
    return cwd;
  }

  static boolean looksLikeRepo(Path dir) {
    return Files.isRegularFile(dir.resolve("pom.xml"))
        && Files.isDirectory(dir.resolve("scheduler-service"))
        && Files.isDirectory(dir.resolve("worker-service"));
  }
}
