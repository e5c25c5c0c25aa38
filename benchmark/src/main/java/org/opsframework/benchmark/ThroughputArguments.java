package org.opsframework.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The throughput benchmark's command line.
 *
 * @param operations operations per burn-down, per submit phase and per ceiling
 * @param runs how many times every phase is measured; each figure is their median
 * @param rate operations offered per second in the latency phase
 * @param latencyLength how long the latency phase offers its load
 * @param root the repository, where the services' jars are built
 * @param outputDir where the JSON result and the services' logs go
 * @param vacuumBeforeLatency whether the operation table is vacuumed before the latency phase
 * @param help whether only the usage text was asked for
 */
record ThroughputArguments(
    int operations,
    int runs,
    int rate,
    Duration latencyLength,
    Path root,
    Path outputDir,
    boolean vacuumBeforeLatency,
    boolean help) {

  static final String USAGE =
      """
      Usage: bin/benchmark-throughput [--operations=N] [--runs=R] [--rate=N] [--latency-seconds=N]

      Starts a scheduler and a worker pool (bench: noop, concurrency 8) as separate processes on
      the local PostgreSQL and RabbitMQ (own database and prefix, removed at the end) and measures,
      R times each: the burn-down of N PENDING noop operations, batch submits, latency at a steady
      load, the same lifecycle over plain JDBC and over RabbitMQ alone (the two ceilings), the
      services' memory and CPU, and the statements per second of the idle system.

        --operations=N       operations per burn-down, submit phase and ceiling (default 20000)
        --runs=R             runs; every figure is their median with min-max (default 3)
        --rate=N             operations offered per second in the latency phase (default 200)
        --latency-seconds=N  length of the latency phase (default 30)
        --no-vacuum          measure latency right after the burn-down and submit phases, on
                             their dead rows, instead of after VACUUM (as autovacuum would leave
                             the table)
        --root=DIR           the repository with the built service jars (default .)
        --output-dir=DIR     result JSON and services' logs (default benchmark/target)
        --help               print this text
      """;

  static ThroughputArguments parse(List<String> args) {
    long operations = 20_000;
    long runs = 3;
    long rate = 200;
    long latencySeconds = 30;
    Path root = Path.of(".");
    Path outputDir = null;
    boolean vacuum = true;

    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return new ThroughputArguments(0, 0, 0, Duration.ZERO, root, root, true, true);
      } else if (arg.startsWith("--operations=")) {
        operations = number(arg, 1_000, 10_000_000);
      } else if (arg.startsWith("--runs=")) {
        runs = number(arg, 1, 20);
      } else if (arg.startsWith("--rate=")) {
        rate = number(arg, 1, 5_000);
      } else if (arg.startsWith("--latency-seconds=")) {
        latencySeconds = number(arg, 1, 600);
      } else if (arg.equals("--no-vacuum")) {
        vacuum = false;
      } else if (arg.startsWith("--root=")) {
        root = Path.of(arg.substring("--root=".length()));
      } else if (arg.startsWith("--output-dir=")) {
        outputDir = Path.of(arg.substring("--output-dir=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n\n" + USAGE);
      }
    }

    return new ThroughputArguments(
        (int) operations,
        (int) runs,
        (int) rate,
        Duration.ofSeconds(latencySeconds),
        root,
        outputDir != null ? outputDir : root.resolve("benchmark").resolve("target"),
        vacuum,
        false);
  }

  private static long number(String arg, long min, long max) {
    String name = arg.substring(0, arg.indexOf('='));
    String value = arg.substring(arg.indexOf('=') + 1).replace("_", "").replace(",", "");
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
