package org.opsframework.worker.execution;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opsframework.common.messaging.OperationMessage;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The operations this process is running. Every touch interval it reports each of them alive to the
 * scheduler, so a long healthy operation is never mistaken for one whose worker vanished.
 */
@Component
class InFlightOperations implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InFlightOperations.class);

  /** A function's own touch is forwarded at most this often per operation. */
  private static final long MIN_TOUCH_GAP_MILLIS = 1000;

  private final Map<UUID, OperationMessage> running = new ConcurrentHashMap<>();
  private final Map<UUID, Long> lastTouched = new ConcurrentHashMap<>();
  private final OutcomePublisher publisher;
  private final WorkerIdentity identity;
  private final Clock clock;
  private final long intervalMillis;
  private ScheduledExecutorService timer;

  InFlightOperations(
      OutcomePublisher publisher,
      WorkerIdentity identity,
      Clock clock,
      WorkerProperties properties) {
    this.publisher = publisher;
    this.identity = identity;
    this.clock = clock;
    this.intervalMillis = properties.execution().touchInterval().toMillis();
  }

  void started(OperationMessage op) {
    running.put(op.operationId(), op);
  }

  void finished(OperationMessage op) {
    running.remove(op.operationId());
    lastTouched.remove(op.operationId());
  }

  /** A function said it is alive: report it now unless it did so within the last second. */
  void touchedByFunction(OperationMessage op) {
    long now = clock.millis();
    Long previous = lastTouched.put(op.operationId(), now);
    if (previous == null || now - previous >= MIN_TOUCH_GAP_MILLIS) {
      touch(op);
    } else {
      lastTouched.put(op.operationId(), previous);
    }
  }

  private void touchAll() {
    running.values().forEach(this::touch);
  }

  private void touch(OperationMessage op) {
    try {
      publisher.publish(
          OutcomeMessage.touch(op.operationId(), op.attempt(), identity.id(), clock.instant()));
    } catch (RuntimeException e) {
      log.warn("Could not report operation {} alive: {}", op.operationId(), e.toString());
    }
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "touch");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        this::touchAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
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

  @Override
  public int getPhase() {
    // Keep touching while the consumer drains in-flight operations at shutdown.
    return Integer.MIN_VALUE + 100;
  }
}
