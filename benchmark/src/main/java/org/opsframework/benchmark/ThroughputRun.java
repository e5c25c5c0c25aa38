package org.opsframework.benchmark;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The throughput benchmark from start to end: its own database and prefix, the services as
 * processes of their own, R runs of every phase, and the removal of everything it created, also
 * when it fails or is interrupted.
 */
final class ThroughputRun {

  private static final Duration BURN_DOWN_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  /** Services idle at least this long before the idle sample: PostgreSQL's idle stats delay. */
  private static final Duration IDLE_SETTLE = Duration.ofSeconds(11);

  private static final Duration IDLE_SAMPLE = Duration.ofSeconds(10);
  private static final double MIB = 1024 * 1024;

  private final ThroughputArguments arguments;
  private final PrintStream out;
  private final long started = System.nanoTime();
  private final String stamp =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
  private final String prefix = "benchtp-" + stamp;
  private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
  private final BrokerObjects broker = new BrokerObjects(prefix, ServiceProcesses.POOL);

  private BenchmarkDatabase database;
  private ServiceProcesses services;
  private Path storageRoot;
  private boolean tornDown;

  ThroughputRun(ThroughputArguments arguments, PrintStream out) {
    this.arguments = arguments;
    this.out = out;
  }

  /** Runs it and always removes what it created. */
  ThroughputResult run() throws Exception {
    return TeardownGuard.run(this::measure, this::tearDown);
  }

  private ThroughputResult measure() throws Exception {
    Path outputDir = arguments.outputDir().toAbsolutePath();
    Files.createDirectories(outputDir);
    storageRoot = Files.createTempDirectory("throughput-benchmark-storage");

    progress("creating database bench_tp_" + stamp + ", prefix " + prefix);
    database = BenchmarkDatabase.create("bench_tp_" + stamp);
    progress("starting scheduler and worker as processes (logs in " + outputDir + ")");
    services =
        ServiceProcesses.start(
            arguments.root().toAbsolutePath(),
            database.url(),
            prefix,
            token,
            storageRoot,
            outputDir,
            broker);
    int port = services.scheduler().port();

    progress("warm-up: " + WARM_UP.toSeconds() + " s of load, not counted");
    latency(port, WARM_UP);

    List<Map<String, Double>> runs = new ArrayList<>();
    for (int r = 1; r <= arguments.runs(); r++) {
      runs.add(oneRun(r, port));
    }

    return new ThroughputResult(
        OffsetDateTime.now().toString(),
        Runtime.getRuntime().availableProcessors(),
        database.serverVersion(),
        arguments.operations(),
        arguments.runs(),
        arguments.rate(),
        arguments.latencyLength().toSeconds(),
        ThroughputResult.figures(runs),
        runs);
  }

  private Map<String, Double> oneRun(int run, int port) throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    int n = arguments.operations();
    String of = " (run " + run + " of " + arguments.runs() + ")";
    try (java.sql.Connection connection = database.newConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE operation");
    }

