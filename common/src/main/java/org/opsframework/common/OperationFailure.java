package org.opsframework.common;

/**
 * Thrown by a trigger function to say why it failed and whether trying again can help. A permanent
 * failure (an undecodable file, a missing input) ends the operation FAILED at once; a retryable one
 * goes back to PENDING with backoff while attempts remain.
 */
public class OperationFailure extends RuntimeException {

  private final boolean retryable;

  private OperationFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** A failure that will happen again on every attempt: the operation fails without retrying. */
  public static OperationFailure permanent(String message) {
    return new OperationFailure(message, false, null);
  }

  /** A permanent failure caused by {@code cause}. */
  public static OperationFailure permanent(String message, Throwable cause) {
    return new OperationFailure(message, false, cause);
  }

  /** A failure that a later attempt may not see (a busy resource, a timeout). */
  public static OperationFailure retryable(String message) {
    return new OperationFailure(message, true, null);
  }

  /** A retryable failure caused by {@code cause}. */
  public static OperationFailure retryable(String message, Throwable cause) {
    return new OperationFailure(message, true, cause);
  }

  public boolean retryable() {
    return retryable;
  }
}
