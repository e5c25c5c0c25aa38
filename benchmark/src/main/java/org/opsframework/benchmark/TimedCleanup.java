package org.opsframework.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opsframework.scheduler.heartbeat.Heartbeat;

/**
 * Runs the failed-operation clean-up once on a thread of its own, as its heartbeat loop would, and
 * follows its progress through its own deletion counters, so the result can say how long the by-age
 * and the by-limit parts took each. Interrupts it (it stops between batches) if it runs longer than
 * allowed.
 */
final class TimedCleanup {

  private static final long PROGRESS_MILLIS = 250;

  private final Heartbeat cleanup;
  private final InProcessPlatform.DeletionCounters counters;
  private final Duration limit;
  private final Thread thread;
  private final List<Progress> progress = new ArrayList<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cleanup-progress"));
  private final long ageBefore;
  private final long limitBefore;
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile Map<String, Long> counts;
  private volatile RuntimeException failure;

  TimedCleanup(Heartbeat cleanup, InProcessPlatform.DeletionCounters counters, Duration limit) {
    this.cleanup = cleanup;
    this.counters = counters;
    this.limit = limit;
    this.ageBefore = counters.deletedByAge();
    this.limitBefore = counters.deletedByLimit();
    this.thread = new Thread(this::runOnce, "cleanup-run");
  }

  void start() {
    startNanos = System.nanoTime();
    sampler.scheduleAtFixedRate(
        this::recordProgress, PROGRESS_MILLIS, PROGRESS_MILLIS, TimeUnit.MILLISECONDS);
    thread.start();
  }

  /** Whether the run is still going; interrupts it once past the time limit. */
  boolean running() {
    if (thread.isAlive() && System.nanoTime() - startNanos > limit.toNanos()) {
      thread.interrupt();
    }
    return thread.isAlive();
  }

  CleanupResult result() throws InterruptedException {
    thread.join();
    sampler.shutdownNow();
    sampler.awaitTermination(5, TimeUnit.SECONDS);
    double seconds = (endNanos - startNanos) / 1e9;
    if (failure != null) {
      return CleanupResult.failed(seconds, failure.toString(), List.copyOf(progress));
    }
    long byAge = counts.getOrDefault("deletedByAge", 0L);
    long byLimit = counts.getOrDefault("deletedByLimit", 0L);
    double ageSeconds = Math.max(seconds, 0.001);
    synchronized (progress) {
      for (Progress p : progress) {
        if (p.deletedByAge() >= byAge) {
          ageSeconds = Math.max(Math.min(p.seconds(), seconds), 0.001);
          break;
        }
      }
    }
    double limitSeconds = seconds - ageSeconds;
    return new CleanupResult(
        round(seconds),
        byAge,
        byLimit,
        counts.getOrDefault("remainingFailed", -1L),
        round((byAge + byLimit) / Math.max(seconds, 0.001)),
        round(ageSeconds),
        round(byAge / ageSeconds),
        round(limitSeconds),
        limitSeconds > 0 ? round(byLimit / limitSeconds) : 0,
        limit.toNanos() < endNanos - startNanos,
        null,
        List.copyOf(progress));
  }

  private void runOnce() {
    try {
      counts = cleanup.run();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      endNanos = System.nanoTime();
    }
  }

  private void recordProgress() {
    synchronized (progress) {
      progress.add(
          new Progress(
              round((System.nanoTime() - startNanos) / 1e9),
              counters.deletedByAge() - ageBefore,
              counters.deletedByLimit() - limitBefore));
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  /** The counters some seconds into the run. */
  record Progress(double seconds, long deletedByAge, long deletedByLimit) {}

  /**
   * What the clean-up run did.
   *
   * @param seconds the whole {@code run()}
   * @param deletedByAge its returned count of rows deleted for being older than the threshold
   * @param deletedByLimit its returned count of rows deleted beyond the record limit
   * @param remainingFailed its returned count of FAILED rows left
   * @param rowsPerSecond both counts over the whole run
   * @param ageSeconds the by-age part, from the counters sampled every 250 ms
   * @param limitSeconds the rest: the count in between and the by-limit part
   * @param interrupted whether it was stopped at the time limit
   * @param error why it failed, if it did
   * @param progress the counters every 250 ms
   */
  record CleanupResult(
      double seconds,
      long deletedByAge,
      long deletedByLimit,
      long remainingFailed,
      double rowsPerSecond,
      double ageSeconds,
      double ageRowsPerSecond,
      double limitSeconds,
      double limitRowsPerSecond,
      boolean interrupted,
      String error,
      List<Progress> progress) {

    static CleanupResult failed(double seconds, String error, List<Progress> progress) {
      return new CleanupResult(seconds, 0, 0, -1, 0, 0, 0, 0, 0, false, error, progress);
    }
  }
}
