package org.opsframework.scheduler.results;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.common.messaging.OutcomeType;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes worker reports to the database in batches and only then settles their messages: one
 * transaction, one commit and one acknowledgement (multiple) for everything that arrived while the
 * previous batch was being written. Under light load a batch is a single message and waits for
 * nothing; under heavy load batches grow, so the commits per second stay few while the reports per
 * second grow. That is the whole trick: the disk flushes once per batch instead of once per report.
 *
 * <p>Messages are settled in delivery order by this one thread: acknowledged once written, rejected
 * (to the dead-letter queue) when unreadable or when writing them fails for a reason that would not
 * go away. When the database is unreachable the batch is kept, unacknowledged, and tried again
 * after a pause; if the scheduler stops meanwhile, the broker redelivers it and applying a report
 * twice changes nothing.
 */
@Component
class OutcomeWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

  /** A results message as read, with what is needed to settle it. */
  record Delivery(List<OutcomeMessage> outcomes, String problem, Channel channel, long tag) {

    static Delivery of(List<OutcomeMessage> outcomes, Channel channel, long tag) {
      return new Delivery(outcomes, null, channel, tag);
    }

    static Delivery unreadable(String problem, Channel channel, long tag) {
      return new Delivery(List.of(), problem, channel, tag);
    }
  }

  private final BlockingQueue<Delivery> arrived = new LinkedBlockingQueue<>();
  private final OutcomeApplier applier;
  private final TransactionTemplate transactions;
  private final DatabasePause pause;
  private final int maxBatch;
  private final DistributionSummary batchSizes;
  private volatile boolean running;
  private volatile Thread thread;

  OutcomeWriter(
      OutcomeApplier applier,
      TransactionTemplate transactions,
      DatabasePause pause,
      SchedulerProperties properties,
      MeterRegistry meters) {
    this.applier = applier;
    this.transactions = transactions;
    this.pause = pause;
    this.maxBatch = properties.results().batchSize();
    this.batchSizes =
        DistributionSummary.builder("operations.outcomes.batch.size")
            .description("worker reports written per transaction")
            .register(meters);
  }

  void put(Delivery delivery) throws InterruptedException {
    arrived.put(delivery);
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::runUntilStopped, "outcome-writer");
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before the result consumers and stops after them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }

  private void runUntilStopped() {
    while (running) {
      try {
        List<Delivery> batch = nextBatch();
        if (!batch.isEmpty()) {
          write(batch);
        }
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  /** Waits for one delivery, then takes whatever else has arrived, up to the batch size. */
  private List<Delivery> nextBatch() throws InterruptedException {
    List<Delivery> batch = new ArrayList<>();
    Delivery first = arrived.poll(1, TimeUnit.SECONDS);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    int outcomes = first.outcomes().size();
    Delivery next;
    while (outcomes < maxBatch && (next = arrived.poll()) != null) {
      batch.add(next);
      outcomes += next.outcomes().size();
    }
    return batch;
  }

  private void write(List<Delivery> batch) throws InterruptedException {
    List<OutcomeMessage> outcomes = new ArrayList<>();
    batch.forEach(d -> outcomes.addAll(d.outcomes()));
    if (writeRetrying(outcomes) == null) {
      settle(batch, List.of());
    } else {
      writeOneByOne(batch);
    }
  }

  /**
   * A batch failed for a reason that would fail it again: writes each message on its own, and a
   * message that still fails report by report, so that only the report at fault is set aside. A
   * SUCCESS whose result the database refuses is recorded as a failed attempt that says so; a
   * report that cannot be written at all takes its message to the dead letters.
   */
  private void writeOneByOne(List<Delivery> batch) throws InterruptedException {
    List<Delivery> rejected = new ArrayList<>();
    for (Delivery delivery : batch) {
      if (delivery.problem() != null) {
        continue;
      }
      if (writeRetrying(delivery.outcomes()) == null) {
        continue;
      }
      for (OutcomeMessage outcome : delivery.outcomes()) {
        if (!writeAlone(outcome)) {
          rejected.add(delivery);
          break;
        }
      }
    }
    settle(batch, rejected);
  }

  /**
   * Writes reports in one transaction, waiting out database outages.
   *
   * @return null when written, else the failure that would come again
   */
  private RuntimeException writeRetrying(List<OutcomeMessage> outcomes)
      throws InterruptedException {
    while (true) {
      try {
        transactions.executeWithoutResult(tx -> applier.applyAll(outcomes));
        batchSizes.record(outcomes.size());
        return null;
      } catch (RuntimeException e) {
        if (!comesAgain(e)) {
          return e;
        }
        waitOut(e);
      }
    }
  }

  /** Writes one report that failed with its message. Returns false when it cannot be written. */
  private boolean writeAlone(OutcomeMessage outcome) throws InterruptedException {
    RuntimeException failure = writeRetrying(List.of(outcome));
    if (failure == null) {
      return true;
    }
    if (outcome.type() == OutcomeType.SUCCESS) {
      String why = rootMessage(failure);
      log.error(
          "The result of operation {} attempt {} cannot be stored ({}); recording the attempt as"
              + " failed",
          outcome.operationId(),
          outcome.attempt(),
          why);
      try {
        transactions.executeWithoutResult(tx -> applier.failUnstorableResult(outcome, why));
        return true;
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    log.error(
        "Dead-lettering the results message holding {} of operation {} attempt {}: applying it"
            + " failed: {}",
        outcome.type(),
        outcome.operationId(),
        outcome.attempt(),
        failure.toString());
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** Whether the same write could succeed later: the database, not the message, is at fault. */
  private static boolean comesAgain(RuntimeException e) {
    return e instanceof TransactionException
        || (e instanceof DataAccessException && !(e instanceof DataIntegrityViolationException));
  }

  private void waitOut(RuntimeException e) throws InterruptedException {
    if (!running) {
      // Stopping: leave the batch unacknowledged; the broker gives it to the next scheduler.
      throw new InterruptedException("stopped while the database was failing");
    }
    pause.afterFailure(e);
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("stopped while the database was failing");
    }
  }

  /**
   * Settles the batch in delivery order: a run of written messages on one channel with a single
   * multiple acknowledgement, an unreadable or rejected one with a reject that dead-letters it.
   */
  private void settle(List<Delivery> batch, List<Delivery> rejected) {
    Delivery run = null;
    for (Delivery delivery : batch) {
      boolean reject = delivery.problem() != null || rejected.contains(delivery);
      if (!reject) {
        if (run != null && run.channel() != delivery.channel()) {
          ack(run);
        }
        run = delivery;
        continue;
      }
      if (run != null) {
        ack(run);
        run = null;
      }
      if (delivery.problem() != null) {
        log.error("Dead-lettering an unreadable result message: {}", delivery.problem());
      }
      try {
        delivery.channel().basicReject(delivery.tag(), false);
      } catch (IOException | RuntimeException e) {
        log.warn("Could not reject result message {}: {}", delivery.tag(), e.toString());
      }
    }
    if (run != null) {
      ack(run);
    }
  }

  /** Acknowledges {@code last} and every earlier unsettled delivery on its channel. */
  private static void ack(Delivery last) {
    try {
      last.channel().basicAck(last.tag(), true);
    } catch (IOException | RuntimeException e) {
      // The channel closed: the broker redelivers, and writing the reports again changes nothing.
      log.warn("Could not acknowledge result messages up to {}: {}", last.tag(), e.toString());
    }
  }
}