    progress(String.format("burn-down of %,d noop operations%s", n, of));
    ProcessUsage schedulerBefore = ProcessUsage.of(services.scheduler().pid());
    ProcessUsage workerBefore = ProcessUsage.of(services.worker().pid());
    BurnDown.Result burnDown;
    QueueDepths depths = new QueueDepths(broker);
    try (java.sql.Connection connection = database.newConnection()) {
      burnDown = BurnDown.run(connection, n, BURN_DOWN_TIMEOUT);
    } finally {
      depths.close();
    }
    ProcessUsage schedulerAfter = ProcessUsage.of(services.scheduler().pid());
    ProcessUsage workerAfter = ProcessUsage.of(services.worker().pid());
    m.put(Figures.BURN_DOWN, burnDown.perSecond());
    m.put(Figures.BURN_DOWN_SECONDS, burnDown.seconds());
    // Update churn: every operation leaves dead row versions and index entries behind. The
    // services' sessions report their counts with a delay, so this is a lower bound.
    BenchmarkDatabase.TableStatistics table = database.tableStatistics();
    m.put(Figures.DEAD_TUPLES, (double) table.deadTuples());
    m.put(Figures.TABLE_MIB, table.totalBytes() / MIB);
    m.put(Figures.POOL_QUEUE_MAX, (double) depths.maxPoolReady());
    m.put(Figures.RESULTS_QUEUE_MAX, (double) depths.maxResultsReady());
    m.put(
        Figures.SCHEDULER_CPU,
        (schedulerAfter.cpuSeconds() - schedulerBefore.cpuSeconds()) * 1000 / n);
    m.put(Figures.WORKER_CPU, (workerAfter.cpuSeconds() - workerBefore.cpuSeconds()) * 1000 / n);
    m.put(Figures.SCHEDULER_RSS, schedulerAfter.residentKib() / 1024.0);
    m.put(Figures.WORKER_RSS, workerAfter.residentKib() / 1024.0);
    m.put(Figures.SCHEDULER_HEAP, services.scheduler().heapUsedBytes() / MIB);
    m.put(Figures.WORKER_HEAP, services.worker().heapUsedBytes() / MIB);
    progress(
        String.format(
            "  %,.0f ops/s (%.1f s); most ready messages: pool queue %d, results queue %d;"
                + " operation table %,.0f MiB, %,d dead tuples (autovacuum %s)",
            burnDown.perSecond(),
            burnDown.seconds(),
            depths.maxPoolReady(),
            depths.maxResultsReady(),
            table.totalBytes() / MIB,
            table.deadTuples(),
            table.autovacuum()));

    progress(
        String.format(
            "submit: %,d operations in batches of %,d, %d clients, deferred by 1 h so nothing is"
                + " dispatched%s",
            n, SubmitRate.BATCH, SubmitRate.CLIENTS, of));
    double submit = SubmitRate.run(port, token, n);
    m.put(Figures.SUBMIT, submit);
    progress(String.format("  %,.0f ops/s accepted", submit));
    try (java.sql.Connection connection = database.newConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM operation WHERE owner = '" + SubmitRate.OWNER + "'");
    }

    // The burn-down and the submit phase's delete leave hundreds of thousands of dead row versions.
    // This server runs with autovacuum off; a production server's autovacuum would clear them
    // before long, so the steady-state latency is measured on a vacuumed table (as autovacuum
    // would leave it). Measured on this machine without it: p99 80-150 ms in the first 30 s after
    // a 100,000-operation burn-down, 52 ms in the next 30 s, 40 ms after a VACUUM.
    if (arguments.vacuumBeforeLatency()) {
      progress(
          "VACUUM ANALYZE operation (this server's autovacuum is " + database.autovacuum() + ")");
      database.vacuum();
    }
    progress(
        String.format(
            "latency: %d noop/s for %d s, one operation per request%s",
            arguments.rate(), arguments.latencyLength().toSeconds(), of));
    Latency latency = latency(port, arguments.latencyLength());
    long idleSince = System.nanoTime();
    m.put(Figures.STARTED_P50, latency.started().p50());
    m.put(Figures.STARTED_P95, latency.started().p95());
    m.put(Figures.STARTED_P99, latency.started().p99());
    m.put(Figures.SUCCESS_P50, latency.success().p50());
    m.put(Figures.SUCCESS_P95, latency.success().p95());
    m.put(Figures.SUCCESS_P99, latency.success().p99());
    m.put(Figures.LATENCY_COUNT, (double) latency.success().count());
    progress(
        String.format(
            "  %d operations; created→started p50/p95/p99 %.1f/%.1f/%.1f ms,"
                + " created→SUCCESS %.1f/%.1f/%.1f ms",
            latency.success().count(),
            latency.started().p50(),
            latency.started().p95(),
            latency.started().p99(),
            latency.success().p50(),
            latency.success().p95(),
            latency.success().p99()));

