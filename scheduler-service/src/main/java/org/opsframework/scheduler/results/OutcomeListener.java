package org.opsframework.scheduler.results;

import com.rabbitmq.client.Channel;
import java.util.List;
import org.opsframework.common.messaging.MalformedMessageException;
import org.opsframework.common.messaging.MessageCodec;
import org.opsframework.common.messaging.OutcomeMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the results queue (manual acknowledgement) and hands each message, read, to the {@link
 * OutcomeWriter}, which writes it and then settles it. It never acknowledges anything itself, so
 * that every delivery is settled once, in order, by the writer.
 */
@Component
class OutcomeListener implements ChannelAwareMessageListener {

  private final MessageCodec codec;
  private final OutcomeWriter writer;

  OutcomeListener(MessageCodec codec, OutcomeWriter writer) {
    this.codec = codec;
    this.writer = writer;
  }

  @Override
  public void onMessage(Message message, Channel channel) throws InterruptedException {
    long tag = message.getMessageProperties().getDeliveryTag();
    try {
      writer.put(OutcomeWriter.Delivery.of(read(message), channel, tag));
    } catch (MalformedMessageException e) {
      writer.put(OutcomeWriter.Delivery.unreadable(e.getMessage(), channel, tag));
    }
  }

  private List<OutcomeMessage> read(Message message) {
    List<OutcomeMessage> outcomes = codec.decodeOneOrMany(message, OutcomeMessage.class);
    for (OutcomeMessage outcome : outcomes) {
      if (outcome.operationId() == null || outcome.type() == null) {
        throw new MalformedMessageException("operationId and type are required");
      }
    }
    return outcomes;
  }
}
