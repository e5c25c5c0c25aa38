package org.opsframework.scheduler.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code operations.count} per trigger function and status, refreshed every 30 seconds
 * with one grouped count (an index-only scan), so scrapes never query the database themselves.
 */
@Component
class OperationCountGauges implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OperationCountGauges.class);
  private static final long REFRESH_SECONDS = 30;

  private final OperationRepository repository;
  private final MultiGauge counts;
  private ScheduledExecutorService timer;

  OperationCountGauges(OperationRepository repository, MeterRegistry meters) {
    this.repository = repository;
    this.counts =
        MultiGauge.builder("operations.count")
            .description("Operations in the table by trigger function and status")
            .register(meters);
  }

  void refresh() {
    try {
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      repository
          .countByFunctionAndStatus()
          .forEach(
              (function, byStatus) ->
                  byStatus.forEach(
                      (status, count) ->
                          rows.add(
                              MultiGauge.Row.of(
                                  Tags.of("triggerFunction", function, "status", status.name()),
                                  count))));
      counts.register(rows, true);
    } catch (RuntimeException e) {
      log.warn("Could not refresh the operation counts: {}", e.toString());
    }
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "operation-count-gauges");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void stop() {
    timer.shutdownNow();
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
