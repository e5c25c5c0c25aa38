package org.opsframework.scheduler.heartbeat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.dispatch.DispatchWaiter;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.opsframework.scheduler.persistence.OperationRepository.EndedWait;
import org.opsframework.scheduler.persistence.OperationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Ends the waits that ran out ({@code waitOperationHeartbeat}). A WAIT operation whose wait
 * interval has passed without a callback goes back to PENDING so that its function runs again and
 * checks once more, until it has waited {@code max-waits} times; then it fails with reason {@code
 * wait-exhausted}.
 */
@Component
class WaitingOperations implements Heartbeat {

  private static final Logger log = LoggerFactory.getLogger(WaitingOperations.class);

  private final OperationRepository repository;
  private final SchedulerProperties.Wait settings;
  private final DispatchWaiter dispatcher;
  private final Counter resumedCounter;
  private final Counter exhaustedCounter;

  WaitingOperations(
      OperationRepository repository,
      SchedulerProperties properties,
      DispatchWaiter dispatcher,
      MeterRegistry meters) {
    this.repository = repository;
    this.settings = properties.heartbeat().waiting();
    this.dispatcher = dispatcher;
    this.resumedCounter =
        meters.counter(
            "operations.heartbeat.waits-ended", "heartbeat", name(), "outcome", "resumed");
    this.exhaustedCounter =
        meters.counter(
            "operations.heartbeat.waits-ended", "heartbeat", name(), "outcome", "exhausted");
  }

  @Override
  public String name() {
    return "waitOperationHeartbeat";
  }

  @Override
  public Duration interval() {
    return settings.interval();
  }

  @Override
  public Map<String, Long> run() {
    long resumed =
        inBatches(() -> repository.resumeWaits(settings.maxWaits(), settings.batchSize()));
    if (resumed > 0) {
      // Tell every replica's dispatcher, then this one's directly, as a retry does.
      repository.notifyDue();
      dispatcher.wake();
    }
    long exhausted =
        inBatches(() -> repository.exhaustWaits(settings.maxWaits(), settings.batchSize()));
    resumedCounter.increment(resumed);
    exhaustedCounter.increment(exhausted);
    if (resumed + exhausted > 0) {
      log.info(
          "Waits ended without a callback: {} back to PENDING to check again, {} FAILED as"
              + " wait-exhausted (max-waits {})",
          resumed,
          exhausted,
          settings.maxWaits());
    }
    return Map.of("resumed", resumed, "exhausted", exhausted);
  }

  private long inBatches(Supplier<List<EndedWait>> step) {
    long total = 0;
    List<EndedWait> batch;
    do {
      batch = step.get();
      batch.forEach(WaitingOperations::report);
      total += batch.size();
    } while (batch.size() == settings.batchSize() && !Thread.currentThread().isInterrupted());
    return total;
  }

  private static void report(EndedWait op) {
    MDC.put("operationId", op.id().toString());
    MDC.put("triggerFunction", op.triggerFunction());
    MDC.put("attempt", String.valueOf(op.attempt()));
    try {
      if (op.status() == OperationStatus.PENDING) {
        log.debug("Wait {} ended without a callback; running again", op.waitCount());
      } else {
        log.info("Operation FAILED: waited {} times and no callback came", op.waitCount());
      }
    } finally {
      MDC.remove("operationId");
      MDC.remove("triggerFunction");
      MDC.remove("attempt");
    }
  }
}
