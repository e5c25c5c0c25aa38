package org.opsframework.scheduler.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OperationMessage;
import org.opsframework.common.messaging.Topology;
import org.opsframework.scheduler.config.SchedulerProperties;
import org.opsframework.scheduler.persistence.Operation;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a batch of operations as persistent messages and waits for the broker's confirms, all
 * outstanding at once. Only a confirmed message that was routed to a queue counts as published.
 */
@Component
class OperationPublisher {

  private final RabbitTemplate rabbit;
  private final MessageCodec codec;
  private final Topology topology;
  private final SchedulerProperties.Dispatch settings;

  OperationPublisher(
      RabbitTemplate rabbit,
      MessageCodec codec,
      Topology topology,
      SchedulerProperties properties) {
    this.rabbit = rabbit;
    this.codec = codec;
    this.topology = topology;
    this.settings = properties.dispatch();
  }

  /**
   * Publishes on one channel, held for the whole batch: a channel with confirms outstanding does
   * not go back to the cache, so publishing each message on a channel of its own would open a new
   * channel (two round trips to the broker) for nearly every message.
   */
  PublishResult publish(List<Operation> operations) throws InterruptedException {
    long timeoutMillis = settings.executionTimeout().toMillis();
    List<CorrelationData> pending = new ArrayList<>(operations.size());
    PublishResult result =
        rabbit.invoke(
            channel -> {
              for (Operation op : operations) {
                // claimDue has already started the attempt.
                int attempt = op.retryCounter();
                OperationMessage message =
                    new OperationMessage(
                        op.id(),
                        attempt,
                        op.triggerFunction(),
                        op.inputs(),
                        timeoutMillis,
                        traceparent(op.id()));
                CorrelationData correlation = new CorrelationData(op.id().toString());
                channel.send(
                    topology.operationsExchange(),
                    op.triggerFunction(),
                    codec.encode(message, op.id() + "/" + attempt),
                    correlation);
                pending.add(correlation);
              }
              try {
                return awaitConfirms(pending);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
              }
            });
    if (result == null) {
      throw new InterruptedException("interrupted while waiting for confirms");
    }
    return result;
  }

  private PublishResult awaitConfirms(List<CorrelationData> pending) throws InterruptedException {
    long waitUntil = System.nanoTime() + settings.confirmTimeout().toNanos();
    List<UUID> confirmed = new ArrayList<>();
    List<UUID> unroutable = new ArrayList<>();
    List<UUID> unconfirmed = new ArrayList<>();
    for (CorrelationData correlation : pending) {
      UUID id = UUID.fromString(correlation.getId());
      try {
        long left = Math.max(0, waitUntil - System.nanoTime());
        CorrelationData.Confirm confirm = correlation.getFuture().get(left, TimeUnit.NANOSECONDS);
        // The broker reports an unroutable mandatory message before it confirms it.
        if (correlation.getReturned() != null) {
          unroutable.add(id);
        } else if (confirm.ack()) {
          confirmed.add(id);
        } else {
          unconfirmed.add(id);
        }
      } catch (TimeoutException | ExecutionException e) {
        unconfirmed.add(id);
      }
    }
    return new PublishResult(confirmed, unroutable, unconfirmed);
  }

  /** A W3C trace context whose trace id is the operation id, so traces are easy to find. */
  private static String traceparent(UUID id) {
    String traceId = id.toString().replace("-", "");
    String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong() | 1L);
    return "00-" + traceId + "-" + spanId + "-01";
  }
}
