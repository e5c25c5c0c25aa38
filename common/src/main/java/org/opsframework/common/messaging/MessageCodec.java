package org.opsframework.common.messaging;

import java.util.List;
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

  /**
   * Reads a message body that holds either one {@code type} or a JSON array of them (several
   * outcomes packed into one message).
   *
   * @throws MalformedMessageException when the body is neither, or the array is empty or holds a
   *     null
   */
  public <T> List<T> decodeOneOrMany(Message message, Class<T> type) {
    byte[] body = message.getBody();
    int first = 0;
    while (first < body.length && Character.isWhitespace(body[first])) {
      first++;
    }
    if (first == body.length || body[first] != '[') {
      return List.of(decode(message, type));
    }
    try {
      List<T> values =
          json.readValue(body, json.getTypeFactory().constructCollectionType(List.class, type));
      if (values.isEmpty() || values.contains(null)) {
        throw new MalformedMessageException("an empty array, or one holding null");
      }
      return values;
    } catch (JacksonException e) {
      throw new MalformedMessageException(
          "not a valid array of " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
