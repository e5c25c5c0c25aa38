package org.opsframework.worker.execution;

import com.rabbitmq.client.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opsframework.common.OperationContext;
import org.opsframework.common.OperationFailure;
import org.opsframework.common.OperationWait;
import org.opsframework.common.TriggerFunction;
import org.opsframework.common.messaging.ErrorInfo;
import org.opsframework.common.messaging.MalformedMessageException;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OperationMessage;
import org.opsframework.common.messaging.OutcomeMessage;
import org.opsframework.worker.config.WorkerProperties;
import org.opsframework.worker.execution.OutcomePublisher.OutcomeNotConfirmed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Takes one operation from the pool queue: reports PROCESSING, runs the trigger function, publishes
 * the outcome (SUCCESS, FAILED, or WAIT when the function threw {@link OperationWait}) with a
 * confirm, and only then acknowledges the message. If the worker dies anywhere in between, the
 * broker hands the message to another worker; if an outcome cannot be published, the message is
 * requeued and the operation runs again (at-least-once, fenced by the attempt).
 */
@Component
public class OperationConsumer implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(OperationConsumer.class);

  private final MessageCodec codec;
  private final FunctionRegistry functions;
  private final FunctionRunner runner;
  private final OutcomePublisher publisher;
  private final InFlightOperations inFlight;
  private final WorkerIdentity identity;
  private final WorkerProperties.Storage storage;
  private final Clock clock;

  OperationConsumer(
      MessageCodec codec,
      FunctionRegistry functions,
      FunctionRunner runner,
      OutcomePublisher publisher,
      InFlightOperations inFlight,
      WorkerIdentity identity,
      WorkerProperties properties,
      Clock clock) {
    this.codec = codec;
    this.functions = functions;
    this.runner = runner;
    this.publisher = publisher;
    this.inFlight = inFlight;
    this.identity = identity;
    this.storage = properties.storage();
    this.clock = clock;
  }

  @Override
  public void onMessage(Message message, Channel channel) throws Exception {
    long tag = message.getMessageProperties().getDeliveryTag();
    OperationMessage op;
    try {
      op = decode(message);
    } catch (MalformedMessageException e) {
      log.error(
          "Rejecting an unreadable operation message to the dead letters: {}", e.getMessage());
      channel.basicReject(tag, false);
      return;
    }
    MDC.put("operationId", op.operationId().toString());
    MDC.put("triggerFunction", op.triggerFunction());
    MDC.put("attempt", String.valueOf(op.attempt()));
    try {
      OutcomeMessage outcome = execute(op);
      publisher.publishConfirmed(outcome);
      channel.basicAck(tag, false);
      log.debug("Finished with {}", outcome.type());
    } catch (OutcomeNotConfirmed e) {
      log.warn("{}; returning the operation to the queue to run again", e.getMessage());
      channel.basicNack(tag, false, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while running; returning the operation to the queue");
      channel.basicNack(tag, false, true);
    } finally {
      MDC.remove("operationId");
      MDC.remove("triggerFunction");
      MDC.remove("attempt");
    }
  }

  private OperationMessage decode(Message message) {
    OperationMessage op = codec.decode(message, OperationMessage.class);
    if (op.operationId() == null || op.triggerFunction() == null || op.inputs() == null) {
      throw new MalformedMessageException("operationId, triggerFunction and inputs are required");
    }
    return op;
  }

  private OutcomeMessage execute(OperationMessage op) throws InterruptedException {
    TriggerFunction function = functions.find(op.triggerFunction()).orElse(null);
    if (function == null) {
      return failure(
          op, OperationFailure.permanent("this pool does not serve " + op.triggerFunction()));
    }
    Instant start = clock.instant();
    publisher.publishConfirmed(
        OutcomeMessage.processing(op.operationId(), op.attempt(), identity.id(), start));
    OperationContext context =
        new OperationContext(
            op.operationId(),
            op.attempt(),
            start.plus(Duration.ofMillis(op.timeoutMillis())),
            storage.root(),
            () -> inFlight.touchedByFunction(op));
    inFlight.started(op);
    try {
      JsonNode result = runner.run(function, context, op.inputs());
      log.info("Succeeded in {} ms", Duration.between(start, clock.instant()).toMillis());
      return OutcomeMessage.success(
          op.operationId(), op.attempt(), identity.id(), clock.instant(), result);
    } catch (InterruptedException e) {
      throw e;
    } catch (OperationWait e) {
      log.info(
          "Waiting after {} ms: {}",
          Duration.between(start, clock.instant()).toMillis(),
          e.reason());
      return OutcomeMessage.waiting(
          op.operationId(), op.attempt(), identity.id(), clock.instant(), e.reason());
    } catch (Exception e) {
      OutcomeMessage failed = failure(op, e);
      log.info(
          "Failed ({}retryable): {}: {}",
          failed.error().retryable() ? "" : "not ",
          failed.error().errorClass(),
          failed.error().message());
      return failed;
    } finally {
      inFlight.finished(op);
    }
  }

  private OutcomeMessage failure(OperationMessage op, Exception e) {
    boolean retryable = !(e instanceof OperationFailure failure) || failure.retryable();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    ErrorInfo error =
        new ErrorInfo(
            e.getClass().getName(),
            message,
            op.attempt(),
            identity.id(),
            clock.instant(),
            retryable);
    return OutcomeMessage.failed(op.operationId(), identity.id(), error);
  }
}
