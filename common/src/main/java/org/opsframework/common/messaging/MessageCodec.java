package org.opsframework.common.messaging;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns messages into persistent JSON AMQP messages and back. Both services use this one codec so
 * that the wire format has a single definition.
 */
public final class MessageCodec {

  private final JsonMapper json;

  public MessageCodec(JsonMapper json) {
    this.json = json;
  }

  /** A persistent JSON message holding {@code body}. */
  public Message encode(Object body, String messageId) {
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding("UTF-8");
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(messageId);
    return new Message(json.writeValueAsBytes(body), properties);
  }

  /**
   * Reads a message body as {@code type}.
   *
   * @throws MalformedMessageException when the body is not a valid message of that type
   */
  public <T> T decode(Message message, Class<T> type) {
    try {
      T value = json.readValue(message.getBody(), type);
      if (value == null) {
        throw new MalformedMessageException("empty message body");
      }
      return value;
    } catch (JacksonException e) {
      throw new MalformedMessageException(
          "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
