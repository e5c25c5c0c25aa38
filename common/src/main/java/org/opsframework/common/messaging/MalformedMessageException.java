package org.opsframework.common.messaging;

/** A message that cannot be read; it is dead-lettered rather than retried. */
public class MalformedMessageException extends RuntimeException {

  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
