package org.opsframework.worker.execution;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.common.messaging.Topology;
import org.opsframework.worker.config.WorkerProperties;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Sends outcomes to the scheduler's results queue, persistent and confirmed by the broker. */
@Component
class OutcomePublisher {

  private final RabbitTemplate rabbit;
  private final MessageCodec codec;
  private final Topology topology;
  private final WorkerProperties.Execution settings;

  OutcomePublisher(
      RabbitTemplate rabbit, MessageCodec codec, Topology topology, WorkerProperties properties) {
    this.rabbit = rabbit;
    this.codec = codec;
    this.topology = topology;
    this.settings = properties.execution();
  }

  /**
   * Publishes the outcomes, several as one message, and waits for the broker to confirm that the
   * results queue holds it.
   *
   * @throws OutcomeNotConfirmed when it does not; the caller must not acknowledge the operation
   */
  void publishConfirmed(List<OutcomeMessage> outcomes) throws InterruptedException {
    OutcomeMessage first = outcomes.get(0);
    String what =
        outcomes.size() == 1 ? "the " + first.type() + " outcome" : outcomes.size() + " outcomes";
    CorrelationData correlation =
        outcomes.size() == 1
            ? send(first)
            : send(
                outcomes,
                first.operationId() + "/" + first.attempt() + "+" + (outcomes.size() - 1),
                what);
    try {
      CorrelationData.Confirm confirm =
          correlation.getFuture().get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!confirm.ack() || correlation.getReturned() != null) {
        throw new OutcomeNotConfirmed("broker refused " + what + ": " + confirm.reason());
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new OutcomeNotConfirmed("no confirm for " + what, e);
    }
  }

  /** Publishes without waiting; for liveness reports, where a lost one is harmless. */
  void publish(OutcomeMessage outcome) {
    send(outcome);
  }

  private CorrelationData send(OutcomeMessage outcome) {
    return send(
        outcome,
        outcome.operationId() + "/" + outcome.attempt(),
        "the " + outcome.type() + " outcome");
  }

  /** Publishes one outcome, or several as a JSON array in one message. */
  private CorrelationData send(Object body, String messageId, String what) {
    CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
    try {
      rabbit.send("", topology.resultsQueue(), codec.encode(body, messageId), correlation);
    } catch (AmqpException e) {
      throw new OutcomeNotConfirmed("could not publish " + what, e);
    }
    return correlation;
  }

  /** The broker did not take an outcome; the operation's message must go back to the queue. */
  static class OutcomeNotConfirmed extends RuntimeException {
    OutcomeNotConfirmed(String message) {
      super(message);
    }

    OutcomeNotConfirmed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
