package org.opsframework.demo;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo's command line: {@code [FOLDER] [--timeout=SECONDS] [--keep-database] [--help]}.
 *
 * @param folder where the images are; relative paths are taken from the working directory
 * @param timeout how long to wait for every operation to finish once submitted
 * @param keepDatabase whether the run's database stays after the run, rather than being dropped
 * @param help whether only the usage text was asked for
 */
record DemoArguments(Path folder, Duration timeout, boolean keepDatabase, boolean help) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

  static final String USAGE =
      """
      Usage: bin/demo [FOLDER] [--timeout=SECONDS] [--keep-database]

      Starts a scheduler and two worker pools (images, metadata) on the local PostgreSQL and
      RabbitMQ, submits four operations per image found under FOLDER (default: samples/images),
      waits for them and prints what each produced. Every run has its own database
      operations_demo_<timestamp>, dropped when the run stops, its own RabbitMQ names, and its
      own output folder demo-output/<timestamp>/.

        FOLDER             images to process, searched recursively
                           (jpg, jpeg, png, webp, tif, tiff, bmp; symbolic links are skipped)
        --timeout=SECONDS  how long to wait for the operations to finish (default 180)
        --keep-database    keep the run's database afterwards, to look at its operations
        --help             print this text
      """;

  private static final String TIMEOUT_OPTION = "--timeout=";
  private static final String KEEP_DATABASE_OPTION = "--keep-database";

  /**
   * Reads the command line.
   *
   * @param defaultFolder the folder used when none is given
   * @throws DemoFailure (usage) when an argument is not understood
   */
  static DemoArguments parse(List<String> args, Path defaultFolder) {
    Path folder = null;
    Duration timeout = DEFAULT_TIMEOUT;
    boolean keepDatabase = false;

    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return new DemoArguments(defaultFolder, timeout, keepDatabase, true);
      } else if (arg.startsWith(TIMEOUT_OPTION)) {
        timeout = parseTimeout(arg.substring(TIMEOUT_OPTION.length()));
      } else if (arg.equals(KEEP_DATABASE_OPTION)) {
        keepDatabase = true;
      } else if (arg.startsWith("-")) {
        throw DemoFailure.usage("unknown option '" + arg + "'\n\n" + USAGE);
      } else if (folder != null) {
        throw DemoFailure.usage(
            "only one FOLDER may be given, got '" + folder + "' and '" + arg + "'\n\n" + USAGE);
      } else {
        folder = parseFolder(arg);
      }
    }

    return new DemoArguments(folder == null ? defaultFolder : folder, timeout, keepDatabase, false);
  }

  private static Duration parseTimeout(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds <= 0) {
      throw DemoFailure.usage(
          "--timeout must be a positive whole number of seconds, got '" + value + "'");
    }
    return Duration.ofSeconds(seconds);
  }

  private static Path parseFolder(String value) {
    if (value.isBlank()) {
      throw DemoFailure.usage("FOLDER must not be empty");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw DemoFailure.usage("FOLDER '" + value + "' is not a valid path: " + e.getReason());
    }
  }
}
