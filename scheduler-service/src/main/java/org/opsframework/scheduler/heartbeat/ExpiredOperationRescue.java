package org.opsframework.scheduler.heartbeat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.dispatch.DispatchWaiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rescues operations whose worker vanished: QUEUED operations not picked up within the queued
 * expiry and PROCESSING operations not touched within the processing expiry (per trigger function
 * where set) go back to PENDING while attempts remain, else to FAILED with reason {@code expired}.
 * Workers touch running operations every touch interval, so a healthy long operation never expires.
 */
@Component
class ExpiredOperationRescue implements Heartbeat {

  private static final Logger log = LoggerFactory.getLogger(ExpiredOperationRescue.class);

  private final HousekeepingRepository repository;
  private final SchedulerProperties.ExpiredOperations settings;
  private final DispatchWaiter dispatcher;
  private final MeterRegistry meters;
  private final String expiryByFunction;

  ExpiredOperationRescue(
      HousekeepingRepository repository,
      SchedulerProperties properties,
      DispatchWaiter dispatcher,
      MeterRegistry meters,
      JsonMapper json) {
    this.repository = repository;
    this.settings = properties.heartbeat().expiredOperations();
    this.dispatcher = dispatcher;
    this.meters = meters;
    Map<String, Double> seconds = new LinkedHashMap<>();
    settings.processingExpiryByFunction().forEach((fn, d) -> seconds.put(fn, d.toNanos() / 1e9));
    this.expiryByFunction = json.writeValueAsString(seconds);
  }

  @Override
  public String name() {
    return "expiredOperationHeartbeat";
  }

  @Override
  public Duration interval() {
    return settings.interval();
  }

  @Override
  public Map<String, Long> run() {
    long retried = 0;
    long failed = 0;
    List<RescuedOperation> batch;
    do {
      batch =
          repository.rescueExpired(
              settings.queuedExpiry(),
              settings.processingExpiry(),
              expiryByFunction,
              settings.batchSize());
      for (RescuedOperation op : batch) {
        report(op);
        if (op.newStatus().equals("PENDING")) {
          retried++;
        } else {
          failed++;
        }
      }
    } while (batch.size() == settings.batchSize() && !Thread.currentThread().isInterrupted());
    if (retried > 0) {
      dispatcher.wake();
    }
    meters.counter("operations.heartbeat.expired", "outcome", "retried").increment(retried);
    meters.counter("operations.heartbeat.expired", "outcome", "failed").increment(failed);
    if (retried + failed > 0) {
      log.info("Expired operations: {} sent back to PENDING, {} FAILED", retried, failed);
    }
    return Map.of("retried", retried, "failed", failed);
  }

  private static void report(RescuedOperation op) {
    MDC.put("operationId", op.id().toString());
    MDC.put("triggerFunction", op.triggerFunction());
    MDC.put("attempt", String.valueOf(op.attempt()));
    try {
      log.warn(
          "Attempt {} expired (worker {} went quiet); operation is now {}",
          op.attempt(),
          op.workerId(),
          op.newStatus());
    } finally {
      MDC.clear();
    }
  }
}
