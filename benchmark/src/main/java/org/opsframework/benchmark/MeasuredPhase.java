package org.opsframework.benchmark;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One stretch of steady load with everything watched that explains its latency: the machine's CPU,
 * PostgreSQL's sessions and its write-ahead log. Once the load stops, waits for the operations to
 * finish and reads their times from the table.
 */
final class MeasuredPhase {

  /** Longest wait for the submitted operations to finish after the load stopped. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

  private final BenchmarkDatabase database;
  private final SteadyLoad load;
  private final long postmaster;

  MeasuredPhase(BenchmarkDatabase database, SteadyLoad load) throws SQLException {
    this.database = database;
    this.load = load;
    this.postmaster = database.postmasterPid();
  }

  /**
   * Runs the load while {@code keepGoing} says so and measures it.
   *
   * @param label names the phase in the result and the threads
   */
  PhaseResult run(String label, BooleanSupplier keepGoing)
      throws SQLException, InterruptedException {
    long startMillis = System.currentTimeMillis();
    CpuSnapshot cpuBefore = CpuSnapshot.take(postmaster);
    long walBefore = database.walPosition();
    long checkpointsBefore = database.checkpoints();
    SteadyLoad.Submissions submissions;
    ActivitySampler.Profile activity;
    try (ActivitySampler sampler = new ActivitySampler(database.newConnection(), label)) {
      submissions = load.run(label, keepGoing);
      activity = sampler.stop();
    }
    CpuSnapshot.Usage cpu = CpuSnapshot.take(postmaster).since(cpuBefore);
    long walBytes = database.walPosition() - walBefore;
    long checkpoints = database.checkpoints() - checkpointsBefore;

    List<UUID> ids = submissions.ids();
    long unfinished = awaitFinished(ids);
    return measure(
        label, startMillis, submissions, unfinished, cpu, activity, walBytes, checkpoints);
  }

  private long awaitFinished(List<UUID> ids) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    long unfinished = database.unfinished(ids);
    while (unfinished > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      unfinished = database.unfinished(ids);
    }
    return unfinished;
  }

  private PhaseResult measure(
      String label,
      long startMillis,
      SteadyLoad.Submissions submissions,
      long unfinished,
      CpuSnapshot.Usage cpu,
      ActivitySampler.Profile activity,
      long walBytes,
      long checkpoints)
      throws SQLException {
    Map<UUID, Long> submitted = new HashMap<>();
    submissions.operations().forEach(s -> submitted.put(s.id(), s.submittedMillis()));
    List<Double> queued = new ArrayList<>();
    List<Double> completed = new ArrayList<>();
    Map<Integer, Second> seconds = new TreeMap<>();
    long succeeded = 0;
    for (BenchmarkDatabase.OperationTimes op : database.times(submitted.keySet())) {
      int second = (int) ((submitted.get(op.id()) - startMillis) / 1000);
      Second bucket = seconds.computeIfAbsent(second, Second::new);
      bucket.operations++;
      if (!Double.isNaN(op.started())) {
        queued.add(op.started() - op.created());
        bucket.maxCreatedToStarted =
            Math.max(bucket.maxCreatedToStarted, op.started() - op.created());
      }
      if (op.status().equals("SUCCESS")) {
        succeeded++;
        double millis = op.updated() - submitted.get(op.id());
        completed.add(millis);
        bucket.maxSubmitToSuccess = Math.max(bucket.maxSubmitToSuccess, millis);
      }
    }
    return new PhaseResult(
        label,
        Instant.ofEpochMilli(startMillis).toString(),
        Math.round(submissions.seconds() * 10) / 10.0,
        submitted.size(),
        submissions.refusedBatches(),
        succeeded,
        unfinished,
        Percentiles.of(queued),
        Percentiles.of(completed),
        Percentiles.of(submissions.roundTripsMillis()),
        cpu,
        walBytes,
        checkpoints,
        activity,
        seconds.values().stream().map(Second::result).toList());
  }

  /** The operations submitted in one second of the phase. */
  private static final class Second {

    private final int second;
    private int operations;
    private double maxCreatedToStarted;
    private double maxSubmitToSuccess;

    Second(int second) {
      this.second = second;
    }

    PerSecond result() {
      return new PerSecond(
          second,
          operations,
          Math.round(maxCreatedToStarted * 10) / 10.0,
          Math.round(maxSubmitToSuccess * 10) / 10.0);
    }
  }

  /**
   * The operations submitted in one second of a phase, to line slow ones up with what else happened
   * then (checkpoints in the server log, for one).
   *
   * @param second seconds since the phase started
   */
  record PerSecond(
      int second, int operations, double maxCreatedToStarted, double maxSubmitToSuccess) {}

  /**
   * What one phase measured. Times are milliseconds.
   *
   * @param started when the phase started, UTC
   * @param seconds how long the load ran
   * @param submitted operations the API accepted
   * @param refusedBatches batch requests that failed
   * @param succeeded operations that ended SUCCESS
   * @param unfinished operations still not finished when the benchmark stopped waiting
   * @param createdToStarted from the row's {@code created} to its {@code started}, both by the
   *     database clock: the dispatch path (claim, publish, queue, worker, PROCESSING report)
   * @param submitToSuccess from sending the batch request (client clock) to the row's {@code
   *     updated} at SUCCESS (database clock; same machine, same clock)
   * @param submitRequest the batch request's round trip, as the client saw it
   * @param cpu the machine's CPU while the load ran
   * @param walBytes write-ahead log written meanwhile, by the whole server
   * @param checkpoints checkpoints the server did meanwhile
   * @param activity the benchmark database's sessions, sampled
   * @param perSecond the slowest operation submitted in each second of the phase
   */
  record PhaseResult(
      String label,
      String started,
      double seconds,
      long submitted,
      long refusedBatches,
      long succeeded,
      long unfinished,
      Percentiles createdToStarted,
      Percentiles submitToSuccess,
      Percentiles submitRequest,
      CpuSnapshot.Usage cpu,
      long walBytes,
      long checkpoints,
      ActivitySampler.Profile activity,
      List<PerSecond> perSecond) {}
}
