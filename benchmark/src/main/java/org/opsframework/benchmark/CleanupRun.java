package org.opsframework.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The benchmark from start to end: its own database and prefix, the services in this JVM, the fill,
 * a warm-up, the baseline, the run with the clean-up, the result, and the removal of everything it
 * created, also when it fails or is interrupted.
 */
final class CleanupRun {

  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /** Rows per clean-up statement: the product's default, stated so the output can name it. */
  private static final int CLEANUP_BATCH = 1000;

  private final BenchmarkArguments arguments;
  private final PrintStream out;
  private final long started = System.nanoTime();
  private final String stamp =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
  private final String prefix = "bench-" + stamp;
  private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
  private final BrokerObjects broker = new BrokerObjects(prefix, InProcessPlatform.POOL);

  private BenchmarkDatabase database;
  private InProcessPlatform platform;
  private Path storageRoot;
  private boolean tornDown;

  CleanupRun(BenchmarkArguments arguments, PrintStream out) {
    this.arguments = arguments;
    this.out = out;
  }

  /** Runs it and always removes what it created. */
  BenchmarkResult run() throws Exception {
    return TeardownGuard.run(this::measure, this::tearDown);
  }

  private BenchmarkResult measure() throws Exception {
    Files.createDirectories(arguments.outputDir());
    Path logFile = arguments.outputDir().resolve("cleanup-benchmark.log").toAbsolutePath();
    Files.deleteIfExists(logFile);
    storageRoot = Files.createTempDirectory("cleanup-benchmark-storage");

    progress("creating database bench_cleanup_" + stamp + ", prefix " + prefix);
    database = BenchmarkDatabase.create("bench_cleanup_" + stamp);
    progress("starting scheduler and worker in this JVM (their log: " + logFile + ")");
    platform =
        InProcessPlatform.start(
            new InProcessPlatform.Settings(
                database.url(),
                prefix,
                token,
                storageRoot,
                logFile,
                arguments.logDeletions(),
                CLEANUP_BATCH));
    awaitReady();

    progress(String.format("filling %,d FAILED rows", arguments.rows()));
    FailedRows.FillTimes fill = database.fill(arguments.rows());
    progress(
        String.format(
            "filled in %.1f s, VACUUM ANALYZE and CHECKPOINT %.1f s",
            fill.insertSeconds(), fill.vacuumSeconds()));

    SteadyLoad load =
        new SteadyLoad(
            platform.schedulerPort(),
            token,
            arguments.submitPeriod(),
            BenchmarkArguments.SUBMIT_BATCH);
    MeasuredPhase phase = new MeasuredPhase(database, load);
    progress("warm-up: " + WARM_UP.toSeconds() + " s of load, not counted");
    phase.run("warm-up", until(WARM_UP));

    progress(
        String.format(
            "baseline: %d noop/s for %d s, no clean-up",
            arguments.rate(), arguments.baseline().toSeconds()));
    MeasuredPhase.PhaseResult baseline = phase.run("baseline", until(arguments.baseline()));

    long olderAtStart = database.countFailedOlderThanHours(24);
    progress(
        String.format(
            "clean-up (threshold 24 h, limit 20,000, batch %d, deletion log %s) under the same"
                + " load",
            CLEANUP_BATCH, arguments.logDeletions() ? "INFO" : "WARN"));
    TimedCleanup cleanup =
        new TimedCleanup(
            platform.failedOperationCleanup(), platform.deletionCounters(), arguments.maxCleanup());
    cleanup.start();
    MeasuredPhase.PhaseResult during = phase.run("during clean-up", cleanup::running);
    TimedCleanup.CleanupResult cleaned = cleanup.result();
    long remaining = database.countFailed();
    progress("a second clean-up run straight after, with nothing left to delete");
    double secondRunMillis = timeMillis(() -> platform.failedOperationCleanup().run());

    progress("closing the services, then reading the table statistics");
    platform.close();
    platform = null;
    if (!database.awaitOtherSessionsGone(Duration.ofSeconds(30))) {
      progress("some sessions of the services are still open: the statistics may lag");
    }
    BenchmarkDatabase.TableStatistics table = database.tableStatistics();
    progress("VACUUM operation, as autovacuum would after the clean-up");
    double vacuumMillis = timeMillis(database::vacuum);

    return new BenchmarkResult(
        OffsetDateTime.now().toString(),
        Runtime.getRuntime().availableProcessors(),
        database.serverVersion(),
        arguments.logDeletions(),
        arguments.logDeletions() ? logFile.toString() : null,
        arguments.rate(),
        BenchmarkArguments.SUBMIT_BATCH,
        arguments.rows(),
        round(fill.insertSeconds()),
        round(fill.vacuumSeconds()),
        olderAtStart,
        cleaned,
        remaining,
        round(secondRunMillis),
        table,
        round(vacuumMillis),
        baseline,
        during);
  }

  /**
   * Waits until the worker consumes and the heartbeats' start-up runs (on an empty table) ended.
   */
  private void awaitReady() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (broker.consumers() == 0 || !database.heartbeatsSettled()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the worker did not consume or the heartbeats did not run within " + READY_TIMEOUT);
      }
      Thread.sleep(100);
    }
  }

  private static double timeMillis(Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static BooleanSupplier until(Duration length) {
    long end = System.nanoTime() + length.toNanos();
    return () -> System.nanoTime() < end;
  }

  /** Closes the services, deletes the broker objects and drops the database; once. */
  private synchronized void tearDown() {
    if (tornDown) {
      return;
    }
    tornDown = true;
    if (platform != null) {
      try {
        platform.close();
      } catch (RuntimeException e) {
        out.println("could not close the services: " + e);
      }
    }
    List<String> problems = broker.delete();
    problems.forEach(p -> out.println("could not delete " + p));
    if (database != null) {
      try {
        database.close();
      } catch (SQLException e) {
        out.println("could not drop database " + database.name() + ": " + e.getMessage());
      }
    }
    if (storageRoot != null) {
      try {
        Files.deleteIfExists(storageRoot);
      } catch (IOException e) {
        out.println("could not delete " + storageRoot + ": " + e.getMessage());
      }
    }
    progress(
        "removed database, queues and exchanges"
            + (problems.isEmpty() ? "" : " (with the problems above)"));
  }

  private void progress(String message) {
    out.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
