package org.opsframework.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Files of the repository under test, found from the root the build passes in. */
final class RepositoryFiles {

  static final Path ROOT =
      Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

  private RepositoryFiles() {}

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> yaml(String relative) {
    return new Yaml().load(read(relative));
  }
}
