package org.opsframework.scheduler.heartbeat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The failed-operation clean-up ({@code failureOperationHeartbeat}). Each run first deletes FAILED
 * operations whose {@code updated} is older than the threshold in hours, then, while more than the
 * record limit remain, the oldest beyond it. Only FAILED rows are ever deleted, in batches, and
 * each deleted operation is logged.
 */
@Component
class FailedOperationCleanup implements Heartbeat {

  private static final Logger log = LoggerFactory.getLogger(FailedOperationCleanup.class);

  /** Its own logger, so operators can route or silence the per-operation lines. */
  private static final Logger deletions =
      LoggerFactory.getLogger("org.opsframework.scheduler.heartbeat.DeletedFailedOperation");

  private final HousekeepingRepository repository;
  private final SchedulerProperties.FailedOperations settings;
  private final Counter deletedByAge;
  private final Counter deletedByLimit;

  FailedOperationCleanup(
      HousekeepingRepository repository, SchedulerProperties properties, MeterRegistry meters) {
    this.repository = repository;
    this.settings = properties.heartbeat().failedOperations();
    this.deletedByAge =
        meters.counter("operations.heartbeat.deleted", "heartbeat", name(), "reason", "age");
    this.deletedByLimit =
        meters.counter("operations.heartbeat.deleted", "heartbeat", name(), "reason", "limit");
  }

  @Override
  public String name() {
    return "failureOperationHeartbeat";
  }

  @Override
  public Duration interval() {
    return settings.interval();
  }

  @Override
  public Map<String, Long> run() {
    long start = System.nanoTime();
    long byAge = deleteByAge();
    long byLimit = deleteBeyondLimit();
    long remaining = repository.countFailed();
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.info(
        "Failed-operation clean-up: deleted {} by age (> {} h), {} by limit (> {} records);"
            + " {} FAILED remain; took {} ms",
        byAge,
        settings.thresholdTimeHours(),
        byLimit,
        settings.thresholdLimitRecords(),
        remaining,
        millis);
    return Map.of("deletedByAge", byAge, "deletedByLimit", byLimit, "remainingFailed", remaining);
  }

  private long deleteByAge() {
    long total = 0;
    List<DeletedOperation> batch;
    do {
      batch = repository.deleteFailedOlderThan(settings.thresholdTimeHours(), settings.batchSize());
      record(batch, "age", deletedByAge);
      total += batch.size();
    } while (batch.size() == settings.batchSize() && !Thread.currentThread().isInterrupted());
    return total;
  }

  /**
   * Counts once and deletes the excess oldest first. Operations that fail during the run are newer
   * than any it deletes and are counted by the next run.
   */
  private long deleteBeyondLimit() {
    long excess = repository.countFailed() - settings.thresholdLimitRecords();
    long total = 0;
    while (excess > 0 && !Thread.currentThread().isInterrupted()) {
      List<DeletedOperation> batch =
          repository.deleteOldestFailed((int) Math.min(excess, settings.batchSize()));
      if (batch.isEmpty()) {
        break; // the rest are locked by someone else (a retry under way): next run
      }
      record(batch, "limit", deletedByLimit);
      total += batch.size();
      excess -= batch.size();
    }
    return total;
  }

  private static void record(List<DeletedOperation> batch, String reason, Counter counter) {
    for (DeletedOperation op : batch) {
      deletions.info(
          "Deleted FAILED operation {} by {}: triggerFunction={} owner={} created={} updated={}"
              + " attempts={} error={}: {}",
          op.id(),
          reason,
          op.triggerFunction(),
          op.owner(),
          op.created(),
          op.updated(),
          op.attempts(),
          op.errorClass(),
          op.errorMessage());
    }
    counter.increment(batch.size());
  }
}
