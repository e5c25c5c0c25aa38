package org.opsframework.scheduler.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.persistence.Operation;
import org.opsframework.scheduler.persistence.OperationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatch heartbeat: claims due PENDING operations in batches (marking them QUEUED), publishes
 * them with confirms and hands back the ones the broker did not take, all in one transaction that
 * holds the row locks, so no other scheduler can publish the same operation and nobody sees one
 * QUEUED before its message is confirmed. It sleeps until the next operation is due or until
 * something wakes it; the poll interval is only a fallback.
 */
@Component
class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** Shortest sleep when nothing was claimed; stops a spin while another scheduler holds rows. */
  private static final Duration MIN_IDLE_SLEEP = Duration.ofMillis(50);

  private final OperationRepository repository;
  private final OperationPublisher publisher;
  private final TransactionTemplate transactions;
  private final DispatchWaiter waiter;
  private final SchedulerProperties.Dispatch settings;
  private final Counter published;
  private final Counter unroutable;
  private final Counter unconfirmed;
  private volatile Thread thread;
  private volatile boolean running;

  Dispatcher(
      OperationRepository repository,
      OperationPublisher publisher,
      TransactionTemplate transactions,
      DispatchWaiter waiter,
      SchedulerProperties properties,
      MeterRegistry meters) {
    this.repository = repository;
    this.publisher = publisher;
    this.transactions = transactions;
    this.waiter = waiter;
    this.settings = properties.dispatch();
    this.published = meters.counter("operations.dispatch.published");
    this.unroutable = meters.counter("operations.dispatch.unroutable");
    this.unconfirmed = meters.counter("operations.dispatch.unconfirmed");
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::runUntilStopped, "dispatcher");
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(settings.confirmTimeout().toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void runUntilStopped() {
    log.info("Dispatcher started (batch size {})", settings.batchSize());
    while (running) {
      try {
        int claimed = dispatchOnce();
        if (claimed == 0) {
          waiter.await(idleSleep());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        log.warn(
            "Dispatch pass failed; operations stay PENDING, next try in {}: {}",
            settings.failureBackoff(),
            e.toString());
        if (!pauseAfterFailure()) {
          break;
        }
      }
    }
    log.info("Dispatcher stopped");
  }

  /** One pass: claim, publish, hand back the unpublished. Returns how many it claimed. */
  int dispatchOnce() throws InterruptedException {
    Integer claimed =
        transactions.execute(
            tx -> {
              List<Operation> due = repository.claimDue(settings.batchSize());
              if (due.isEmpty()) {
                return 0;
              }
              PublishResult result = publishInterruptibly(due);
              repository.unclaim(result.unroutable(), settings.unroutableDelay());
              repository.unclaim(result.unconfirmed(), settings.failureBackoff());
              record(result);
              return due.size();
            });
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    return claimed == null ? 0 : claimed;
  }

  private PublishResult publishInterruptibly(List<Operation> due) {
    try {
      return publisher.publish(due);
    } catch (InterruptedException e) {
      // Roll back: the claimed rows stay PENDING and the next scheduler to run takes them.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("dispatch interrupted while waiting for confirms", e);
    }
  }

  private void record(PublishResult result) {
    published.increment(result.confirmed().size());
    if (!result.unroutable().isEmpty()) {
      unroutable.increment(result.unroutable().size());
      log.warn(
          "No worker pool is bound for {} operation(s) {}; they stay PENDING and are tried again in"
              + " {}",
          result.unroutable().size(),
          result.unroutable(),
          settings.unroutableDelay());
    }
    if (!result.unconfirmed().isEmpty()) {
      unconfirmed.increment(result.unconfirmed().size());
      log.warn(
          "Broker did not confirm {} operation(s); they stay PENDING and are tried again in {}",
          result.unconfirmed().size(),
          settings.failureBackoff());
    }
    log.debug("Dispatched {} operation(s)", result.confirmed().size());
  }

  private Duration idleSleep() {
    Duration untilDue = repository.nextDueIn().orElse(settings.pollInterval());
    if (untilDue.compareTo(settings.pollInterval()) > 0) {
      return settings.pollInterval();
    }
    return untilDue.compareTo(MIN_IDLE_SLEEP) < 0 ? MIN_IDLE_SLEEP : untilDue;
  }

  private boolean pauseAfterFailure() {
    try {
      waiter.await(settings.failureBackoff());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public int getPhase() {
    // Stop before the listener containers and the connection factory, start after them.
    return Integer.MAX_VALUE - 100;
  }
}