    progress(String.format("JDBC ceiling: %,d operations on ceiling_operation%s", n, of));
    double jdbc = JdbcCeiling.run(database, n);
    m.put(Figures.JDBC_CEILING, jdbc);
    progress(String.format("  %,.0f ops/s", jdbc));

    progress(String.format("RabbitMQ ceiling: %,d operations, two messages each%s", n, of));
    double rabbit = BrokerCeiling.run(prefix, n);
    m.put(Figures.RABBIT_CEILING, rabbit);
    progress(String.format("  %,.0f ops/s", rabbit));
    m.put(Figures.RATIO, burnDown.perSecond() / Math.min(jdbc, rabbit));

    long settleNanos = IDLE_SETTLE.toNanos() - (System.nanoTime() - idleSince);
    if (settleNanos > 0) {
      Thread.sleep(settleNanos / 1_000_000);
    }
    progress("idle: transactions of the benchmark database over " + IDLE_SAMPLE.toSeconds() + " s");
    double idle = idleStatementsPerSecond();
    m.put(Figures.IDLE_STATEMENTS, idle);
    progress(String.format("  %.1f statements/s", idle));
    return m;
  }

  private record Latency(Percentiles started, Percentiles success) {}

  private Latency latency(int port, Duration length) throws Exception {
    SteadyLoad load =
        new SteadyLoad(port, token, Duration.ofNanos(1_000_000_000L / arguments.rate()), 1);
    long end = System.nanoTime() + length.toNanos();
    SteadyLoad.Submissions submissions = load.run("latency", () -> System.nanoTime() < end);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (database.unfinished(submissions.ids()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("latency operations did not finish within 2 minutes");
      }
      Thread.sleep(100);
    }
    List<Double> started = new ArrayList<>();
    List<Double> success = new ArrayList<>();
    for (BenchmarkDatabase.OperationTimes t : database.times(submissions.ids())) {
      if (t.status().equals("SUCCESS")) {
        started.add(t.started() - t.created());
        success.add(t.updated() - t.created());
      }
    }
    return new Latency(Percentiles.of(started), Percentiles.of(success));
  }

  /**
   * Committed and rolled-back transactions of the benchmark database per second, read from the
   * {@code postgres} database so that the sampling itself is not counted.
   */
  private double idleStatementsPerSecond() throws SQLException, InterruptedException {
    try (java.sql.Connection server =
            DriverManager.getConnection(
                LocalServers.jdbcUrl("postgres"),
                LocalServers.POSTGRES_USER,
                LocalServers.POSTGRES_PASSWORD);
        PreparedStatement statement =
            server.prepareStatement(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?")) {
      statement.setString(1, database.name());
      long before = single(statement);
      long start = System.nanoTime();
      Thread.sleep(IDLE_SAMPLE.toMillis());
      long after = single(statement);
      return (after - before) / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static long single(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Stops the services, deletes the broker objects and drops the database; once. */
  private synchronized void tearDown() {
    if (tornDown) {
      return;
    }
    tornDown = true;
    progress("stopping the services and removing what the benchmark created ...");
    if (services != null) {
      try {
        services.close();
      } catch (RuntimeException e) {
        out.println("could not stop the services: " + e);
      }
    }
    List<String> problems = new ArrayList<>(broker.delete());
    try (Connection connection = BrokerObjects.connect()) {
      for (String queue : List.of(prefix + ".ceiling-out", prefix + ".ceiling-back")) {
        try (Channel channel = connection.createChannel()) {
          channel.queueDelete(queue);
        } catch (IOException | java.util.concurrent.TimeoutException e) {
          problems.add("queue " + queue + ": " + e);
        }
      }
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      problems.add("broker: " + e);
    }
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
        "stopped the services, removed database, queues and exchanges"
            + (problems.isEmpty() ? "" : " (with the problems above)"));
  }

  private void progress(String message) {
    out.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
  }
}
