package org.opsframework.worker.execution;

import com.rabbitmq.client.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.opsframework.worker.execution.OutcomeSender.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Takes operations from the pool queue and runs them: the trigger function runs, its outcome
 * (SUCCESS, FAILED, or WAIT when the function threw {@link OperationWait}) goes to the {@link
 * OutcomeSender}, which publishes it with a confirm and only then acknowledges the operation's
 * message. Meanwhile this consumer takes the next operation. If the worker dies anywhere in
 * between, the broker hands the unacknowledged messages to another worker; if an outcome cannot be
 * published, its message is requeued and the operation runs again (at-least-once, fenced by the
 * attempt).
 *
 * <p>PROCESSING is reported only for an attempt still running after {@code
 * operations.execution.processing-report-delay}: a quick operation costs one outcome message, not
 * two, and the scheduler derives its start from the run time its outcome carries.
 *
 * <p>When the worker stops, the consumers switch to draining: each waits until its last outcome is
 * confirmed and acknowledged before it returns, so the consumers' channels close with nothing
 * finished left unacknowledged.
 */
@Component
public class OperationConsumer
    implements ChannelAwareMessageListener, ApplicationListener<ContextClosedEvent> {

  private static final Logger log = LoggerFactory.getLogger(OperationConsumer.class);

  private final MessageCodec codec;
  private final FunctionRegistry functions;
  private final FunctionRunner runner;
  private final OutcomePublisher publisher;
  private final OutcomeSender sender;
  private final InFlightOperations inFlight;
  private final WorkerIdentity identity;
  private final WorkerProperties.Storage storage;
  private final WorkerProperties.Execution settings;
  private final Clock clock;
  private volatile boolean draining;

  OperationConsumer(
      MessageCodec codec,
      FunctionRegistry functions,
      FunctionRunner runner,
      OutcomePublisher publisher,
      OutcomeSender sender,
      InFlightOperations inFlight,
      WorkerIdentity identity,
      WorkerProperties properties,
      Clock clock) {
    this.codec = codec;
    this.functions = functions;
    this.runner = runner;
    this.publisher = publisher;
    this.sender = sender;
    this.inFlight = inFlight;
    this.identity = identity;
    this.storage = properties.storage();
    this.settings = properties.execution();
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
      afterHandover(sender.settle(Settlement.DEAD_LETTER, channel, tag));
      return;
    }
    MDC.put("operationId", op.operationId().toString());
    MDC.put("triggerFunction", op.triggerFunction());
    MDC.put("attempt", String.valueOf(op.attempt()));
    try {
      OutcomeMessage outcome = execute(op);
      afterHandover(sender.send(outcome, channel, tag));
      log.debug("Finished with {}", outcome.type());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while running; returning the operation to the queue");
      sender.settle(Settlement.REQUEUE, channel, tag);
    } finally {
      MDC.remove("operationId");
      MDC.remove("triggerFunction");
      MDC.remove("attempt");
    }
  }

  /** While draining, waits until the message is settled, so its channel may close after this. */
  private void afterHandover(CompletableFuture<Settlement> settled) throws InterruptedException {
    if (!draining) {
      return;
    }
    try {
      settled.get(settings.confirmTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Stopping before the outcome was settled; the broker will redeliver it");
    }
  }

  /**
   * The context is closing and the listener container is about to stop (closing is announced before
   * any bean stops): from now on each message waits for its settlement, and whatever was handed
   * over before is settled first.
   */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    draining = true;
    try {
      if (!sender.awaitIdle(settings.confirmTimeout().toMillis() + 1000)) {
        log.warn("Outcomes were still unsettled when the worker began to stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
    long startNanos = System.nanoTime();
    OperationContext context =
        new OperationContext(
            op.operationId(),
            op.attempt(),
            start.plus(Duration.ofMillis(op.timeoutMillis())),
            storage.root(),
            () -> inFlight.touchedByFunction(op));
    inFlight.started(op);
    try {
      JsonNode result =
          runner.run(
              function,
              context,
              op.inputs(),
              settings.processingReportDelay(),
              () -> reportProcessing(op, start));
      log.info("Succeeded in {} ms", Duration.between(start, clock.instant()).toMillis());
      return OutcomeMessage.success(
              op.operationId(), op.attempt(), identity.id(), clock.instant(), result)
          .withRunTime(since(startNanos));
    } catch (InterruptedException e) {
      throw e;
    } catch (OperationWait e) {
      log.info(
          "Waiting after {} ms: {}",
          Duration.between(start, clock.instant()).toMillis(),
          e.reason());
      return OutcomeMessage.waiting(
              op.operationId(), op.attempt(), identity.id(), clock.instant(), e.reason())
          .withRunTime(since(startNanos));
    } catch (Exception e) {
      OutcomeMessage failed = failure(op, e).withRunTime(since(startNanos));
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

  /** Tells the scheduler the attempt runs; not confirmed, as the outcome will follow anyway. */
  private void reportProcessing(OperationMessage op, Instant start) {
    try {
      publisher.publish(
          OutcomeMessage.processing(op.operationId(), op.attempt(), identity.id(), start));
    } catch (OutcomeNotConfirmed e) {
      log.warn("Could not report PROCESSING: {}", e.getMessage());
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
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
