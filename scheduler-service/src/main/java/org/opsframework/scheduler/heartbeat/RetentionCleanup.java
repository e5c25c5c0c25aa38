package org.opsframework.scheduler.heartbeat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes SUCCESS and CANCELLED operations whose {@code updated} is older than the retention age,
 * in batches, and logs how many. A retention age of 0 keeps them all.
 */
@Component
class RetentionCleanup implements Heartbeat {

  private static final Logger log = LoggerFactory.getLogger(RetentionCleanup.class);

  private final HousekeepingRepository repository;
  private final SchedulerProperties.Retention settings;
  private final Counter deleted;

  RetentionCleanup(
      HousekeepingRepository repository, SchedulerProperties properties, MeterRegistry meters) {
    this.repository = repository;
    this.settings = properties.heartbeat().retention();
    this.deleted =
        meters.counter("operations.heartbeat.deleted", "heartbeat", name(), "reason", "retention");
  }

  @Override
  public String name() {
    return "retentionHeartbeat";
  }

  @Override
  public Duration interval() {
    return settings.interval();
  }

  @Override
  public Map<String, Long> run() {
    if (settings.maxAge().isZero()) {
      log.debug("Retention is 0: finished operations are kept");
      return Map.of("deleted", 0L);
    }
    long total = 0;
    int batch;
    do {
      batch = repository.deleteFinishedOlderThan(settings.maxAge(), settings.batchSize());
      deleted.increment(batch);
      total += batch;
    } while (batch == settings.batchSize() && !Thread.currentThread().isInterrupted());
    if (total > 0) {
      log.info(
          "Retention: deleted {} SUCCESS/CANCELLED operations older than {}",
          total,
          settings.maxAge());
    }
    return Map.of("deleted", total);
  }
}
