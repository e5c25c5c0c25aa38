package org.opsframework.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's command line.
 *
 * @param rows FAILED rows to fill the table with
 * @param logDeletions whether the per-row deletion logger stays at INFO, as in production
 * @param rate operations submitted per second during both measured phases
 * @param baseline how long the baseline load runs
 * @param maxCleanup when the clean-up is interrupted if it has not finished
 * @param outputDir where the JSON result and the services' log go
 * @param help whether only the usage text was asked for
 */
record BenchmarkArguments(
    long rows,
    boolean logDeletions,
    int rate,
    Duration baseline,
    Duration maxCleanup,
    Path outputDir,
    boolean help) {

  /** Operations per batch submit; one batch goes out every {@code SUBMIT_BATCH / rate} seconds. */
  static final int SUBMIT_BATCH = 10;

  static final String USAGE =
      """
      Usage: bin/benchmark-cleanup [--rows=N] [--log-deletions] [--rate=N]
                                   [--baseline-seconds=N] [--max-cleanup-seconds=N]

      Starts a scheduler and a worker pool in one JVM on the local PostgreSQL and RabbitMQ (own
      database and prefix, removed at the end), fills N FAILED operations, and measures dispatch
      latency of noop operations without and then during the failed-operation clean-up.

        --rows=N                 FAILED rows to fill (default 1000000; 60% older than 24 h)
        --log-deletions          keep the per-row deletion log at INFO, as production does
                                 (written to the log file, not the terminal); default: WARN
        --rate=N                 noop operations submitted per second (default 100, batches of 10)
        --baseline-seconds=N     length of the baseline load (default 20)
        --max-cleanup-seconds=N  interrupt the clean-up after this long (default 600)
        --output-dir=DIR         result JSON and services' log (default benchmark/target)
        --help                   print this text
      """;

  static BenchmarkArguments parse(List<String> args) {
    long rows = 1_000_000;
    boolean logDeletions = false;
    int rate = 100;
    long baselineSeconds = 20;
    long maxCleanupSeconds = 600;
    Path outputDir = Path.of("benchmark", "target");

    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return new BenchmarkArguments(
            rows, false, rate, Duration.ZERO, Duration.ZERO, outputDir, true);
      } else if (arg.equals("--log-deletions")) {
        logDeletions = true;
      } else if (arg.startsWith("--rows=")) {
        rows = positive(arg, 1, 50_000_000);
      } else if (arg.startsWith("--rate=")) {
        rate = (int) positive(arg, SUBMIT_BATCH, 2_000);
      } else if (arg.startsWith("--baseline-seconds=")) {
        baselineSeconds = positive(arg, 1, 600);
      } else if (arg.startsWith("--max-cleanup-seconds=")) {
        maxCleanupSeconds = positive(arg, 1, 3_600);
      } else if (arg.startsWith("--output-dir=")) {
        outputDir = Path.of(arg.substring("--output-dir=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n\n" + USAGE);
      }
    }

    return new BenchmarkArguments(
        rows,
        logDeletions,
        rate,
        Duration.ofSeconds(baselineSeconds),
        Duration.ofSeconds(maxCleanupSeconds),
        outputDir,
        false);
  }

  /** Time between two batch submits at the chosen rate. */
  Duration submitPeriod() {
    return Duration.ofNanos(1_000_000_000L * SUBMIT_BATCH / rate);
  }

  private static long positive(String arg, long min, long max) {
    String name = arg.substring(0, arg.indexOf('='));
    String value = arg.substring(arg.indexOf('=') + 1).replace("_", "");
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      parsed = Long.MIN_VALUE;
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(
          name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
    return parsed;
  }
}
