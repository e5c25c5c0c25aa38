package org.opsframework.scheduler.results;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.opsframework.common.messaging.ErrorInfo;
import org.opsframework.common.messaging.MalformedMessageException;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OperationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Consumes operations that a pool queue dead-lettered because they were delivered too often without
 * an outcome: every worker that took them died. That counts as a failed attempt, so a poisonous
 * input uses up its retries and ends FAILED instead of crashing workers forever.
 */
@Component
class DeadOperationListener implements MessageListener {

  private static final Logger log = LoggerFactory.getLogger(DeadOperationListener.class);

  private final MessageCodec codec;
  private final OutcomeApplier applier;
  private final DatabasePause pause;
  private final Clock clock;

  DeadOperationListener(
      MessageCodec codec, OutcomeApplier applier, DatabasePause pause, Clock clock) {
    this.codec = codec;
    this.applier = applier;
    this.pause = pause;
    this.clock = clock;
  }

  @Override
  public void onMessage(Message message) {
    OperationMessage op;
    try {
      op = codec.decode(message, OperationMessage.class);
    } catch (MalformedMessageException e) {
      log.error("Dropping an unreadable dead-lettered operation: {}", e.getMessage());
      throw new AmqpRejectAndDontRequeueException(e.getMessage(), e);
    }
    ErrorInfo error =
        new ErrorInfo(
            "DeliveryLimitExceeded",
            "the pool queue gave up on it after repeated deliveries without an outcome ("
                + deliveries(message)
                + "): the workers running it crashed or were killed",
            op.attempt(),
            null,
            clock.instant(),
            true);
    try {
      applier.failAttempt(op.operationId(), error);
    } catch (DataAccessException e) {
      pause.afterFailure(e);
      throw e;
    }
  }

  /** What the dead-lettering headers say about it, for the error message. */
  private static String deliveries(Message message) {
    Object deaths = message.getMessageProperties().getHeaders().get("x-death");
    if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> m) {
      return "reason " + m.get("reason") + ", queue " + m.get("queue");
    }
    return "delivery limit reached";
  }
}
