package org.opsframework.common;

/**
 * Thrown by a trigger function to say that the operation cannot finish yet because it waits on
 * something outside the platform (a person's approval, another system's job). The operation goes to
 * WAIT instead of failing: a callback to the scheduler's API completes it with a result or an
 * error, and when none arrives within the wait interval it runs again, so the function can check
 * once more. After too many waits it fails with reason {@code wait-exhausted}.
 *
 * <p>It is control flow, not an error: it carries no stack trace.
 */
public final class OperationWait extends RuntimeException {

  private OperationWait(String reason) {
    super(reason, null, false, false);
  }

  /**
   * Asks to wait for a callback.
   *
   * @param reason what the operation waits for, for a person (logged by worker and scheduler)
   */
  public static OperationWait forCallback(String reason) {
    return new OperationWait(
        reason == null || reason.isBlank() ? "waiting for a callback" : reason);
  }

  /** What the operation waits for. */
  public String reason() {
    return getMessage();
  }
}
