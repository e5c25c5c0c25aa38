package org.opsframework.worker.execution;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.worker.config.WorkerProperties;
import org.opsframework.worker.execution.OutcomePublisher.OutcomeNotConfirmed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends finished attempts' outcomes and settles their operation messages, off the threads that run
 * the functions. Whatever finished while the previous send awaited its confirm goes out together as
 * one persistent message (up to {@code operations.execution.outcome-batch-size} outcomes), and only
 * once the broker has confirmed it are the operations acknowledged. An outcome the broker did not
 * take returns its operation to the queue, to run again.
 *
 * <p>This thread settles every operation message the consumers take, also the ones they reject, in
 * the order each consumer handed them over, so that it can acknowledge a run of messages on one
 * channel with a single multiple acknowledgement.
 */
@Component
class OutcomeSender implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutcomeSender.class);

  /** What becomes of an operation message. */
  enum Settlement {
    ACK,
    REQUEUE,
    DEAD_LETTER
  }

  /**
   * An operation message to settle: after sending {@code outcome}, or, when it is null, as {@code
   * settlement} says.
   */
  record Handover(
      OutcomeMessage outcome,
      Settlement settlement,
      Channel channel,
      long tag,
      CompletableFuture<Settlement> settled) {}

  private final BlockingQueue<Handover> handed = new LinkedBlockingQueue<>();
  private final OutcomePublisher publisher;
  private final int batchSize;

  /** Handed over and not yet settled. */
  private final AtomicInteger unsettled = new AtomicInteger();

  private volatile boolean running;
  private volatile Thread thread;

  OutcomeSender(OutcomePublisher publisher, WorkerProperties properties) {
    this.publisher = publisher;
    this.batchSize = properties.execution().outcomeBatchSize();
  }

  /** Sends {@code outcome}, then acknowledges the message, or requeues it if the send failed. */
  CompletableFuture<Settlement> send(OutcomeMessage outcome, Channel channel, long tag) {
    return hand(new Handover(outcome, null, channel, tag, new CompletableFuture<>()));
  }

  /** Settles a message that has no outcome to send (unreadable, or interrupted). */
  CompletableFuture<Settlement> settle(Settlement settlement, Channel channel, long tag) {
    return hand(new Handover(null, settlement, channel, tag, new CompletableFuture<>()));
  }

  private CompletableFuture<Settlement> hand(Handover handover) {
    unsettled.incrementAndGet();
    handed.add(handover);
    return handover.settled();
  }

  /** Waits until everything handed over so far is settled, or {@code millis} have passed. */
  boolean awaitIdle(long millis) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (unsettled.get() > 0) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::runUntilStopped, "outcome-sender");
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

  /** Starts before the operation consumers and stops after them (see MessagingConfiguration). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 20;
  }

  private void runUntilStopped() {
    while (running) {
      List<Handover> batch = new ArrayList<>();
      try {
        Handover first = handed.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        int outcomes = first.outcome() == null ? 0 : 1;
        Handover next;
        while (outcomes < batchSize && (next = handed.poll()) != null) {
          batch.add(next);
          outcomes += next.outcome() == null ? 0 : 1;
        }
        sendAndSettle(batch);
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  private void sendAndSettle(List<Handover> batch) throws InterruptedException {
    List<OutcomeMessage> outcomes = new ArrayList<>();
    batch.stream().filter(h -> h.outcome() != null).forEach(h -> outcomes.add(h.outcome()));
    Settlement afterSend = Settlement.ACK;
    if (!outcomes.isEmpty()) {
      try {
        publisher.publishConfirmed(outcomes);
      } catch (OutcomeNotConfirmed e) {
        log.warn(
            "{}; returning {} operation(s) to the queue to run again",
            e.getMessage(),
            outcomes.size());
        afterSend = Settlement.REQUEUE;
      }
    }
    Runs runs = new Runs();
    for (Handover h : batch) {
      runs.add(h.channel(), h.tag(), h.outcome() == null ? h.settlement() : afterSend);
    }
    runs.flushAll();
    for (Handover h : batch) {
      h.settled().complete(h.outcome() == null ? h.settlement() : afterSend);
    }
    unsettled.addAndGet(-batch.size());
  }

  /**
   * Consecutive messages on one channel that end the same way, settled with one multiple
   * acknowledgement or rejection. Each consumer hands its messages over in delivery order and this
   * thread settles them all, so everything before the last tag of a run is already settled or in
   * it.
   */
  private static final class Runs {
    private final Map<Channel, Long> lastTag = new LinkedHashMap<>();
    private final Map<Channel, Settlement> kind = new LinkedHashMap<>();

    void add(Channel channel, long tag, Settlement settlement) {
      Settlement current = kind.get(channel);
      if (current != null && current != settlement) {
        flush(channel);
      }
      kind.put(channel, settlement);
      lastTag.put(channel, tag);
    }

    void flushAll() {
      for (Channel channel : new ArrayList<>(kind.keySet())) {
        flush(channel);
      }
    }

    private void flush(Channel channel) {
      Settlement settlement = kind.remove(channel);
      long tag = lastTag.remove(channel);
      try {
        switch (settlement) {
          case ACK -> channel.basicAck(tag, true);
          case REQUEUE -> channel.basicNack(tag, true, true);
          case DEAD_LETTER -> channel.basicNack(tag, true, false);
        }
      } catch (IOException | RuntimeException e) {
        // The channel closed: the broker redelivers these, and the attempt runs again.
        log.warn("Could not settle operation messages up to {}: {}", tag, e.toString());
      }
    }
  }
}
