package org.opsframework.scheduler.results;

import org.opsframework.common.messaging.MalformedMessageException;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OutcomeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Consumes the results queue. A message is acknowledged only after its outcome is written; an
 * unreadable one is dead-lettered for inspection; a database failure requeues it.
 */
@Component
class OutcomeListener implements MessageListener {

  private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

  private final MessageCodec codec;
  private final OutcomeApplier applier;
  private final DatabasePause pause;

  OutcomeListener(MessageCodec codec, OutcomeApplier applier, DatabasePause pause) {
    this.codec = codec;
    this.applier = applier;
    this.pause = pause;
  }

  @Override
  public void onMessage(Message message) {
    OutcomeMessage outcome;
    try {
      outcome = codec.decode(message, OutcomeMessage.class);
      if (outcome.operationId() == null || outcome.type() == null) {
        throw new MalformedMessageException("operationId and type are required");
      }
    } catch (MalformedMessageException e) {
      log.error("Dead-lettering an unreadable result message: {}", e.getMessage());
      throw new AmqpRejectAndDontRequeueException(e.getMessage(), e);
    }
    try {
      applier.apply(outcome);
    } catch (DataAccessException e) {
      pause.afterFailure(e);
      throw e;
    } catch (RuntimeException e) {
      // Not the database's fault: the same message would fail the same way forever.
      log.error(
          "Dead-lettering result {} of operation {}: applying it failed: {}",
          outcome.type(),
          outcome.operationId(),
          e.toString());
      throw new AmqpRejectAndDontRequeueException(e.getMessage(), e);
    }
  }
}
